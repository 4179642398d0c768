import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/errors';
import { APPLICATION_ID, DB_FILE, openDatabase, type Db } from '../../../electron/backend/db/connection';
import { MIGRATIONS, checkOrder, latestVersion, migrate, type Migration } from '../../../electron/backend/db/migrations';
import m0010 from '../../../electron/backend/db/migrations/0010-init';
import { fileSha256, tmpDir } from '../../fixtures/tmp';

/** The tables 0010-init creates; later migrations may add more. */
const INIT_TABLES = [
  'attachment',
  'audit_log',
  'blob',
  'conflict',
  'dossier',
  'expert',
  'group_member',
  'pref',
  'quota',
  'review_group',
  'session',
  'standard',
];

function userTables(db: Db): Array<{ name: string; strict: number }> {
  return (db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{
    name: string;
    strict: number;
  }>);
}

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected an AppError');
}

/** A plain SQLite file made by `setup`, closed again, in a fresh data folder. */
function prepareFile(setup: (db: Db) => void): { dir: string; file: string } {
  const dir = tmpDir();
  const file = path.join(dir, DB_FILE);
  const db = new Database(file);
  setup(db);
  db.close();
  return { dir, file };
}

describe('openDatabase on a fresh folder', () => {
  it('creates the schema at the latest user_version with STRICT tables, WAL, synchronous FULL and foreign keys', () => {
    const dir = path.join(tmpDir(), 'nested', 'data');
    const db = openDatabase(dir);
    try {
      expect(fs.existsSync(path.join(dir, DB_FILE))).toBe(true);
      expect(latestVersion()).toBeGreaterThanOrEqual(10);
      expect(db.pragma('user_version', { simple: true })).toBe(latestVersion());
      expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      const tables = userTables(db);
      expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(INIT_TABLES));
      for (const t of tables) expect(t, t.name).toEqual({ name: t.name, strict: 1 });
    } finally {
      db.close();
    }
  });

  it('re-opening is a no-op: same version and schema, and no migration runs again', () => {
    const dir = tmpDir();
    const first = openDatabase(dir);
    const schema = first.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all();
    first.close();

    const again = openDatabase(dir);
    try {
      const latest = latestVersion();
      expect(again.pragma('user_version', { simple: true })).toBe(latest);
      expect(again.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all()).toEqual(schema);
      const up = vi.fn();
      expect(migrate(again, 'x', [...MIGRATIONS.map((m) => ({ ...m, up }))])).toEqual({ from: latest, to: latest });
      expect(up).not.toHaveBeenCalled();
    } finally {
      again.close();
    }
  });

  it('keeps data across a close and re-open', () => {
    const dir = tmpDir();
    const db = openDatabase(dir);
    db.prepare('INSERT INTO pref (key, value) VALUES (?, ?)').run('k', 'v');
    db.close();
    const again = openDatabase(dir);
    expect(again.prepare('SELECT value FROM pref WHERE key = ?').pluck().get('k')).toBe('v');
    again.close();
  });
});

