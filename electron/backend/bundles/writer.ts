// Writes a session bundle (docs/bundle-format.md): validated content, BagIt layout, deterministic zip bytes,
// written to a temporary file, fsync'd and renamed, so a reader never sees half a bundle.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import yazl from 'yazl';
import {
  BAG_INFO_TXT,
  BAGIT_CONTENT,
  BAGIT_TXT,
  BUNDLE_TYPE_SESSION,
  DSSE_PAYLOAD_TYPE_TAGMANIFEST,
  FORMAT_VERSION,
  MANIFEST,
  SIGNATURE,
  TAG_MANIFEST,
  attachmentEntry,
  formatManifest,
} from '../../../shared/bundle/layout';
import { SESSION_DOCUMENTS, type SessionBundleContent, type SessionDocumentName } from '../../../shared/bundle/schema';
import { signDsse } from '../../../shared/crypto/dsse';
import { AppError } from '../../../shared/errors';

export interface ZipEntry {
  name: string;
  data: Uint8Array;
  /** Deflate (method 8) or store (method 0); attachments are always stored. */
  compress: boolean;
}

export interface WrittenFile {
  bytes: number;
  sha256: string;
}

export interface WriteBundleOptions {
  /** Signs the tag manifest (signature.dsse.json) with this Ed25519 seed. */
  issuer?: { secretKey: Uint8Array };
  /**
   * Deflate the tag files, the signature and data/*.json (default true). With false they are stored
   * too, so the zip's bytes depend on no zlib build: the demo bundle uses this to be byte-identical on
   * every machine (deflate output may differ between CPUs and zlib versions; readers accept both).
   */
  compressDocuments?: boolean;
}

/** Every entry gets this DOS time (2026-01-01 00:00:00) and mode, so equal input gives equal bytes. */
export const ZIP_FIXED_DATE = { year: 2026, month: 1, day: 1 } as const;
export const ZIP_FILE_MODE = 0o100644;

/** Which field of SessionBundleContent each document holds. */
export const DOCUMENT_FIELDS: Record<SessionDocumentName, keyof SessionBundleContent> = {
  'data/session.json': 'session',
  'data/experts.json': 'experts',
  'data/groups.json': 'groups',
  'data/standards.json': 'standards',
  'data/quotas.json': 'quotas',
  'data/dossiers.json': 'dossiers',
  'data/conflicts.json': 'conflicts',
};

const utf8 = new TextEncoder();
const sha256Hex = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** `[3].attachments[0].sha256`, as the error details and messages show it. */
export function formatIssuePath(p: ReadonlyArray<PropertyKey>): string {
  const s = p.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('');
  return s.startsWith('.') ? s.slice(1) : s || '(root)';
}

function invalid(file: string, at: string, message: string, code: 'BUNDLE_SCHEMA_INVALID' | 'BUNDLE_BAD_REFERENCE' = 'BUNDLE_SCHEMA_INVALID'): AppError {
  return new AppError(code, `${file}: ${at}: ${message}`, { file, path: at });
}

/** Parses every document with its zod schema; returns the parsed (defaults filled) values by entry name. */
export function validateSessionContent(content: SessionBundleContent): Map<SessionDocumentName, unknown> {
  const out = new Map<SessionDocumentName, unknown>();
  for (const [name, schema] of Object.entries(SESSION_DOCUMENTS) as Array<[SessionDocumentName, (typeof SESSION_DOCUMENTS)[SessionDocumentName]]>) {
    const r = schema.safeParse(content[DOCUMENT_FIELDS[name]]);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw invalid(name, formatIssuePath(issue?.path ?? []), issue?.message ?? 'invalid');
    }
    out.set(name, r.data);
  }
  checkReferences(content);
  return out;
}

function uniqueIds(file: string, items: ReadonlyArray<{ id: string }>): Set<string> {
  const ids = new Set<string>();
  items.forEach((it, i) => {
    if (ids.has(it.id)) throw invalid(file, `[${i}].id`, `duplicate id ${it.id}`);
    ids.add(it.id);
  });
  return ids;
}

