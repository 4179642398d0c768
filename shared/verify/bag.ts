// The BagIt layer of every PanelDesk bundle (docs/bundle-format.md §3, steps V7–V12): which entries may
// exist, the tag files, both manifests and every file's SHA-256. The kind comes from bag-info.txt's
// PanelDesk-Bundle-Type; each kind says which documents it holds under data/ and whether attachments may follow.
import { AppError, type ErrorCode } from '../errors';
import { Id } from '../bundle/schema';
import { BAG_INFO_TXT, BAGIT_TXT, FORMAT_VERSION, MANIFEST, TAG_FILES, TAG_MANIFEST, parseBagInfo, parseManifest } from '../bundle/layout';
import { MEDIA_HEAD_BYTES } from '../bundle/media-type';
import { utf8Decode } from '../text';
import { sha256Of, type VerifyIO } from './io';
import { hashStoredEntry, readEntry, type ZipEntry } from './zip';

export interface BagKind {
  type: string;
  documents: ReadonlySet<string>;
  /** Where `<sha256>`-named attachments live (`data/attachments/`), or null when there are none. */
  attachmentDir: string | null;
  /** Other data files, streamed and hashed but not parsed (a result bundle's prints), with their first bytes kept. */
  streamed: ReadonlySet<string>;
  /** Allowed folder entries. */
  folders: ReadonlySet<string>;
  /** The top-level signature entry of this kind (outside the manifests, like §6's). */
  signature: string;
}

export interface ReadBag {
  kind: BagKind;
  bagInfo: Map<string, string>;
  sessionId: string;
  bundleVersion: number;
  tagManifest: Uint8Array;
  bundleHash: string;
  signature: Uint8Array | null;
  documents: Map<string, Uint8Array>;
  attachments: Map<string, { size: number; head: Uint8Array }>;
  /** The kind's streamed files by entry name (prints), with their first bytes. */
  streamed: Map<string, { size: number; head: Uint8Array }>;
  /** Files hashed against a manifest line (tag files and data/). */
  hashed: number;
}

const HEX64 = /^[0-9a-f]{64}$/;

function text(bytes: Uint8Array, entry: string, code: ErrorCode): string {
  try {
    return utf8Decode(bytes, true);
  } catch {
    throw new AppError(code, `${entry} is not UTF-8 text`, { entry, reason: 'not UTF-8' });
  }
}

function listing(bytes: Uint8Array, entry: string): Map<string, string> {
  const parsed = parseManifest(text(bytes, entry, 'BUNDLE_MANIFEST_INVALID'));
  if (!parsed.ok) throw new AppError('BUNDLE_MANIFEST_INVALID', `${entry} line ${parsed.line}: ${parsed.reason}`, { entry, line: parsed.line, reason: parsed.reason });
  return parsed.entries;
}

function hashOf(io: VerifyIO, bytes: Uint8Array): string {
  const h = sha256Of(io);
  h.update(bytes);
  return h.hex();
}

/** Folders and the top-level signature of any kind: which kind applies is known only from bag-info.txt (V9). */
function layout(entries: readonly ZipEntry[], kinds: ReadonlyMap<string, BagKind>): { tags: Map<string, ZipEntry>; signatures: Map<string, ZipEntry>; folders: string[]; data: ZipEntry[] } {
  const topLevel = new Set<string>([...TAG_FILES, TAG_MANIFEST, ...[...kinds.values()].map((k) => k.signature)]);
  const folders = new Set([...kinds.values()].flatMap((k) => [...k.folders]));
  const tags = new Map<string, ZipEntry>();
  const signatures = new Map<string, ZipEntry>();
  const folderNames: string[] = [];
  const data: ZipEntry[] = [];
  for (const e of entries) {
    if (e.isFolder) {
      if (!folders.has(e.name)) throw new AppError('BUNDLE_FILE_NOT_IN_MANIFEST', `${e.name}: unexpected folder`, { entry: e.name, reason: 'unexpected folder' });
      folderNames.push(e.name);
    } else if (e.name.startsWith('data/')) data.push(e);
    else if (!topLevel.has(e.name)) throw new AppError('BUNDLE_FILE_NOT_IN_MANIFEST', `${e.name} is not a file of the bundle format`, { entry: e.name, reason: 'not a file of the bundle format' });
    else if ((TAG_FILES as readonly string[]).includes(e.name) || e.name === TAG_MANIFEST) tags.set(e.name, e);
    else signatures.set(e.name, e);
  }
  for (const name of [...TAG_FILES, TAG_MANIFEST]) {
    if (!tags.has(name)) throw new AppError('BUNDLE_NOT_BAGIT', `${name} is missing`, { entry: name, reason: 'missing' });
  }
  return { tags, signatures, folders: folderNames, data };
}

