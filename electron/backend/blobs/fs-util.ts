// File-system helpers of the blob store: error mapping, quiet removal, directory fsync.
import fs from 'node:fs/promises';
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
