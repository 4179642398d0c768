// Reading a session bundle (docs/bundle-format.md): all or nothing, streaming, against hostile input.
// Order: the whole central directory passes (zip-entries.ts), then the tag files and manifests (bag.ts),
// then every entry is streamed and its hash checked; only then are staged attachments committed.
import { AppError } from '../../../shared/errors';
import { MEDIA_HEAD_BYTES } from '../../../shared/bundle/media-type';
import { ATTACHMENT_DIR, BAG_INFO_TXT, BAGIT_TXT, MANIFEST, TAG_MANIFEST } from '../../../shared/bundle/layout';
import { checkBagInfo, checkBagit, checkManifest, checkTagManifest, layoutOf, sha256Hex } from './bag';
import { SESSION_KIND } from './bag';
import type { BundleKind, ListedEntry } from './bag';
import { StoreSink, hashOnlySink } from './attachment-sink';
import type { AttachmentSink } from './attachment-sink';
import { entryChunks, readWhole, throwIfCancelled } from './entry-data';
import type { ReadContext } from './entry-data';
import { resolveLimits } from './limits';
import type { BundleLimits } from './limits';
import { ProgressTracker } from './progress';
import type { ReadProgress } from './progress';
import { checkCentralDirectory } from './zip-entries';
import type { CheckedEntry } from './zip-entries';
import { ZipReader } from './zip-file';

export type { BundleLimits } from './limits';
export { DEFAULT_BUNDLE_LIMITS } from './limits';
export type { ReadProgress } from './progress';

export interface InspectOptions {
  limits?: Partial<BundleLimits>;
  /** A session bundle unless said otherwise (e.g. an expert sheet bundle). */
  kind?: BundleKind;
  signal?: AbortSignal;
  onProgress?: (p: ReadProgress) => void;
}

export interface ReadOptions extends InspectOptions {
  dataDir: string;
}

export interface InspectedBundle {
  bagInfo: Map<string, string>;
  sessionId: string;
  bundleVersion: number;
  /** Every data/*.json, by entry name. Not schema-checked here. */
  documents: Map<string, Uint8Array>;
  /** By SHA-256; `head` is the first bytes, for the type check against the dossier's mediaType (§3.6). */
  attachments: Map<string, { size: number; head: Uint8Array }>;
  tagManifest: Uint8Array;
  signature: Uint8Array | null;
  /** Uncompressed bytes of every file read. */
  bytes: number;
}

export interface VerifiedBundle extends InspectedBundle {
  /** Blobs this read added to the store: the caller removes them if its own transaction fails. */
  newBlobs: string[];
}

/** Verifies the bundle and commits its attachments to the store under `opts.dataDir`. */
export async function readSessionBundle(file: string, opts: ReadOptions): Promise<VerifiedBundle> {
  const sink = new StoreSink(opts.dataDir);
  const bundle = await verifyBundle(file, opts, sink);
  return { ...bundle, newBlobs: [...sink.created] };
}

/** The same checks as readSessionBundle, writing nothing (for `paneldesk inspect`). */
export async function inspectSessionBundle(file: string, opts: InspectOptions = {}): Promise<InspectedBundle> {
  return verifyBundle(file, opts, hashOnlySink);
}

async function verifyBundle(file: string, opts: InspectOptions, sink: AttachmentSink): Promise<InspectedBundle> {
  const limits = resolveLimits(opts.limits);
  const progress = new ProgressTracker(opts.onProgress);
  throwIfCancelled(opts.signal);
  const zip = await ZipReader.open(file);
  const ctx: ReadContext = { zip, progress, ...(opts.signal ? { signal: opts.signal } : {}) };
  try {
    const entries = await readCentralDirectory(ctx, limits);
    const bundle = await readEntries(ctx, entries, sink, opts.kind ?? SESSION_KIND);
    throwIfCancelled(opts.signal);
    await sink.commit();
    return bundle;
  } catch (err) {
    await sink.rollback();
    throw asAppError(err);
  } finally {
    await zip.close();
  }
}

