// Where an attachment's bytes are served: only `blob/<sha256>` beside the app, never an arbitrary path.
import { BLOB_PATH_PREFIX } from '../../../shared/ipc';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export type ViewerKind = 'pdf' | 'image' | 'unsupported';

/** The absolute URL of a blob; throws on anything that is not a bare lowercase SHA-256. */
export function attachmentUrl(sha256: string, base: string = document.baseURI): string {
  if (!SHA256_HEX.test(sha256)) throw new Error('attachment hash is not a SHA-256 hex string');
  // Relative to the page (base './'): app://paneldesk/blob/… in the app, http://127.0.0.1:…/blob/… in tests.
  return new URL(`${BLOB_PATH_PREFIX.slice(1)}${sha256}`, base).href;
}

/** How an attachment is shown, from its declared media type. */
export function viewerKind(mediaType: string): ViewerKind {
  const type = mediaType.toLowerCase().split(';')[0]?.trim() ?? '';
  if (type === 'application/pdf') return 'pdf';
  if (type === 'image/png' || type === 'image/jpeg' || type === 'image/jpg') return 'image';
  return 'unsupported';
}
