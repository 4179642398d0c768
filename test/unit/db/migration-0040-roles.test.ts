// 0040-roles: keys are revoked, never replaced or deleted; a submitted sheet row cannot be deleted in SQL.
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/backend/db/connection';
import { migrate, MIGRATIONS } from '../../../electron/backend/db/migrations';
import Database from 'better-sqlite3';
import { SESSION_ID, insertSessionContent, sessionContent } from '../../fixtures/session-docs';
import { tmpDir } from '../../fixtures/tmp';

function seeded(): Db {
  const db = openDatabase(tmpDir('pd-m40-'));
  insertSessionContent(db, sessionContent());
  return db;
}

const KEY = (id: string) => ({ keyid: id.repeat(64), pk: 'c'.repeat(64) });

describe('migration 0040-roles', () => {
  it('upgrades a 0030 database, keeping its keys', () => {
    const dir = tmpDir('pd-m40up-');
    const raw = new Database(`${dir}/paneldesk.sqlite`);
    raw.pragma('foreign_keys = ON');
    migrate(raw as unknown as Db, 'test', MIGRATIONS.filter((m) => m.version <= 30));
    insertSessionContent(raw as unknown as Db, sessionContent());
    raw.prepare(`INSERT INTO expert_key (session_id, expert_id, keyid, public_key, sealed_json, created_at) VALUES (?, 'E01', ?, ?, '{}', 'now')`).run(SESSION_ID, 'a'.repeat(64), 'c'.repeat(64));
    migrate(raw as unknown as Db, 'test', MIGRATIONS);
    expect(raw.prepare('SELECT expert_id, keyid, revoked_at FROM expert_key').all()).toEqual([{ expert_id: 'E01', keyid: 'a'.repeat(64), revoked_at: null }]);
    raw.close();
  });

  it('allows one live key per expert, keeps revoked ones, and never deletes or edits a revoked key', () => {
    const db = seeded();
    const ins = db.prepare("INSERT INTO expert_key (session_id, expert_id, keyid, public_key, sealed_json, created_at) VALUES (?, 'E01', ?, ?, '{}', 'now')");
    ins.run(SESSION_ID, KEY('a').keyid, KEY('a').pk);
    expect(() => ins.run(SESSION_ID, KEY('d').keyid, KEY('d').pk)).toThrow(/UNIQUE/);
    db.prepare("UPDATE expert_key SET revoked_at = 'later', revoke_reason = '遗忘口令' WHERE keyid = ?").run(KEY('a').keyid);
    ins.run(SESSION_ID, KEY('d').keyid, KEY('d').pk);
    expect(() => db.prepare("UPDATE expert_key SET revoke_reason = 'rewritten' WHERE keyid = ?").run(KEY('a').keyid)).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM expert_key WHERE keyid = ?').run(KEY('a').keyid)).toThrow(/never deleted/);
    expect(() => db.prepare("UPDATE expert_key SET revoked_at = 'x' WHERE keyid = ?").run(KEY('d').keyid)).toThrow(/CHECK/);
    db.close();
  });

  it('refuses to delete a submitted score sheet row, and allows deleting a draft', () => {
    const db = seeded();
    const sheet = db.prepare("INSERT INTO score_sheet (session_id, dossier_id, expert_id, version, status, updated_at) VALUES (?, 'D001', 'E01', ?, ?, 'now')");
    sheet.run(SESSION_ID, 1, 'submitted');
    sheet.run(SESSION_ID, 2, 'draft');
    expect(() => db.prepare('DELETE FROM score_sheet WHERE version = 1').run()).toThrow(/locked/);
    expect(db.prepare('DELETE FROM score_sheet WHERE version = 2').run().changes).toBe(1);
    db.close();
  });
});