async function readCentralDirectory(ctx: ReadContext, limits: BundleLimits): Promise<CheckedEntry[]> {
  const { zip, progress, signal } = ctx;
  const count = zip.entryCount;
  if (count > limits.maxEntries) {
    throw new AppError('BUNDLE_TOO_MANY_ENTRIES', `the bundle has ${count} entries; at most ${limits.maxEntries} are allowed`, {
      limit: limits.maxEntries,
      actual: String(count),
    });
  }
  progress.checking(0, count);
  const records = await zip.readDirectory();
  throwIfCancelled(signal);
  progress.checking(count, count);
  return checkCentralDirectory(records, limits, zip.directory.cdOffset);
}

async function readEntries(ctx: ReadContext, entries: CheckedEntry[], sink: AttachmentSink, kind: BundleKind): Promise<InspectedBundle> {
  const { progress } = ctx;
  const layout = layoutOf(entries);
  const files = entries.filter((e) => !e.isFolder);
  progress.start(
    files.reduce((n, e) => n + e.uncompressedSize, 0),
    files.length,
  );
  progress.enter('reading');
  // Folder entries have no data to read, but their local headers must tile the archive too.
  for (const folder of entries) if (folder.isFolder) await ctx.zip.checkLocal(folder);

  const tagBytes = new Map<string, Buffer>();
  for (const name of [BAGIT_TXT, BAG_INFO_TXT, MANIFEST, TAG_MANIFEST]) {
    tagBytes.set(name, await readWhole(ctx, layout.tagFiles.get(name) as CheckedEntry));
    progress.fileDone();
  }
  checkBagit(tagBytes.get(BAGIT_TXT) as Buffer);
  const info = checkBagInfo(tagBytes.get(BAG_INFO_TXT) as Buffer, kind);
  const tagManifest = tagBytes.get(TAG_MANIFEST) as Buffer;
  checkTagManifest(tagManifest, tagBytes);
  const listed = checkManifest(tagBytes.get(MANIFEST) as Buffer, layout.data, kind);

  let signature: Buffer | null = null;
  if (layout.signature) {
    signature = await readWhole(ctx, layout.signature);
    progress.fileDone();
  }

  const documents = new Map<string, Uint8Array>();
  for (const doc of byOffset(listed.documents)) {
    const bytes = await readWhole(ctx, doc.entry);
    expectHash(doc, sha256Hex(bytes));
    documents.set(doc.entry.name, bytes);
    progress.fileDone();
  }

  progress.enter('attachments');
  const attachments = new Map<string, { size: number; head: Uint8Array }>();
  for (const att of byOffset(listed.attachments)) {
    const head = { bytes: Buffer.alloc(0) };
    const actual = await sink.accept(att.sha256, keepHead(entryChunks(ctx, att.entry), head), ctx.signal);
    expectHash(att, actual);
    attachments.set(att.sha256, { size: att.entry.uncompressedSize, head: head.bytes });
    progress.fileDone();
  }

  return {
    bagInfo: info.fields,
    sessionId: info.sessionId,
    bundleVersion: info.bundleVersion,
    documents,
    attachments,
    tagManifest,
    signature,
    bytes: progress.bytesDone,
  };
}

/** Passes the chunks through, keeping a copy of the first MEDIA_HEAD_BYTES. */
async function* keepHead(chunks: AsyncIterable<Buffer>, head: { bytes: Buffer }): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    if (head.bytes.length < MEDIA_HEAD_BYTES) head.bytes = Buffer.concat([head.bytes, chunk.subarray(0, MEDIA_HEAD_BYTES - head.bytes.length)]);
    yield chunk;
  }
}

/** Archive order, so a large bundle is read front to back. */
function byOffset(list: ListedEntry[]): ListedEntry[] {
  return [...list].sort((a, b) => a.entry.offset - b.entry.offset);
}

function expectHash(listed: ListedEntry, actual: string): void {
  if (actual === listed.sha256) return;
  const name = listed.entry.name;
  const what = name.startsWith(ATTACHMENT_DIR) ? 'its name and ' : '';
  throw new AppError('BUNDLE_HASH_MISMATCH', `${name} does not match ${what}${MANIFEST}`, {
    entry: name,
    manifest: MANIFEST,
    line: listed.line,
    expected: listed.sha256,
    actual,
  });
}

function asAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if ((err as { name?: unknown } | null)?.name === 'AbortError') return new AppError('JOB_CANCELLED', 'reading the bundle was cancelled');
  const message = err instanceof Error ? err.message : String(err);
  return new AppError('INTERNAL', `reading the bundle failed: ${message}`);
}
