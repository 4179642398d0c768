// The content-addressed blob store: staging (hash while streaming), commit, dedupe, discard, errors.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { blobPath, blobsTmp } from '../../../electron/backend/blobs/paths';
import { commitStaged, commitStagedAll, discardStaged, hasBlob, openBlob, removeBlobs, stageBlob } from '../../../electron/backend/blobs/store';
import { writeFailure } from '../../../electron/backend/blobs/fs-util';

let tmp: string;
let dataDir: string;

beforeEach(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pd-store-'));
  dataDir = path.join(tmp, 'data');
  await fs.mkdir(dataDir);
});
afterEach(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const tmpFiles = async (): Promise<string[]> => fs.readdir(blobsTmp(dataDir)).catch(() => []);

/** A source that yields `chunks`, then fails with `err`. */
function failing(err: Error, chunks: Buffer[] = [Buffer.from('partial')]): Readable {
  return Readable.from(
    (async function* () {
      for (const c of chunks) yield c;
      throw err;
    })(),
  );
}

async function readAll(s: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

describe('stageBlob', () => {
  it('streams to a temp file, hashing as it goes, without touching blobPath', async () => {
    const chunks = Array.from({ length: 40 }, (_, i) => Buffer.alloc(64 * 1024, i));
    const all = Buffer.concat(chunks);
    let counted = 0;
    const staged = await stageBlob(dataDir, Readable.from(chunks), undefined, { onBytes: (n) => (counted += n) });
    expect(staged.sha256).toBe(sha(all));
    expect(staged.size).toBe(all.length);
    expect(counted).toBe(all.length);
    expect(path.dirname(staged.tmpPath)).toBe(blobsTmp(dataDir));
    expect((await fs.readFile(staged.tmpPath)).equals(all)).toBe(true);
    expect(await hasBlob(dataDir, staged.sha256)).toBe(false);
  });

  it('accepts the expected hash, and refuses another with no temp file left', async () => {
    const data = Buffer.from('scan');
    const ok = await stageBlob(dataDir, Readable.from([data]), sha(data));
    expect(ok.sha256).toBe(sha(data));
    await discardStaged(ok);
    const wrong = 'f'.repeat(64);
    const err = await stageBlob(dataDir, Readable.from([data]), wrong).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'BUNDLE_HASH_MISMATCH', details: { expected: wrong, actual: sha(data) } });
    expect(await tmpFiles()).toEqual([]);
  });

  it('maps ENOSPC to DISK_FULL with the path, and removes the temp file', async () => {
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const err = await stageBlob(dataDir, failing(enospc)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('DISK_FULL');
    expect(path.dirname((err as AppError).details?.path as string)).toBe(blobsTmp(dataDir));
    expect(await tmpFiles()).toEqual([]);
  });

  it("rethrows a source's own error unchanged, and removes the temp file", async () => {
    const boom = new Error('inflate failed');
    await expect(stageBlob(dataDir, failing(boom))).rejects.toBe(boom);
    expect(await tmpFiles()).toEqual([]);
  });

  it('stops with JOB_CANCELLED when the signal fires mid-stream', async () => {
    const ctl = new AbortController();
    const source = Readable.from(
      (async function* () {
        yield Buffer.from('one');
        ctl.abort();
        yield Buffer.from('two');
      })(),
    );
    await expect(stageBlob(dataDir, source, undefined, { signal: ctl.signal })).rejects.toMatchObject({ code: 'JOB_CANCELLED' });
    expect(await tmpFiles()).toEqual([]);
  });

  it('reports DATA_DIR_UNAVAILABLE when the data folder cannot hold files', async () => {
    const notAFolder = path.join(tmp, 'file');
    await fs.writeFile(notAFolder, 'x');
    const err = await stageBlob(notAFolder, Readable.from([Buffer.from('a')])).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'DATA_DIR_UNAVAILABLE' });
  });
});