/** Ids that documents use to point at each other must resolve (the reader checks the same). */
function checkReferences(c: SessionBundleContent): void {
  const experts = uniqueIds('data/experts.json', c.experts);
  const groups = uniqueIds('data/groups.json', c.groups);
  const standards = uniqueIds('data/standards.json', c.standards);
  uniqueIds('data/quotas.json', c.quotas);
  const dossiers = uniqueIds('data/dossiers.json', c.dossiers);
  const ref = (file: string, at: string, id: string, known: Set<string>, what: string): void => {
    if (!known.has(id)) throw invalid(file, at, `unknown ${what} ${id}`, 'BUNDLE_BAD_REFERENCE');
  };
  c.groups.forEach((g, i) => {
    g.members.forEach((m, j) => ref('data/groups.json', `[${i}].members[${j}]`, m, experts, 'expert'));
    if (g.leader !== undefined) ref('data/groups.json', `[${i}].leader`, g.leader, experts, 'expert');
  });
  c.dossiers.forEach((d, i) => {
    ref('data/dossiers.json', `[${i}].groupId`, d.groupId, groups, 'group');
    ref('data/dossiers.json', `[${i}].standardId`, d.standardId, standards, 'standard');
  });
  c.conflicts.forEach((x, i) => {
    ref('data/conflicts.json', `[${i}].expertId`, x.expertId, experts, 'expert');
    ref('data/conflicts.json', `[${i}].dossierId`, x.dossierId, dossiers, 'dossier');
  });
}

/** The referenced attachments, each checked against `blobs` (present, right size, right hash), once per hash. */
function attachmentEntries(content: SessionBundleContent, blobs: ReadonlyMap<string, Uint8Array>): ZipEntry[] {
  const out = new Map<string, ZipEntry>();
  content.dossiers.forEach((d, i) => {
    d.attachments.forEach((a, j) => {
      const at = `[${i}].attachments[${j}]`;
      const file = 'data/dossiers.json';
      const bytes = blobs.get(a.sha256);
      if (!bytes) throw new AppError('BLOB_NOT_FOUND', `${file}: ${at}: no bytes for attachment ${a.sha256}`, { file, path: at });
      if (bytes.length !== a.size) {
        throw new AppError('BUNDLE_SIZE_MISMATCH', `${file}: ${at}: size ${a.size} declared, blob has ${bytes.length}`, {
          file,
          path: at,
          expected: String(a.size),
          actual: String(bytes.length),
        });
      }
      if (out.has(a.sha256)) return;
      const actual = sha256Hex(bytes);
      if (actual !== a.sha256) {
        throw new AppError('BUNDLE_HASH_MISMATCH', `${file}: ${at}: blob hashes to ${actual}`, { file, path: at, expected: a.sha256, actual });
      }
      out.set(a.sha256, { name: attachmentEntry(a.sha256), data: bytes, compress: false });
    });
  });
  return [...out.values()];
}

/**
 * The bundle's entries in their fixed order: bagit.txt, bag-info.txt, manifest, tag manifest,
 * signature (if signed), then data/ sorted by name.
 */
export function sessionBundleEntries(
  content: SessionBundleContent,
  blobs: ReadonlyMap<string, Uint8Array>,
  opts: WriteBundleOptions = {},
): ZipEntry[] {
  const parsed = validateSessionContent(content);
  const compress = opts.compressDocuments ?? true;
  const data: ZipEntry[] = [...parsed].map(([name, value]) => ({
    name,
    data: utf8.encode(`${JSON.stringify(value, null, 2)}\n`),
    compress,
  }));
  data.push(...attachmentEntries(content, blobs));
  return bagEntries(BUNDLE_TYPE_SESSION, { sessionId: content.session.sessionId, bundleVersion: content.session.bundleVersion }, data, {
    compress,
    ...(opts.issuer ? { signer: opts.issuer.secretKey } : {}),
  });
}

/**
 * Any PanelDesk bag in the fixed order: bagit.txt, bag-info.txt, manifest, tag manifest, signature
 * (when a signer is given: DSSE over the tag manifest), then data/ sorted by name.
 */
