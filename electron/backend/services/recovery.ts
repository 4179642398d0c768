// Start-up recovery of the data folder. An import commits its blobs (fsync'd, renamed into place) before
// the one database transaction that records them, and decrypts encrypted bundles into <dataDir>/tmp. A
// process killed in between leaves temp files and blobs that no row names. Only one backend owns a data
// folder (Electron's single-instance lock), so at open nothing else can be mid-import: whatever the
// database does not know is such a leftover, and is removed. A blob the database names is never touched.
// A killed import is recognised by its lock (services/import-lock.ts), which names a process that is gone.
import fs from 'node:fs';
import { clearStaleImportLock } from './import-lock';
import path from 'node:path';
import { blobsRoot, blobsTmp } from '../blobs/paths';
import type { Db } from '../db/connection';

/** The folder where encrypted bundles are decrypted during an import (bundles/age.ts). */
function decryptTmp(dataDir: string): string {
  return path.join(dataDir, 'tmp');
}

function filesIn(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isFile() || d.isSymbolicLink())
      .map((d) => path.join(dir, d.name));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

function dirsIn(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => path.join(dir, d.name));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/**
 * Removes leftovers of an interrupted import; returns them relative to the data folder (for the log).
 * Blobs are published only while an import holds its lock, so the blob store is swept (one look-up per
 * file) only when a killed import's lock is found: an ordinary start costs two directory listings.
 */
export function recoverDataDir(db: Db, dataDir: string): string[] {
  const leftovers = [...filesIn(blobsTmp(dataDir)), ...filesIn(decryptTmp(dataDir))];
  const lock = clearStaleImportLock(dataDir);
  if (lock) {
    leftovers.push(lock);
    const known = db.prepare('SELECT 1 FROM blob WHERE sha256 = ?').pluck();
    for (const fan of dirsIn(blobsRoot(dataDir))) {
      for (const file of filesIn(fan)) {
        if (known.get(path.basename(file)) === undefined) leftovers.push(file);
      }
    }
  }
  for (const file of leftovers) fs.rmSync(file, { force: true });
  return leftovers.map((f) => path.relative(dataDir, f).split(path.sep).join('/'));
}
