// Opening the database: pragmas, and refusing files that are not ours or are from a newer app.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import { APPLICATION_ID, assertNotNewer, migrate } from './migrations';

export type Db = Database.Database;

export const DB_FILE = 'paneldesk.sqlite';
export { APPLICATION_ID };

export interface OpenOptions {
  nativeBinding?: string | undefined;
}

function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  // A score or vote acknowledged to the user must survive a crash or power cut.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

function checkIdentity(db: Db, file: string): void {
  let appId: number;
  let tables: number;
  try {
    appId = db.pragma('application_id', { simple: true }) as number;
    tables = (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n;
  } catch (err) {
    throw new AppError('DB_CORRUPT', `database file is not readable: ${(err as Error).message}`, { file });
  }
  if (appId !== APPLICATION_ID && (appId !== 0 || tables > 0)) {
    throw new AppError('DB_NOT_PANELDESK', 'database file belongs to another program', { file });
  }
}

/** Opens (creating if needed) and migrates the database in `dataDir`. The file is never overwritten. */
export function openDatabase(dataDir: string, opts: OpenOptions = {}): Db {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (err) {
    throw new AppError('DATA_DIR_UNAVAILABLE', `cannot create data folder: ${(err as Error).message}`, { path: dataDir });
  }
  const file = path.join(dataDir, DB_FILE);
  let db: Db;
  try {
    db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'SQLITE_CANTOPEN' || code === 'EACCES') {
      throw new AppError('DATA_DIR_UNAVAILABLE', `cannot open database: ${(err as Error).message}`, { path: file });
    }
    throw new AppError('DB_CORRUPT', `cannot open database: ${(err as Error).message}`, { file });
  }
  try {
    checkIdentity(db, file);
    // Before any pragma that writes (WAL changes the header): a newer app's file stays byte-identical.
    assertNotNewer(db, file);
    applyPragmas(db);
    migrate(db, file);
    return db;
  } catch (err) {
    db.close();
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new AppError('DB_CORRUPT', `database file is damaged or not a database: ${(err as Error).message}`, { file });
    }
    throw err;
  }
}

/** Runs `fn` in one IMMEDIATE transaction. */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}
