// Migration 0050 (indexes for the interactive calls): it upgrades a 0030 database in place, keeping its
// rows, and SQLite's plans for the hot queries use the new indexes instead of scanning or sorting the session.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE, openDatabase, type Db } from '../../../electron/backend/db/connection';
import { MIGRATIONS, migrate } from '../../../electron/backend/db/migrations';
import m0050 from '../../../electron/backend/db/migrations/0050-indexes';
import { LIST_ASSIGNED_SQL, NEIGHBOUR_SQL } from '../../../electron/backend/db/queries/assignments';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-idx-'));
  dirs.push(d);
  return d;
}

const INDEXES = ['attachment_blob', 'conflict_dossier', 'dossier_group_packet', 'group_member_expert', 'score_item_expert', 'score_sheet_expert'];

function indexes(db: Db): string[] {
  return (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
}

function plan(db: Db, sql: string, params: Record<string, string>): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>).map((r) => r.detail).join('\n');
}

describe('0050-indexes', () => {
  it('upgrades a 0030 database in place: rows kept, the new indexes made, dossier_group replaced', () => {
    const dir = tmp();
    const raw = new Database(path.join(dir, DB_FILE));
    migrate(raw, 'f', MIGRATIONS.filter((m) => m.version < 50));
    raw.exec(`INSERT INTO session VALUES ('s', 'n', 'c', '{}', '2026-12-10', NULL, '{}', 1, 'h', NULL, 'setup', 'now');
      INSERT INTO review_group VALUES ('s', 'g1', 'G', NULL, NULL);
      INSERT INTO standard VALUES ('s', 'st', '1', 'n', 'x', 'y', 'senior', '{}');`);
    expect(indexes(raw)).toContain('dossier_group');
    raw.close();

    const db = openDatabase(dir);
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(m0050.version);
      expect(indexes(db)).toEqual(expect.arrayContaining(INDEXES));
      expect(indexes(db)).not.toContain('dossier_group');
      expect(db.prepare("SELECT count(*) AS n FROM review_group WHERE session_id = 's'").get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });

  it('plans the expert list from the expert’s memberships and each group’s dossiers in order, with no session scan', () => {
    const db = openDatabase(tmp());
    try {
      const p = plan(db, LIST_ASSIGNED_SQL, { s: 's', e: 'e' });
      expect(p).toMatch(/SEARCH m USING COVERING INDEX group_member_expert/);
      expect(p).toMatch(/SEARCH d USING (COVERING )?INDEX dossier_group_packet/);
      expect(p).not.toMatch(/SCAN (d|dossier|s|score_sheet|c|conflict)\b/);
    } finally {
      db.close();
    }
  });

  it('plans previous/next as one range probe per group in index order: no scan, no sort', () => {
    const db = openDatabase(tmp());
    try {
      for (const [cmp, dir] of [['>', 'ASC'], ['<', 'DESC']] as const) {
        const p = plan(db, NEIGHBOUR_SQL(cmp, dir), { s: 's', g: 'g', p: 'P', d: 'd', e: 'e' });
        expect(p).toMatch(/SEARCH d USING COVERING INDEX dossier_group_packet/);
        expect(p).not.toMatch(/TEMP B-TREE|SCAN d\b/);
      }
    } finally {
      db.close();
    }
  });
});
