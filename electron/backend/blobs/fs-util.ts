// File-system helpers of the blob store and the exports: error mapping, quiet removal, directory fsync, durable writes.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isNoSpace(err: unknown): boolean {
  const code = codeOf(err);
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** DISK_FULL for a full disk or quota, DATA_DIR_UNAVAILABLE for any other failure to write `p`. */
export function writeFailure(err: unknown, p: string): AppError {
  if (err instanceof AppError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (isNoSpace(err)) return new AppError('DISK_FULL', `no space left while writing ${p}`, { path: p });
  return new AppError('DATA_DIR_UNAVAILABLE', `cannot write ${p}: ${message}`, { path: p, actual: codeOf(err) ?? 'unknown' });
}

/** Unlinks `p`; true when a file was removed, false when there was none. */
export async function removeQuietly(p: string): Promise<boolean> {
  try {
    await fs.unlink(p);
    return true;
  } catch (err) {
    if (codeOf(err) === 'ENOENT') return false;
    throw err;
  }
}

/** Makes a rename or a new entry in `dir` durable. Windows cannot open folders, and NTFS journals renames. */
export async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const fh = await fs.open(dir, 'r');
  try {
    await fh.sync();
  } catch (err) {
    // Some file systems (network, FUSE) refuse fsync on folders; nothing more can be done there.
    if (codeOf(err) !== 'EINVAL' && codeOf(err) !== 'ENOTSUP') throw err;
  } finally {
    await fh.close();
  }
}

/**
 * Writes a whole file the durable way: a temp name beside it, fsync, rename, fsync of the folder. A failure leaves
 * neither the temp file nor a partial `file`, and is DISK_FULL or DATA_DIR_UNAVAILABLE naming `file`.
 */
export async function writeFileDurably(file: string, bytes: () => Promise<Uint8Array>): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${randomUUID()}.tmp`);
  try {
    const data = await bytes();
    const fh = await fs.open(tmp, 'wx');
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, file);
    await fsyncDir(dir);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw writeFailure(err, file);
  }
}
