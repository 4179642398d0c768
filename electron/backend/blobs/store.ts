// Content-addressed attachment store (blobs/sha256/ab/<sha256>). A blob is staged first: streamed to a
// temp file in blobs/tmp, hashed on the way, fsync'd. Committing renames it into place, so a reader of
// blobPath never sees a half-written file, and an import can discard everything it staged.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../../../shared/errors';
import { blobPath, blobsTmp, isSha256Hex } from './paths';
import { fsyncDir, isNoSpace, removeQuietly, writeFailure } from './fs-util';

export interface StagedBlob {
  tmpPath: string;
  sha256: string;
  size: number;
}

export interface StageOptions {
  signal?: AbortSignal;
  /** Called with the size of each chunk once it is written. */
  onBytes?: (n: number) => void;
  /**
   * Leave the fsync to commitStagedAll, which syncs many files concurrently (the journal then groups
   * them) instead of one after another while streaming. Nothing is committed before that sync.
   */
  deferSync?: boolean;
}

function cancelled(): AppError {
  return new AppError('JOB_CANCELLED', 'storing the blob was cancelled');
}

/**
 * Streams `source` into a new temp file, hashing it. Errors: DISK_FULL (ENOSPC anywhere, path in
 * details), DATA_DIR_UNAVAILABLE (other write failures), JOB_CANCELLED, BUNDLE_HASH_MISMATCH when
 * `expectedSha256` is given and differs; an error of `source` itself is rethrown unchanged, so the
 * caller can classify it. The temp file is gone whenever this throws.
 */
export async function stageBlob(dataDir: string, source: Readable, expectedSha256?: string, opts: StageOptions = {}): Promise<StagedBlob> {
  const { signal, onBytes } = opts;
  if (signal?.aborted) {
    source.destroy();
    throw cancelled();
  }
  const dir = blobsTmp(dataDir);
  const tmpPath = path.join(dir, `${randomBytes(16).toString('hex')}.tmp`);
  let fh: fs.FileHandle;
  try {
    fh = await openNew(dir, tmpPath);
  } catch (err) {
    source.destroy();
    throw writeFailure(err, tmpPath);
  }
  const hash = createHash('sha256');
  let size = 0;
  try {
    try {
      for await (const chunk of source) {
        if (signal?.aborted) throw cancelled();
        const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
        hash.update(buf);
        size += buf.length;
        await writeAll(fh, buf, tmpPath);
        onBytes?.(buf.length);
      }
    } catch (err) {
      if (err instanceof AppError) throw err;
      // A source that fails for lack of space (e.g. a decrypting pipe writing its own temp file) is still a full disk.
      if (isNoSpace(err)) throw writeFailure(err, tmpPath);
      throw err;
    }
    if (signal?.aborted) throw cancelled();
    if (!opts.deferSync) {
      try {
        await fh.sync();
      } catch (err) {
        throw writeFailure(err, tmpPath);
      }
    }
  } catch (err) {
    await fh.close().catch(() => undefined);
    await removeQuietly(tmpPath);
    throw err;
  }
  try {
    await fh.close();
  } catch (err) {
    await removeQuietly(tmpPath);
    throw writeFailure(err, tmpPath);
  }
  const sha256 = hash.digest('hex');
  if (expectedSha256 !== undefined && sha256 !== expectedSha256) {
    await removeQuietly(tmpPath);
    throw new AppError('BUNDLE_HASH_MISMATCH', `content hash ${sha256} differs from the expected ${expectedSha256}`, {
      expected: expectedSha256,
      actual: sha256,
    });
  }
  return { tmpPath, sha256, size };
}

/** Folders known to exist: one mkdir per folder and process, not one per blob (a missing one is made again). */
const madeDirs = new Set<string>();

async function ensureDir(dir: string): Promise<string | undefined> {
  if (madeDirs.has(dir)) return undefined;
  const first = await fs.mkdir(dir, { recursive: true });
  madeDirs.add(dir);
  return first;
}

