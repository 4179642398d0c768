// The reference for a score save: one upsert + COMMIT on a bare WAL database with synchronous=FULL,
// the settings the app uses for scores (an acknowledged score survives a power cut).
import path from 'node:path';
import Database from 'better-sqlite3';
import { mkTmp, rmTmp } from './stats';

export interface SqliteRef {
  /** Times the i-th upsert, in ms. */
  save(i: number): number;
  close(): void;
}

export function openSqliteRef(): SqliteRef {
  const dir = mkTmp('sqlite');
  const db = new Database(path.join(dir, 'ref.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE score (dossier TEXT NOT NULL, item TEXT NOT NULL, value INTEGER, at TEXT NOT NULL, PRIMARY KEY (dossier, item)) STRICT');
  const upsert = db.prepare(
    'INSERT INTO score (dossier, item, value, at) VALUES (?, ?, ?, ?) ON CONFLICT (dossier, item) DO UPDATE SET value = excluded.value, at = excluded.at',
  );
  const write = db.transaction((d: string, item: string, v: number) => upsert.run(d, item, v, new Date().toISOString()));
  return {
    save(i) {
      const t0 = performance.now();
      write(`d${i % 8}`, `i${Math.floor(i / 8) % 12}`, i);
      return performance.now() - t0;
    },
    close() {
      db.close();
      rmTmp(dir);
    },
  };
}
