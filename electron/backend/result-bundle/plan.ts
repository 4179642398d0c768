// The bundle's entries before a byte is written (§12.2, §12.7): every document serialized and checked against its
// schema, every attachment named by its blob (hashed again while it streams), the manifests, bag-info and the tag
// manifest. The tag manifest's hash is the bundle hash the seal signs, so it is known before the zip is written.
import { createHash } from 'node:crypto';
import { BAG_INFO_TXT, BAGIT_CONTENT, BAGIT_TXT, FORMAT_VERSION, MANIFEST, TAG_MANIFEST, formatManifest } from '../../../shared/bundle/layout';
import { SESSION_DOCUMENTS, type SessionDocumentName } from '../../../shared/bundle/schema';
import { AppError } from '../../../shared/errors';
import { BUNDLE_TYPE_RESULT, embeddedAttachmentEntry, embeddedSessionEntry } from '../../../shared/result-bundle/layout';
import { RESULT_DOCUMENT_SCHEMAS, type ResultDocumentName } from '../../../shared/result-bundle/schema';
import { formatIssuePath, DOCUMENT_FIELDS } from '../bundles/writer';
import type { SessionBundleContent } from '../../../shared/bundle/schema';
import type { AttachmentRef } from './session-docs';

/** An entry of the zip: bytes in memory, or a file streamed (and hashed again) while the zip is written. */
export type PlannedEntry = { name: string; size: number; sha256: string } & ({ data: Uint8Array } | { file: string });

export interface BundlePlan {
  /** Tag files, then data/ sorted by name; the seal goes between them when it is known. */
  tagEntries: PlannedEntry[];
  dataEntries: PlannedEntry[];
  tagManifest: Uint8Array;
  bundleHash: string;
}

const utf8 = new TextEncoder();
const sha256Hex = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
export const jsonBytes = (v: unknown): Uint8Array => utf8.encode(`${JSON.stringify(v, null, 2)}\n`);

function memoryEntry(name: string, data: Uint8Array): PlannedEntry {
  return { name, data, size: data.length, sha256: sha256Hex(data) };
}

/** A document that fails its own schema is a bug here, never something to write: refused with where it broke. */
function checkedDocument(name: string, value: unknown): PlannedEntry {
  const schema = name in RESULT_DOCUMENT_SCHEMAS ? RESULT_DOCUMENT_SCHEMAS[name as ResultDocumentName] : null;
  const r = schema?.safeParse(value);
  if (!schema || !r?.success) {
    const issue = r?.error?.issues[0];
    throw new AppError('RESULT_BUNDLE_INVALID_DOCUMENT', `${name}: ${issue ? `${formatIssuePath(issue.path)}: ${issue.message}` : 'unknown document'}`, {
      entry: name,
      path: issue ? formatIssuePath(issue.path) : '',
      reason: issue?.message ?? 'unknown document',
    });
  }
  return memoryEntry(name, jsonBytes(value));
}

export function planBundle(args: {
  sessionId: string;
  bundleVersion: number;
  statementVersion: number;
  session: SessionBundleContent;
  attachments: ReadonlyArray<AttachmentRef & { file: string }>;
  documents: ReadonlyMap<string, unknown>;
  prints: ReadonlyArray<{ name: string; data: Uint8Array }>;
}): BundlePlan {
  const data: PlannedEntry[] = [];
  for (const doc of Object.keys(SESSION_DOCUMENTS) as SessionDocumentName[]) {
    // The imported objects as they are (defaults already filled at import): re-parsing could reorder or add members.
    data.push(memoryEntry(embeddedSessionEntry(doc), jsonBytes(args.session[DOCUMENT_FIELDS[doc]])));
  }
  for (const a of args.attachments) data.push({ name: embeddedAttachmentEntry(a.sha256), size: a.size, sha256: a.sha256, file: a.file });
  for (const [name, value] of args.documents) data.push(checkedDocument(name, value));
  for (const p of args.prints) data.push(memoryEntry(p.name, p.data));
  data.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const manifest = utf8.encode(formatManifest(data.map((e) => ({ path: e.name, sha256: e.sha256 }))));
  const payloadBytes = data.reduce((n, e) => n + e.size, 0);
  const bagInfo = utf8.encode(
    [
      `PanelDesk-Bundle-Type: ${BUNDLE_TYPE_RESULT}`,
      `PanelDesk-Format-Version: ${FORMAT_VERSION}`,
      `Session-Id: ${args.sessionId}`,
      `Bundle-Version: ${args.bundleVersion}`,
      `Statement-Version: ${args.statementVersion}`,
      `Payload-Oxum: ${payloadBytes}.${data.length}`,
      '',
    ].join('\n'),
  );
  const tags = [memoryEntry(BAGIT_TXT, utf8.encode(BAGIT_CONTENT)), memoryEntry(BAG_INFO_TXT, bagInfo), memoryEntry(MANIFEST, manifest)];
  const tagManifest = utf8.encode(formatManifest(tags.map((t) => ({ path: t.name, sha256: t.sha256 }))));
  return { tagEntries: [...tags, memoryEntry(TAG_MANIFEST, tagManifest)], dataEntries: data, tagManifest, bundleHash: sha256Hex(tagManifest) };
}
