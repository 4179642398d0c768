// One import or update at a time per data folder. Two at once could each see the other's blobs as
// "already stored" and, on failure, delete what the other relies on; and two updates of one session
// would each diff against a state the other is changing. Held in process (the app's backend, the test
// host) and across processes by a lock file created exclusively in the data folder, naming its pid;
// a lock left by a process that no longer runs is taken over.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';

export const IMPORT_LOCK_FILE = 'import.lock';
const held = new Set<string>();

function busy(dataDir: string, by: string): AppError {
  return new AppError('IMPORT_BUSY', `another import or update is running in this data folder (${by})`, { path: dataDir, reason: by });
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryCreate(file: string): boolean {
  try {
    fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // The file may exist, empty, if only the write failed: it is ours, so it goes (a lock must never be half-written).
    fs.rmSync(file, { force: true });
    // A full disk is a full disk, wherever it strikes first.
    if (code === 'ENOSPC' || code === 'EDQUOT') throw new AppError('DISK_FULL', `cannot create ${file}: ${(err as Error).message}`, { path: file });
    throw new AppError('DATA_DIR_UNAVAILABLE', `cannot create ${file}: ${(err as Error).message}`, { path: file });
  }
}

/** Takes the data folder's import lock or throws IMPORT_BUSY; the returned function releases it. */
export function acquireImportLock(dataDir: string): () => void {
  const key = path.resolve(dataDir);
  if (held.has(key)) throw busy(dataDir, 'this process');
  const file = path.join(key, IMPORT_LOCK_FILE);
  if (!tryCreate(file)) {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
    if (Number.isInteger(pid) && pid > 0 && alive(pid)) throw busy(dataDir, `process ${pid}`);
    // Stale (its process is gone): remove it and try once more, so that two takers cannot both win.
    fs.rmSync(file, { force: true });
    if (!tryCreate(file)) throw busy(dataDir, 'another process');
  }
  held.add(key);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    held.delete(key);
    fs.rmSync(file, { force: true });
  };
}

/** At start-up: a lock whose process is gone (killed mid-import) is removed; returns its path if it was. */
export function clearStaleImportLock(dataDir: string): string | null {
  const file = path.join(path.resolve(dataDir), IMPORT_LOCK_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const pid = Number.parseInt(text.trim(), 10);
  if (Number.isInteger(pid) && pid > 0 && alive(pid)) return null;
  fs.rmSync(file, { force: true });
  return file;
}