/** Opens a new file in `dir`, making the folder on first use or when it has been removed since. */
async function openNew(dir: string, file: string): Promise<fs.FileHandle> {
  await ensureDir(dir);
  try {
    return await fs.open(file, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    madeDirs.delete(dir);
    await ensureDir(dir);
    return fs.open(file, 'wx');
  }
}

async function writeAll(fh: fs.FileHandle, buf: Buffer, p: string): Promise<void> {
  let off = 0;
  while (off < buf.length) {
    let n: number;
    try {
      n = (await fh.write(buf, off, buf.length - off)).bytesWritten;
    } catch (err) {
      throw writeFailure(err, p);
    }
    off += n;
  }
}

/**
 * Moves a staged blob to blobPath. `created` is false when the store already held that blob (the temp
 * file is then just removed). The directory is fsync'd so the rename survives a crash.
 */
export async function commitStaged(dataDir: string, staged: StagedBlob): Promise<{ created: boolean }> {
  const created = await commitStagedAll(dataDir, [staged]);
  return { created: created.length === 1 };
}

/**
 * commitStaged for many blobs, fsyncing each touched folder once rather than once per blob. Returns the
 * blobs it created. When it throws, none of those remain; temp files it did not reach are left to the caller.
 */
export async function commitStagedAll(dataDir: string, staged: readonly StagedBlob[]): Promise<string[]> {
  const created: string[] = [];
  const touched = new Set<string>();
  let where = blobsTmp(dataDir);
  try {
    // Every temp file is durable before any rename makes it visible (a no-op for ones already synced).
    await syncFiles(staged.map((s) => s.tmpPath), (p) => (where = p));
    for (const s of staged) {
      const dest = blobPath(dataDir, s.sha256);
      where = dest;
      if (await moveIntoPlace(dataDir, s, dest, touched)) created.push(s.sha256);
    }
    // Deepest first: a new fan-out folder is then recorded in its parent after its own entries.
    for (const dir of [...touched].sort((a, b) => b.length - a.length)) {
      where = dir;
      await fsyncDir(dir);
    }
  } catch (err) {
    // Not durable, or only half there: undo, so the caller never records a blob that may vanish.
    await removeBlobs(dataDir, created);
    throw writeFailure(err, where);
  }
  return created;
}

const SYNC_CONCURRENCY = 8;

async function syncFiles(files: readonly string[], at: (p: string) => void): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const file = files[next++] as string;
      const fh = await fs.open(file, 'r+').catch((err: unknown) => {
        at(file);
        throw err;
      });
      try {
        await fh.sync();
      } catch (err) {
        at(file);
        throw err;
      } finally {
        await fh.close();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(SYNC_CONCURRENCY, files.length) }, worker));
}

/** Renames one staged blob into place (no fsync); false when the store already held it. */
async function moveIntoPlace(dataDir: string, staged: StagedBlob, dest: string, touched: Set<string>): Promise<boolean> {
  if (await hasBlob(dataDir, staged.sha256)) {
    await removeQuietly(staged.tmpPath);
    return false;
  }
  const dir = path.dirname(dest);
  try {
    // Within one batch a fan-out folder is made (and checked) once: `touched` already holds it after that.
    if (!touched.has(dir)) {
      madeDirs.delete(dir);
      if ((await ensureDir(dir)) !== undefined) touched.add(path.dirname(dir));
    }
    await fs.rename(staged.tmpPath, dest);
  } catch (err) {
    // Another import may have committed the same content meanwhile.
    if (await hasBlob(dataDir, staged.sha256)) {
      await removeQuietly(staged.tmpPath);
      return false;
    }
    throw err;
  }
  touched.add(dir);
  return true;
}

export async function discardStaged(staged: StagedBlob): Promise<void> {
  await removeQuietly(staged.tmpPath);
}

/** Deletes these blobs (missing ones are ignored); returns how many were removed. */
export async function removeBlobs(dataDir: string, sha256s: Iterable<string>): Promise<number> {
  let removed = 0;
  for (const sha of sha256s) {
    if (!isSha256Hex(sha)) continue;
    if (await removeQuietly(blobPath(dataDir, sha))) removed++;
  }
  return removed;
}

export async function hasBlob(dataDir: string, sha256: string): Promise<boolean> {
  if (!isSha256Hex(sha256)) return false;
  try {
    return (await fs.stat(blobPath(dataDir, sha256))).isFile();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    throw err;
  }
}

/** A read stream over a stored blob, and its size. BLOB_NOT_FOUND when the store has no such blob. */
export async function openBlob(dataDir: string, sha256: string): Promise<{ stream: Readable; size: number }> {
  if (!isSha256Hex(sha256)) throw new AppError('BLOB_NOT_FOUND', 'not a sha256 digest', { actual: sha256.slice(0, 80) });
  let fh: fs.FileHandle;
  try {
    fh = await fs.open(blobPath(dataDir, sha256), 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('BLOB_NOT_FOUND', `no blob ${sha256}`, { actual: sha256 });
    throw err;
  }
  try {
    const { size } = await fh.stat();
    return { stream: fh.createReadStream(), size };
  } catch (err) {
    await fh.close().catch(() => undefined);
    throw err;
  }
}
