// A multi-gigabyte session bundle written without holding it in memory: the demo's documents, each of its
// dossiers with one large attachment whose bytes are an AES-256-CTR keystream (deterministic, incompressible).
// The manifest precedes the data in the zip, so the keystream is generated twice: once to hash, once to zip.
import { createCipheriv, createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import {
  BAG_INFO_TXT,
  BAGIT_CONTENT,
  BAGIT_TXT,
  BUNDLE_TYPE_SESSION,
  FORMAT_VERSION,
  MANIFEST,
  TAG_MANIFEST,
  attachmentEntry,
  formatManifest,
} from '../../shared/bundle/layout';
import { buildDemoSession } from '../../electron/backend/demo/demo-session';
import { ZIP_FILE_MODE, ZIP_FIXED_DATE, validateSessionContent } from '../../electron/backend/bundles/writer';

export interface LargeBundleShape {
  /** One attachment per dossier. */
  dossiers: number;
  /** Size of each attachment: a whole number of MiB. */
  attachmentMiB: number;
}

export interface LargeBundle {
  /** Size of the zip file. */
  bytes: number;
  attachments: number;
}

/** Zeros: their AES-CTR encryption is the keystream itself. */
const CHUNK = Buffer.alloc(1024 * 1024);
const PDF_MAGIC = Buffer.from('%PDF-');
const KEY = createHash('sha256').update('paneldesk bench large bundle').digest();
const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');
const sha256Hex = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** Attachment `index`'s bytes, 1 MiB at a time; the index sits in the IV's high bytes, so streams never overlap. */
function* keystream(index: number, mib: number): Generator<Buffer> {
  const iv = Buffer.alloc(16);
  iv.writeUInt32BE(index, 0);
  const cipher = createCipheriv('aes-256-ctr', KEY, iv);
  for (let i = 0; i < mib; i++) {
    const chunk = cipher.update(CHUNK);
    // Declared application/pdf: the reader checks the signature (bundle-format §3.6), so the file starts as a PDF does.
    if (i === 0) PDF_MAGIC.copy(chunk, 0);
    yield chunk;
  }
}

/** Yields to the event loop between chunks, so Ctrl-C is handled while it runs (a few seconds per GB). */
async function hashStream(chunks: Iterable<Buffer>, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  for (const chunk of chunks) {
    hash.update(chunk);
    await new Promise(setImmediate);
    signal?.throwIfAborted();
  }
  return hash.digest('hex');
}

/** The tag files as writer.ts's bagEntries makes them (unsigned): the payload's hashes come from outside. */
function tagFiles(
  sessionId: string,
  bundleVersion: number,
  payload: ReadonlyArray<{ path: string; sha256: string; size: number }>,
): Array<{ name: string; data: Buffer }> {
  const bytes = payload.reduce((n, e) => n + e.size, 0);
  const bagInfo = [
    `PanelDesk-Bundle-Type: ${BUNDLE_TYPE_SESSION}`,
    `PanelDesk-Format-Version: ${FORMAT_VERSION}`,
    `Session-Id: ${sessionId}`,
    `Bundle-Version: ${bundleVersion}`,
    `Payload-Oxum: ${bytes}.${payload.length}`,
    '',
  ].join('\n');
  const tags = [
    { name: BAGIT_TXT, data: utf8(BAGIT_CONTENT) },
    { name: BAG_INFO_TXT, data: utf8(bagInfo) },
    { name: MANIFEST, data: utf8(formatManifest(payload)) },
  ];
  const tagManifest = formatManifest(tags.map((t) => ({ path: t.name, sha256: sha256Hex(t.data) })));
  return [...tags, { name: TAG_MANIFEST, data: utf8(tagManifest) }];
}

/** Writes the bundle to `file` (which must not exist) and fsyncs it; `signal` stops it (the caller removes the file). */
export async function writeLargeBundle(file: string, shape: LargeBundleShape, signal?: AbortSignal): Promise<LargeBundle> {
  const demo = buildDemoSession({ dossiers: shape.dossiers, attachmentsPerDossier: 0 });
  const size = shape.attachmentMiB * CHUNK.length;
  const refs: Array<{ index: number; sha256: string; size: number }> = [];
  for (let i = 0; i < demo.content.dossiers.length; i++) {
    refs.push({ index: i, sha256: await hashStream(keystream(i, shape.attachmentMiB), signal), size });
  }
  const content = {
    ...demo.content,
    dossiers: demo.content.dossiers.map((d, i) => {
      const ref = refs[i] as (typeof refs)[number];
      return { ...d, attachments: [{ sha256: ref.sha256, name: `申报材料扫描件-${i + 1}.pdf`, mediaType: 'application/pdf' as const, size }] };
    }),
  };
  // The same schema and reference checks, and the same JSON text, as writeSessionBundle.
  const documents = [...validateSessionContent(content)].map(([name, value]) => ({ name, data: utf8(`${JSON.stringify(value, null, 2)}\n`) }));
  type AddOptions = Partial<yazl.Options>;
  type DataEntry = { name: string; sha256: string; size: number; add: (zip: yazl.ZipFile, options: AddOptions) => void };
  const data: DataEntry[] = [
    ...documents.map((d) => ({
      name: d.name,
      sha256: sha256Hex(d.data),
      size: d.data.length,
      add: (z: yazl.ZipFile, o: AddOptions) => z.addBuffer(d.data, d.name, { ...o, compress: true }),
    })),
    // Readable.from pulls lazily: no attachment is generated before yazl reaches its entry.
    ...refs.map((r) => ({
      name: attachmentEntry(r.sha256),
      sha256: r.sha256,
      size: r.size,
      add: (z: yazl.ZipFile, o: AddOptions) =>
        z.addReadStream(Readable.from(keystream(r.index, shape.attachmentMiB), { objectMode: false }), attachmentEntry(r.sha256), { ...o, compress: false }),
    })),
  ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const zip = new yazl.ZipFile();
  // As writeZipAtomic: a fixed local-time date, so the bytes do not depend on the clock or time zone.
  const options = { mtime: new Date(ZIP_FIXED_DATE.year, ZIP_FIXED_DATE.month - 1, ZIP_FIXED_DATE.day), mode: ZIP_FILE_MODE, forceDosTimestamp: true };
  const tags = tagFiles(content.session.sessionId, content.session.bundleVersion, data.map((e) => ({ path: e.name, sha256: e.sha256, size: e.size })));
  for (const t of tags) zip.addBuffer(t.data, t.name, { ...options, compress: true });
  for (const e of data) e.add(zip, options);
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(file, { flags: 'wx', mode: 0o644 }), signal ? { signal } : {});
  const fh = await fs.open(file, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
  return { bytes: (await fs.stat(file)).size, attachments: refs.length };
}