/** V9: bagit.txt, then bag-info.txt's type (which picks the kind), version and ids. */
function checkTags(bagit: Uint8Array, bagInfo: Uint8Array, kinds: ReadonlyMap<string, BagKind>): { kind: BagKind; fields: Map<string, string>; sessionId: string; bundleVersion: number } {
  const b = parseBagInfo(text(bagit, BAGIT_TXT, 'BUNDLE_NOT_BAGIT'));
  const version = b.get('BagIt-Version') ?? '';
  if (!/^\d+\.\d+$/.test(version)) throw new AppError('BUNDLE_NOT_BAGIT', 'bagit.txt has no BagIt-Version', { entry: BAGIT_TXT, field: 'BagIt-Version', actual: version });
  const encoding = b.get('Tag-File-Character-Encoding') ?? '';
  if (encoding.toUpperCase() !== 'UTF-8') throw new AppError('BUNDLE_NOT_BAGIT', 'tag files must be UTF-8', { entry: BAGIT_TXT, field: 'Tag-File-Character-Encoding', expected: 'UTF-8', actual: encoding });
  const fields = parseBagInfo(text(bagInfo, BAG_INFO_TXT, 'BUNDLE_NOT_BAGIT'));
  const type = fields.get('PanelDesk-Bundle-Type') ?? '';
  const kind = kinds.get(type);
  if (!kind) throw new AppError('BUNDLE_NOT_BAGIT', `not a PanelDesk bundle type: ${type}`, { entry: BAG_INFO_TXT, field: 'PanelDesk-Bundle-Type', expected: [...kinds.keys()].join(','), actual: type });
  const fv = fields.get('PanelDesk-Format-Version') ?? '';
  if (fv !== String(FORMAT_VERSION)) throw new AppError('BUNDLE_UNSUPPORTED_VERSION', `format version ${fv}`, { entry: BAG_INFO_TXT, field: 'PanelDesk-Format-Version', expected: String(FORMAT_VERSION), actual: fv });
  const sessionId = fields.get('Session-Id') ?? '';
  if (!Id.safeParse(sessionId).success) throw new AppError('BUNDLE_MANIFEST_INVALID', 'no valid Session-Id', { entry: BAG_INFO_TXT, field: 'Session-Id', actual: sessionId.slice(0, 80) });
  const bv = fields.get('Bundle-Version') ?? '';
  if (!/^[1-9][0-9]{0,8}$/.test(bv)) throw new AppError('BUNDLE_MANIFEST_INVALID', 'no valid Bundle-Version', { entry: BAG_INFO_TXT, field: 'Bundle-Version', actual: bv.slice(0, 80) });
  return { kind, fields, sessionId, bundleVersion: Number(bv) };
}

/** V10: exactly the three tag files, each with its hash. */
function checkTagManifest(io: VerifyIO, bytes: Uint8Array, tagBytes: ReadonlyMap<string, Uint8Array>): void {
  const listed = listing(bytes, TAG_MANIFEST);
  const lines = new Map<string, number>();
  [...listed.keys()].forEach((p, i) => {
    if (!(TAG_FILES as readonly string[]).includes(p)) throw new AppError('BUNDLE_MANIFEST_INVALID', `${TAG_MANIFEST} lists ${p}`, { entry: TAG_MANIFEST, line: i + 1, actual: p });
    lines.set(p, i + 1);
  });
  for (const name of TAG_FILES) {
    const expected = listed.get(name);
    if (expected === undefined) throw new AppError('BUNDLE_MANIFEST_INVALID', `${TAG_MANIFEST} does not list ${name}`, { entry: TAG_MANIFEST, expected: name, reason: 'missing' });
    const actual = hashOf(io, tagBytes.get(name) as Uint8Array);
    if (actual !== expected) throw new AppError('BUNDLE_HASH_MISMATCH', `${name} does not match ${TAG_MANIFEST}`, { entry: name, manifest: TAG_MANIFEST, line: lines.get(name) as number, expected, actual });
  }
}

/** How far readBag got: a failure is the container's until the tag files are read, then the manifests'. */
export interface BagProgress {
  phase: 'container' | 'manifests';
  kind: BagKind | null;
  /** Set once the tag manifest has passed (§1), so a report names it even when a later check fails. */
  bundleHash: string | null;
  sessionId: string | null;
}

