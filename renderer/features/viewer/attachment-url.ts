// Where an attachment's bytes are served: only `blob/<capability>` beside the app, a name the backend granted
// to the current person for one dossier's attachment (openAttachment); never a hash, never a path.
import { ATTACHMENT_CAPABILITY_RE, BLOB_PATH_PREFIX } from '../../../shared/ipc';
import { call } from '../../api/client';

const SHA256_HEX = /^[0-9a-f]{64}$/;
const RELATIVE_PREFIX = BLOB_PATH_PREFIX.slice(1);

export type ViewerKind = 'pdf' | 'image' | 'unsupported';

export const isSha256 = (v: string): boolean => SHA256_HEX.test(v);

/** The absolute URL of a capability URL (`blob/<capability>`, relative); throws on anything else. */
export function attachmentUrl(relative: string, base: string = document.baseURI): string {
  const cap = relative.startsWith(RELATIVE_PREFIX) ? relative.slice(RELATIVE_PREFIX.length) : '';
  if (!ATTACHMENT_CAPABILITY_RE.test(cap)) throw new Error('not an attachment capability URL');
  // Relative to the page (base './'): app://paneldesk/blob/… in the app, http://127.0.0.1:…/blob/… in tests.
  return new URL(relative, base).href;
}

/** Asks the backend for a capability to this attachment of this dossier, as whoever is signed in now. */
export async function openAttachmentUrl(ref: { sessionId: string; dossierId: string; sha256: string }): Promise<string> {
  const { url } = await call('openAttachment', ref);
  return attachmentUrl(url);
}

/** How an attachment is shown, from its declared media type. */
export function viewerKind(mediaType: string): ViewerKind {
  const type = mediaType.toLowerCase().split(';')[0]?.trim() ?? '';
  if (type === 'application/pdf') return 'pdf';
  if (type === 'image/png' || type === 'image/jpeg' || type === 'image/jpg') return 'image';
  return 'unsupported';
}