describe('commitStaged, discardStaged', () => {
  it('renames into blobPath, then dedupes the same content', async () => {
    const data = Buffer.from('diploma.pdf bytes');
    const first = await stageBlob(dataDir, Readable.from([data]));
    expect(await commitStaged(dataDir, first)).toEqual({ created: true });
    expect((await fs.readFile(blobPath(dataDir, sha(data)))).equals(data)).toBe(true);
    await expect(fs.access(first.tmpPath)).rejects.toThrow();

    const second = await stageBlob(dataDir, Readable.from([data]));
    expect(await commitStaged(dataDir, second)).toEqual({ created: false });
    await expect(fs.access(second.tmpPath)).rejects.toThrow();
    expect((await fs.readFile(blobPath(dataDir, sha(data)))).equals(data)).toBe(true);
    expect(await tmpFiles()).toEqual([]);
  });

  it('discards a staged blob', async () => {
    const staged = await stageBlob(dataDir, Readable.from([Buffer.from('x')]));
    await discardStaged(staged);
    await discardStaged(staged); // twice is harmless
    expect(await tmpFiles()).toEqual([]);
    expect(await hasBlob(dataDir, staged.sha256)).toBe(false);
  });

  it('maps a failed rename to DATA_DIR_UNAVAILABLE and leaves no blob', async () => {
    const data = Buffer.from('y');
    const staged = await stageBlob(dataDir, Readable.from([data]));
    // The fan-out folder's name is taken by a file.
    const fanout = path.dirname(blobPath(dataDir, sha(data)));
    await fs.mkdir(path.dirname(fanout), { recursive: true });
    await fs.writeFile(fanout, '');
    await expect(commitStaged(dataDir, staged)).rejects.toMatchObject({ code: 'DATA_DIR_UNAVAILABLE', details: { path: blobPath(dataDir, sha(data)) } });
    await discardStaged(staged);
    expect(await hasBlob(dataDir, sha(data))).toBe(false);
  });
});

describe('commitStagedAll', () => {
  const stage = (d: Buffer): ReturnType<typeof stageBlob> => stageBlob(dataDir, Readable.from([d]));

  it('commits a batch, creating each content once', async () => {
    const [a, b] = [Buffer.from('a1'), Buffer.from('b2')];
    const created = await commitStagedAll(dataDir, [await stage(a), await stage(b), await stage(a)]);
    expect(created).toEqual([sha(a), sha(b)]);
    expect(await tmpFiles()).toEqual([]);
    expect(await commitStagedAll(dataDir, [await stage(b)])).toEqual([]);
  });

  it('removes what it created when a later blob cannot be committed', async () => {
    const [a, b] = [Buffer.from('first'), Buffer.from('second')];
    expect(sha(a).slice(0, 2)).not.toBe(sha(b).slice(0, 2));
    const fanout = path.dirname(blobPath(dataDir, sha(b)));
    await fs.mkdir(path.dirname(fanout), { recursive: true });
    await fs.writeFile(fanout, '');
    const staged = [await stage(a), await stage(b)];
    await expect(commitStagedAll(dataDir, staged)).rejects.toMatchObject({ code: 'DATA_DIR_UNAVAILABLE' });
    expect(await hasBlob(dataDir, sha(a))).toBe(false);
    // The blob it did not reach is still staged, for the caller to discard.
    expect(await tmpFiles()).toEqual([path.basename((staged[1] as { tmpPath: string }).tmpPath)]);
  });
});

describe('removeBlobs, hasBlob, openBlob', () => {
  it('removes the listed blobs, ignoring missing ones and non-digests', async () => {
    const a = Buffer.from('a');
    const b = Buffer.from('b');
    for (const d of [a, b]) await commitStaged(dataDir, await stageBlob(dataDir, Readable.from([d])));
    expect(await removeBlobs(dataDir, [sha(a), sha(Buffer.from('never stored')), '../../etc/passwd'])).toBe(1);
    expect(await hasBlob(dataDir, sha(a))).toBe(false);
    expect(await hasBlob(dataDir, sha(b))).toBe(true);
    expect(await hasBlob(dataDir, 'not-a-digest')).toBe(false);
  });

  it('opens a stored blob with its size, and reports BLOB_NOT_FOUND otherwise', async () => {
    const data = Buffer.alloc(200_000, 3);
    await commitStaged(dataDir, await stageBlob(dataDir, Readable.from([data])));
    const { stream, size } = await openBlob(dataDir, sha(data));
    expect(size).toBe(data.length);
    expect((await readAll(stream)).equals(data)).toBe(true);
    await expect(openBlob(dataDir, 'e'.repeat(64))).rejects.toMatchObject({ code: 'BLOB_NOT_FOUND' });
    await expect(openBlob(dataDir, '../x')).rejects.toMatchObject({ code: 'BLOB_NOT_FOUND' });
  });
});

describe('writeFailure', () => {
  it('maps ENOSPC and EDQUOT to DISK_FULL, anything else to DATA_DIR_UNAVAILABLE', () => {
    const withCode = (code: string): Error => Object.assign(new Error(code), { code });
    expect(writeFailure(withCode('ENOSPC'), '/d/x').toShape()).toEqual({ code: 'DISK_FULL', message: 'no space left while writing /d/x', details: { path: '/d/x' } });
    expect(writeFailure(withCode('EDQUOT'), '/d/x').code).toBe('DISK_FULL');
    expect(writeFailure(withCode('EACCES'), '/d/x')).toMatchObject({ code: 'DATA_DIR_UNAVAILABLE', details: { path: '/d/x', actual: 'EACCES' } });
  });
});