/** V7–V12. */
export async function readBag(io: VerifyIO, entries: readonly ZipEntry[], kinds: ReadonlyMap<string, BagKind>, progress: BagProgress): Promise<ReadBag> {
  const { tags, signatures, folders, data } = layout(entries, kinds);
  const tagBytes = new Map<string, Uint8Array>();
  for (const name of [BAGIT_TXT, BAG_INFO_TXT, MANIFEST, TAG_MANIFEST]) tagBytes.set(name, await readEntry(io, tags.get(name) as ZipEntry));
  progress.phase = 'manifests';
  const info = checkTags(tagBytes.get(BAGIT_TXT) as Uint8Array, tagBytes.get(BAG_INFO_TXT) as Uint8Array, kinds);
  progress.kind = info.kind;
  // The kind is known now: another kind's folder or signature entry is not part of this one.
  for (const f of folders) if (!info.kind.folders.has(f)) throw new AppError('BUNDLE_FILE_NOT_IN_MANIFEST', `${f}: unexpected folder`, { entry: f, reason: 'unexpected folder' });
  for (const n of signatures.keys()) if (n !== info.kind.signature) throw new AppError('BUNDLE_FILE_NOT_IN_MANIFEST', `${n} is not a file of this kind`, { entry: n, reason: 'not a file of the bundle format' });
  const signature = signatures.get(info.kind.signature) ?? null;
  const tagManifest = tagBytes.get(TAG_MANIFEST) as Uint8Array;
  checkTagManifest(io, tagManifest, tagBytes);
  const bundleHash = hashOf(io, tagManifest);
  progress.bundleHash = bundleHash;
  progress.sessionId = info.sessionId;

  // V11: the manifest's set is exactly the data/ files; each a document of this kind or a named attachment.
  const listed = listing(tagBytes.get(MANIFEST) as Uint8Array, MANIFEST);
  const lines = new Map<string, number>();
  [...listed.keys()].forEach((p, i) => {
    if (!p.startsWith('data/')) throw new AppError('BUNDLE_MANIFEST_INVALID', `${MANIFEST} lists ${p}, outside data/`, { entry: MANIFEST, line: i + 1, actual: p });
    lines.set(p, i + 1);
  });
  const present = new Set(data.map((e) => e.name));
  for (const e of data) if (!listed.has(e.name)) throw new AppError('BUNDLE_FILE_NOT_IN_MANIFEST', `${e.name} is not listed in ${MANIFEST}`, { entry: e.name });
  for (const [p, line] of lines) if (!present.has(p)) throw new AppError('BUNDLE_FILE_MISSING', `${p} is listed but not in the bundle`, { entry: p, line });
  const docs: ZipEntry[] = [];
  const atts: ZipEntry[] = [];
  const dir = info.kind.attachmentDir;
  for (const e of data) {
    if (info.kind.documents.has(e.name)) docs.push(e);
    else if (info.kind.streamed.has(e.name)) atts.push(e);
    else if (dir !== null && e.name.startsWith(dir) && HEX64.test(e.name.slice(dir.length))) {
      if (listed.get(e.name) !== e.name.slice(dir.length)) {
        throw new AppError('BUNDLE_MANIFEST_INVALID', `${MANIFEST} gives ${e.name} another hash than its name`, { entry: MANIFEST, line: lines.get(e.name) as number, expected: e.name.slice(dir.length), actual: listed.get(e.name) as string });
      }
      atts.push(e);
    } else throw new AppError('BUNDLE_BAD_ENTRY_NAME', `${e.name}: unknown data file`, { entry: e.name, reason: 'unknown data file' });
  }

  // V12: the signature, every document, then every attachment, in archive order; each hash against its line.
  const byOffset = (a: ZipEntry, b: ZipEntry): number => a.offset - b.offset;
  const sigBytes = signature ? await readEntry(io, signature) : null;
  const documents = new Map<string, Uint8Array>();
  const mismatch = (entry: string, actual: string): AppError =>
    new AppError('BUNDLE_HASH_MISMATCH', `${entry} does not match ${MANIFEST}`, { entry, manifest: MANIFEST, line: lines.get(entry) as number, expected: listed.get(entry) as string, actual });
  for (const e of docs.sort(byOffset)) {
    const bytes = await readEntry(io, e);
    const actual = hashOf(io, bytes);
    if (actual !== listed.get(e.name)) throw mismatch(e.name, actual);
    documents.set(e.name, bytes);
  }
  const attachments = new Map<string, { size: number; head: Uint8Array }>();
  const streamed = new Map<string, { size: number; head: Uint8Array }>();
  for (const e of atts.sort(byOffset)) {
    const { sha256, head } = await hashStoredEntry(io, e, MEDIA_HEAD_BYTES);
    if (sha256 !== listed.get(e.name)) throw mismatch(e.name, sha256);
    if (info.kind.streamed.has(e.name)) streamed.set(e.name, { size: e.uncompressedSize, head });
    else attachments.set(sha256, { size: e.uncompressedSize, head });
  }
  return {
    kind: info.kind,
    bagInfo: info.fields,
    sessionId: info.sessionId,
    bundleVersion: info.bundleVersion,
    tagManifest,
    bundleHash,
    signature: sigBytes,
    documents,
    attachments,
    streamed,
    hashed: 3 + data.length,
  };
}
