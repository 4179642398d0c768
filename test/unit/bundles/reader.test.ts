// Reading well-formed session bundles: content, store commits, dedupe, progress, cancellation, inspect.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { MANIFEST, TAG_MANIFEST } from '../../../shared/bundle/layout';
import { SESSION_DOCUMENTS } from '../../../shared/bundle/schema';
import { blobPath } from '../../../electron/backend/blobs/paths';
import { inspectSessionBundle, readSessionBundle } from '../../../electron/backend/bundles/reader';
import type { ReadProgress } from '../../../electron/backend/bundles/reader';
import { rawZip, toRaw, yazlZip } from '../../fixtures/bundles/make-zip';
import { ATTACHMENTS, BAG_INFO, SIGNATURE_BYTES, bundleFiles, sha256, writeFile } from '../../fixtures/bundles/session-bundle';
import { blobFiles } from '../../fixtures/bundles/store-snapshot';

let tmp: string;
let dataDir: string;

beforeEach(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pd-reader-'));
  dataDir = path.join(tmp, 'data');
  await fs.mkdir(dataDir);
});
afterEach(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

async function bundleOnDisk(files = bundleFiles(), opts: { zip64?: boolean } = {}): Promise<string> {
  return writeFile(tmp, 'session.pdbundle', await yazlZip(files, opts));
}

const attachmentHashes = ATTACHMENTS.map((a) => sha256(a));
const SESSION_DOCUMENTS_NAMES = Object.keys(SESSION_DOCUMENTS);

describe('readSessionBundle on a well-formed bundle', () => {
  it('returns every document, the tag files, and commits the attachments at blobPath', async () => {
    const files = bundleFiles();
    const result = await readSessionBundle(await bundleOnDisk(files), { dataDir });

    expect(result.sessionId).toBe('S-2026-ENG-01');
    expect(result.bundleVersion).toBe(3);
    expect(Object.fromEntries(result.bagInfo)).toEqual(BAG_INFO);
    expect([...result.documents.keys()].sort()).toEqual([...SESSION_DOCUMENTS_NAMES].sort());
    for (const f of files.filter((f) => f.name.endsWith('.json') && f.name.startsWith('data/'))) {
      expect(Buffer.from(result.documents.get(f.name) as Uint8Array).equals(f.data)).toBe(true);
    }
    expect(Buffer.from(result.tagManifest).equals(files.find((f) => f.name === TAG_MANIFEST)?.data as Buffer)).toBe(true);
    expect(Buffer.from(result.signature as Uint8Array).equals(SIGNATURE_BYTES)).toBe(true);
    expect(result.attachments).toEqual(new Map(ATTACHMENTS.map((a) => [sha256(a), { size: a.length, head: a.subarray(0, 8) }])));
    expect([...result.newBlobs].sort()).toEqual([...attachmentHashes].sort());
    for (const a of ATTACHMENTS) expect((await fs.readFile(blobPath(dataDir, sha256(a)))).equals(a)).toBe(true);
    expect(result.bytes).toBe(files.reduce((n, f) => n + f.data.length, 0));
    // Nothing left in staging.
    expect([...(await blobFiles(dataDir)).keys()].filter((k) => !k.startsWith('sha256/'))).toEqual([]);
  });

  it('reports no new blobs when the same bundle is read again, and keeps the stored bytes', async () => {
    const file = await bundleOnDisk();
    await readSessionBundle(file, { dataDir });
    const before = await blobFiles(dataDir);
    const again = await readSessionBundle(file, { dataDir });
    expect(again.newBlobs).toEqual([]);
    expect(again.attachments.size).toBe(ATTACHMENTS.length);
    expect(await blobFiles(dataDir)).toEqual(before);
  });

  it('leaves out of newBlobs an attachment the store already held', async () => {
    const file = await bundleOnDisk();
    const held = ATTACHMENTS[1] as Buffer;
    await fs.mkdir(path.dirname(blobPath(dataDir, sha256(held))), { recursive: true });
    await fs.writeFile(blobPath(dataDir, sha256(held)), held);
    const result = await readSessionBundle(file, { dataDir });
    expect([...result.newBlobs].sort()).toEqual(attachmentHashes.filter((h) => h !== sha256(held)).sort());
    expect(result.attachments.has(sha256(held))).toBe(true);
  });

  it('reads a bundle without a signature, with folder entries, and in ZIP64 form', async () => {
    const files = bundleFiles({ signature: null });
    const noSig = await readSessionBundle(await bundleOnDisk(files, { zip64: true }), { dataDir });
    expect(noSig.signature).toBeNull();
    expect(noSig.documents.size).toBe(SESSION_DOCUMENTS_NAMES.length);

    const withFolders = rawZip([{ name: 'data/', data: Buffer.alloc(0) }, { name: 'data/attachments/', data: Buffer.alloc(0) }, ...files.map(toRaw)]);
    const res = await readSessionBundle(await writeFile(tmp, 'folders.pdbundle', withFolders), { dataDir });
    expect(res.attachments.size).toBe(ATTACHMENTS.length);
  });

  it('reports progress by phase, bytes and files, ending at the totals', async () => {
    const files = bundleFiles();
    const seen: ReadProgress[] = [];
    await readSessionBundle(await bundleOnDisk(files), { dataDir, onProgress: (p) => seen.push({ ...p }) });
    const phases = seen.map((p) => p.phase).filter((ph, i, all) => ph !== all[i - 1]);
    expect(phases).toEqual(['checking', 'reading', 'attachments']);
    const last = seen.at(-1) as ReadProgress;
    const total = files.reduce((n, f) => n + f.data.length, 0);
    expect(last).toEqual({ phase: 'attachments', bytesDone: total, bytesTotal: total, filesDone: files.length, filesTotal: files.length });
    const reading = seen.filter((p) => p.phase !== 'checking');
    for (let i = 1; i < reading.length; i++) {
      expect((reading[i] as ReadProgress).bytesDone).toBeGreaterThanOrEqual((reading[i - 1] as ReadProgress).bytesDone);
      expect((reading[i] as ReadProgress).filesDone).toBeGreaterThanOrEqual((reading[i - 1] as ReadProgress).filesDone);
    }
    const checking = seen.filter((p) => p.phase === 'checking').at(-1) as ReadProgress;
    expect(checking.filesDone).toBe(files.length);
  });

  it('streams a large attachment, reporting progress inside it', async () => {
    const big = Buffer.alloc(24 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4096) big[i] = i % 251;
    const seen: ReadProgress[] = [];
    const result = await readSessionBundle(await bundleOnDisk(bundleFiles({ attachments: [big] })), { dataDir, onProgress: (p) => seen.push({ ...p }) });
    expect(result.newBlobs).toEqual([sha256(big)]);
    const inside = seen.filter((p) => p.phase === 'attachments' && p.filesDone === p.filesTotal - 1 && p.bytesDone < p.bytesTotal);
    expect(inside.length).toBeGreaterThanOrEqual(5);
    expect((await fs.stat(blobPath(dataDir, sha256(big)))).size).toBe(big.length);
  });

  it('stops with JOB_CANCELLED when cancelled among the attachments, leaving the store as it was', async () => {
    const file = await bundleOnDisk();
    const ctl = new AbortController();
    const err = await readSessionBundle(file, {
      dataDir,
      signal: ctl.signal,
      onProgress: (p) => {
        if (p.phase === 'attachments' && p.filesDone >= 13) ctl.abort(); // after the first attachment was staged
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('JOB_CANCELLED');
    expect(await blobFiles(dataDir)).toEqual(new Map());
  });

  it('stops with JOB_CANCELLED before opening anything when the signal already fired', async () => {
    const ctl = new AbortController();
    ctl.abort();
    await expect(readSessionBundle(path.join(tmp, 'does-not-exist'), { dataDir, signal: ctl.signal })).rejects.toMatchObject({ code: 'JOB_CANCELLED' });
  });

  it('removes the blobs it created when a commit fails half-way', async () => {
    const file = await bundleOnDisk();
    // Attachments commit in archive order; block the last one's fan-out folder with a file.
    const [first, second, last] = attachmentHashes as [string, string, string];
    expect(new Set([first.slice(0, 2), second.slice(0, 2), last.slice(0, 2)]).size).toBe(3);
    const blocker = path.dirname(blobPath(dataDir, last));
    await fs.mkdir(path.dirname(blocker), { recursive: true });
    await fs.writeFile(blocker, 'not a folder');
    const before = await blobFiles(dataDir);

    const err = await readSessionBundle(file, { dataDir }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'DATA_DIR_UNAVAILABLE' });
    expect(await blobFiles(dataDir)).toEqual(before);
  });
});

describe('inspectSessionBundle', () => {
  it('returns the same content as a read, without writing a store', async () => {
    const file = await bundleOnDisk();
    const inspected = await inspectSessionBundle(file);
    expect('newBlobs' in inspected).toBe(false);
    const read = await readSessionBundle(file, { dataDir: path.join(tmp, 'other') });
    const { newBlobs: _ignored, ...rest } = read;
    expect(inspected).toEqual(rest);
    expect(await blobFiles(dataDir)).toEqual(new Map());
  });

  it('rejects what a read rejects', async () => {
    const files = bundleFiles().map((f) => (f.name === MANIFEST ? { ...f, data: Buffer.concat([f.data, Buffer.from('junk\n')]) } : f));
    const file = await bundleOnDisk(files);
    await expect(inspectSessionBundle(file)).rejects.toMatchObject({ code: 'BUNDLE_HASH_MISMATCH', details: { entry: MANIFEST } });
  });
});