describe('0010-init schema', () => {
  it('alone takes a blank file to user_version 10 with exactly its STRICT tables', () => {
    const db = new Database(':memory:');
    try {
      expect(migrate(db, 'mem', [m0010])).toEqual({ from: 0, to: 10 });
      expect(db.pragma('user_version', { simple: true })).toBe(10);
      expect(userTables(db)).toEqual(INIT_TABLES.map((name) => ({ name, strict: 1 })));
    } finally {
      db.close();
    }
  });

  it('enforces foreign keys, CHECK constraints and STRICT types', () => {
    const db = openDatabase(tmpDir());
    try {
      expect(() => db.prepare("INSERT INTO expert (session_id, id, name, affiliation, specialty, role) VALUES ('nope', 'E1', 'x', '', '', 'member')").run()).toThrow(
        /FOREIGN KEY/,
      );
      db.prepare(
        "INSERT INTO session (id, name, committee_name, committee_json, meeting_date, settings_json, bundle_version, bundle_hash, imported_at) VALUES ('S', 'n', 'c', '{}', '2026-01-01', '{}', 1, 'h', 't')",
      ).run();
      expect(() => db.prepare("INSERT INTO expert (session_id, id, name, affiliation, specialty, role) VALUES ('S', 'E1', 'x', '', '', 'boss')").run()).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE session SET bundle_version = 'one' WHERE id = 'S'").run()).toThrow(/cannot store TEXT value in INTEGER column/);
      expect(() => db.prepare("UPDATE session SET status = 'open' WHERE id = 'S'").run()).toThrow(/CHECK/);
      // Deleting a session takes its roster with it.
      db.prepare("INSERT INTO expert (session_id, id, name, affiliation, specialty, role) VALUES ('S', 'E1', 'x', '', '', 'chair')").run();
      db.prepare("DELETE FROM session WHERE id = 'S'").run();
      expect(db.prepare('SELECT count(*) FROM expert').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('has the append-only triggers on audit_log', () => {
    const db = openDatabase(tmpDir());
    try {
      const triggers = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'audit_log' ORDER BY name").pluck().all();
      expect(triggers).toEqual(['audit_log_no_delete', 'audit_log_no_update']);
    } finally {
      db.close();
    }
  });
});

describe('the migration registry', () => {
  const step = (version: number, sql = `CREATE TABLE t${version} (x INTEGER) STRICT`): Migration => ({ version, name: `m${version}`, up: (db) => db.exec(sql) });

  it('refuses versions out of order or repeated', () => {
    expect(() => checkOrder([step(10), step(30), step(20)])).toThrow(/migration 20 \(m20\) is not after 30 \(m30\)/);
    expect(() => checkOrder([step(10), step(10)])).toThrow(/not after/);
    expect(() => checkOrder([step(10), step(20), step(30)])).not.toThrow();
    expect(() => checkOrder(MIGRATIONS)).not.toThrow();
    const db = new Database(':memory:');
    expect(() => migrate(db, 'mem', [step(20), step(10)])).toThrow(/not after/);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    db.close();
  });

  it('runs only the pending migrations, all at once, and records the last version', () => {
    const { file } = prepareFile(() => undefined);
    const db = new Database(file);
    try {
      expect(migrate(db, file, [step(10), step(20)])).toEqual({ from: 0, to: 20 });
      const later = vi.fn((d: Db) => d.exec('CREATE TABLE t40 (x INTEGER) STRICT'));
      expect(migrate(db, file, [step(10), step(20), step(30), { version: 40, name: 'm40', up: later }])).toEqual({ from: 20, to: 40 });
      expect(later).toHaveBeenCalledTimes(1);
      expect(db.pragma('user_version', { simple: true })).toBe(40);
      expect(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all()).toEqual(['t10', 't20', 't30', 't40']);
      expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    } finally {
      db.close();
    }
  });

  it('rolls back every pending migration when one fails, and reports DB_MIGRATION_FAILED', () => {
    const { file } = prepareFile(() => undefined);
    const db = new Database(file);
    try {
      const failing: Migration = {
        version: latestVersion() + 10,
        name: 'broken',
        up: (d) => {
          d.exec('CREATE TABLE half_done (x INTEGER) STRICT');
          throw new Error('boom');
        },
      };
      const err = caught(() => migrate(db, file, [...MIGRATIONS, failing]));
      expect(err.code).toBe('DB_MIGRATION_FAILED');
      expect(err.message).toMatch(/boom/);
      expect(err.details).toMatchObject({ file });
      expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE type IN ('table', 'trigger', 'index')").pluck().get()).toBe(0);
      expect(db.pragma('user_version', { simple: true })).toBe(0);
      // Not claimed either: the file is as blank as before, so the next start can try again.
      expect(db.pragma('application_id', { simple: true })).toBe(0);
    } finally {
      db.close();
    }
    const again = openDatabase(path.dirname(file));
    expect(again.pragma('user_version', { simple: true })).toBe(latestVersion());
    again.close();
  });

  it('a SQL error inside a migration is DB_MIGRATION_FAILED too', () => {
    const db = new Database(':memory:');
    const err = caught(() => migrate(db, 'mem', [step(10), step(20, 'CREATE TABLE t10 (y TEXT)')]));
    expect(err.code).toBe('DB_MIGRATION_FAILED');
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").pluck().get()).toBe(0);
    db.close();
  });
});

describe('refusing files that are not ours, without touching them', () => {
  it('a database from a newer app gives DB_NEWER_VERSION and stays byte-identical', () => {
    const { dir, file } = prepareFile((db) => {
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.exec('CREATE TABLE future (x INTEGER) STRICT');
      db.pragma('user_version = 9999');
    });
    const before = fileSha256(file);
    const err = caught(() => openDatabase(dir));
    expect(err.code).toBe('DB_NEWER_VERSION');
    expect(err.details).toMatchObject({ file, actual: '9999', expected: String(latestVersion()) });
    expect(fileSha256(file)).toBe(before);
    expect(fs.readdirSync(dir)).toEqual([DB_FILE]);
  });

  it('a newer database already in WAL mode is refused and left as it was', () => {
    const { dir, file } = prepareFile((db) => {
      db.pragma('journal_mode = WAL');
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.exec('CREATE TABLE future (x INTEGER) STRICT');
      db.pragma('user_version = 9999');
    });
    const before = fileSha256(file);
    expect(caught(() => openDatabase(dir)).code).toBe('DB_NEWER_VERSION');
    expect(fileSha256(file)).toBe(before);
  });

  it('a file of random bytes gives DB_CORRUPT and stays byte-identical', () => {
    const dir = tmpDir();
    const file = path.join(dir, DB_FILE);
    fs.writeFileSync(file, randomBytes(16 * 1024));
    const before = fileSha256(file);
    const err = caught(() => openDatabase(dir));
    expect(err.code).toBe('DB_CORRUPT');
    expect(err.details).toMatchObject({ file });
    expect(fileSha256(file)).toBe(before);
    expect(fs.readdirSync(dir)).toEqual([DB_FILE]);
  });

  it('another program’s SQLite database (application_id 0, its own tables) gives DB_NOT_PANELDESK', () => {
    const { dir, file } = prepareFile((db) => {
      db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hello');");
    });
    const before = fileSha256(file);
    const err = caught(() => openDatabase(dir));
    expect(err.code).toBe('DB_NOT_PANELDESK');
    expect(err.details).toMatchObject({ file });
    expect(fileSha256(file)).toBe(before);
    expect(fs.readdirSync(dir)).toEqual([DB_FILE]);
  });

  it('an empty database stamped with another application_id gives DB_NOT_PANELDESK', () => {
    const { dir, file } = prepareFile((db) => {
      db.pragma('application_id = 1234');
    });
    const before = fileSha256(file);
    expect(caught(() => openDatabase(dir)).code).toBe('DB_NOT_PANELDESK');
    expect(fileSha256(file)).toBe(before);
  });

  it('a data folder below a regular file gives DATA_DIR_UNAVAILABLE', () => {
    const blocker = path.join(tmpDir(), 'a-file');
    fs.writeFileSync(blocker, 'not a folder');
    const err = caught(() => openDatabase(path.join(blocker, 'data')));
    expect(err.code).toBe('DATA_DIR_UNAVAILABLE');
    expect(err.details).toMatchObject({ path: path.join(blocker, 'data') });
    expect(fs.readFileSync(blocker, 'utf8')).toBe('not a folder');
  });

  it('a data folder whose database path is a folder gives DATA_DIR_UNAVAILABLE', () => {
    const dir = tmpDir();
    fs.mkdirSync(path.join(dir, DB_FILE));
    expect(caught(() => openDatabase(dir)).code).toBe('DATA_DIR_UNAVAILABLE');
  });
});