export function bagEntries(
  type: string,
  ids: { sessionId: string; bundleVersion: number; extra?: Record<string, string> },
  dataEntries: readonly ZipEntry[],
  opts: { compress: boolean; signer?: Uint8Array },
): ZipEntry[] {
  const { compress } = opts;
  const data = [...dataEntries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const manifest = utf8.encode(formatManifest(data.map((e) => ({ path: e.name, sha256: sha256Hex(e.data) }))));
  const payloadBytes = data.reduce((n, e) => n + e.data.length, 0);
  const bagInfo = utf8.encode(
    [
      `PanelDesk-Bundle-Type: ${type}`,
      `PanelDesk-Format-Version: ${FORMAT_VERSION}`,
      `Session-Id: ${ids.sessionId}`,
      `Bundle-Version: ${ids.bundleVersion}`,
      ...Object.entries(ids.extra ?? {}).map(([k, v]) => `${k}: ${v}`),
      `Payload-Oxum: ${payloadBytes}.${data.length}`,
      '',
    ].join('\n'),
  );
  const bagit = utf8.encode(BAGIT_CONTENT);
  const tagFiles = [
    { name: BAGIT_TXT, data: bagit },
    { name: BAG_INFO_TXT, data: bagInfo },
    { name: MANIFEST, data: manifest },
  ];
  const tagManifest = utf8.encode(formatManifest(tagFiles.map((t) => ({ path: t.name, sha256: sha256Hex(t.data) }))));
  const entries: ZipEntry[] = [...tagFiles, { name: TAG_MANIFEST, data: tagManifest }].map((t) => ({ ...t, compress }));
  if (opts.signer) {
    const envelope = signDsse(DSSE_PAYLOAD_TYPE_TAGMANIFEST, tagManifest, opts.signer);
    entries.push({ name: SIGNATURE, data: utf8.encode(`${JSON.stringify(envelope, null, 2)}\n`), compress });
  }
  return [...entries, ...data];
}

// yazl 3.3 options missing from @types/yazl (which describes 2.x).
type AddOptions = Partial<yazl.Options> & { forceDosTimestamp: boolean };

/**
 * Zips `entries` in the given order into `outFile`, atomically: temporary file in the same folder,
 * fsync, rename, fsync of the folder. Returns the size and SHA-256 of the zip.
 */
export async function writeZipAtomic(outFile: string, entries: readonly ZipEntry[]): Promise<WrittenFile> {
  const seen = new Set<string>();
  for (const e of entries) {
    if (!/^[\x21-\x7e]+$/.test(e.name)) throw new Error(`zip entry names must be printable ASCII: ${JSON.stringify(e.name)}`);
    if (seen.has(e.name)) throw new Error(`duplicate zip entry ${e.name}`);
    seen.add(e.name);
  }
  const zip = new yazl.ZipFile();
  // Local-time constructor: yazl encodes DOS fields from local getters, so this is TZ-independent.
  const mtime = new Date(ZIP_FIXED_DATE.year, ZIP_FIXED_DATE.month - 1, ZIP_FIXED_DATE.day, 0, 0, 0);
  for (const e of entries) {
    const options: AddOptions = { mtime, mode: ZIP_FILE_MODE, compress: e.compress, forceDosTimestamp: true };
    zip.addBuffer(Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength), e.name, options);
  }
  zip.end();

  const tmp = `${outFile}.tmp-${randomBytes(8).toString('hex')}`;
  const fh = await fs.open(tmp, 'wx', 0o644);
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
      await fh.write(chunk);
    }
    await fh.sync();
    await fh.close();
    await fs.rename(tmp, outFile);
  } catch (err) {
    await fh.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
  await syncDir(path.dirname(outFile));
  return { bytes, sha256: hash.digest('hex') };
}

/** Makes the rename durable; not every platform can open a folder (Windows), which is fine. */
async function syncDir(dir: string): Promise<void> {
  try {
    const d = await fs.open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    /* best effort */
  }
}

/**
 * Validates `content` (zod schemas, references, attachment bytes) and writes the bundle to `outFile`.
 * `blobs` maps SHA-256 hex to attachment bytes; blobs no dossier references are left out.
 */
export async function writeSessionBundle(
  outFile: string,
  content: SessionBundleContent,
  blobs: ReadonlyMap<string, Uint8Array>,
  opts: WriteBundleOptions = {},
): Promise<WrittenFile> {
  return writeZipAtomic(outFile, sessionBundleEntries(content, blobs, opts));
}
