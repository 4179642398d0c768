// 0070-meeting: STRICT tables, one open round per session, ballots without voter or time, closed rounds immutable.
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/backend/db/connection';
import { tmpDir } from '../../fixtures/tmp';

const MEETING_TABLES = ['ballot', 'ballot_round', 'meeting', 'meeting_commitment', 'meeting_presence', 'paper_entry', 'quota_decision', 'results_statement', 'round_dossier', 'round_participation', 'round_roll'];

function seed(db: Db): void {
  db.prepare(
    "INSERT INTO session (id, name, committee_name, committee_json, meeting_date, settings_json, bundle_version, bundle_hash, imported_at) VALUES ('S', 'n', 'c', '{}', '2026-01-01', '{}', 1, 'h', 't')",
  ).run();
  db.prepare("INSERT INTO ballot_round (session_id, id, number, purpose, status, opened_at) VALUES ('S', 'R1', 1, 'vote', 'open', 't')").run();
}

describe('0070-meeting schema', () => {
  it('creates STRICT tables, and ballots carry neither voter nor time', () => {
    const db = openDatabase(tmpDir());
    try {
      const tables = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table'").all() as Array<{ name: string; strict: number }>;
      for (const t of MEETING_TABLES) expect(tables.find((x) => x.name === t)).toEqual({ name: t, strict: 1 });
      const cols = (db.prepare('PRAGMA table_info(ballot)').all() as Array<{ name: string }>).map((c) => c.name);
      expect(cols.some((c) => /expert|voter|_at$|time/.test(c))).toBe(false);
    } finally {
      db.close();
    }
  });

  it('allows one open round per session, and freezes a round once closed', () => {
    const db = openDatabase(tmpDir());
    try {
      seed(db);
      expect(() => db.prepare("INSERT INTO ballot_round (session_id, id, number, purpose, status, opened_at) VALUES ('S', 'R2', 2, 'vote', 'open', 't')").run()).toThrow(/UNIQUE/);
      db.prepare("INSERT INTO ballot (session_id, round_id, ballot_id, tracker, dossier_id, choice) VALUES ('S', 'R1', ?, 'T', 'D1', 'agree')").run('a'.repeat(32));
      db.prepare("INSERT INTO round_participation (session_id, round_id, expert_id) VALUES ('S', 'R1', 'E1')").run();
      expect(() => db.prepare("INSERT INTO ballot (session_id, round_id, ballot_id, tracker, dossier_id, choice) VALUES ('S', 'R1', ?, 'T', 'D1', 'maybe')").run('b'.repeat(32))).toThrow(/CHECK/);
      db.prepare("UPDATE ballot_round SET status = 'closed', closed_at = 't2' WHERE id = 'R1'").run();
      expect(() => db.prepare("UPDATE ballot_round SET status = 'open' WHERE id = 'R1'").run()).toThrow(/immutable/);
      expect(() => db.prepare("INSERT INTO ballot (session_id, round_id, ballot_id, tracker, dossier_id, choice) VALUES ('S', 'R1', ?, 'T', 'D1', 'agree')").run('c'.repeat(32))).toThrow(/not open/);
      expect(() => db.prepare("INSERT INTO round_participation (session_id, round_id, expert_id) VALUES ('S', 'R1', 'E2')").run()).toThrow(/not open/);
      expect(() => db.prepare("INSERT INTO round_roll (session_id, round_id, expert_id) VALUES ('S', 'R1', 'E2')").run()).toThrow(/not open/);
      // Every row that belongs to a round has the same guard (the chair's arbitration of paper entries too, 0080).
      const guarded = db.prepare("SELECT tbl_name FROM sqlite_schema WHERE type = 'trigger' AND sql LIKE '%ballot round is not open%' ORDER BY tbl_name").pluck().all();
      // round_count and round_tracker (0100) hold the counts and tracker lines stored at close, guarded alike.
      expect(guarded).toEqual(['ballot', 'paper_arbitration', 'paper_entry', 'round_count', 'round_dossier', 'round_participation', 'round_roll', 'round_tracker']);
      expect(() => db.prepare('DELETE FROM round_participation').run()).toThrow(/never deleted/);
      expect(() => db.prepare('DELETE FROM ballot_round').run()).toThrow(/never deleted/);
      // Now a second round may open.
      db.prepare("INSERT INTO ballot_round (session_id, id, number, purpose, status, opened_at) VALUES ('S', 'R2', 2, 'vote', 'open', 't')").run();
    } finally {
      db.close();
    }
  });

  it('a tie-break round names its quota; teller and scrutineer differ', () => {
    const db = openDatabase(tmpDir());
    try {
      seed(db);
      db.prepare("UPDATE ballot_round SET status = 'closed' WHERE id = 'R1'").run();
      expect(() => db.prepare("INSERT INTO ballot_round (session_id, id, number, purpose, status, opened_at) VALUES ('S', 'R2', 2, 'tiebreak', 'open', 't')").run()).toThrow(/CHECK/);
      expect(() =>
        db
          .prepare(
            "INSERT INTO meeting (session_id, opened_at, opened_by, quorum_base, recused_count_in_a, max_revotes, commitment_text, teller_id, scrutineer_id) VALUES ('S', 't', 'E1', 'all_members', 0, 1, 'x', 'E2', 'E2')",
          )
          .run(),
      ).toThrow(/CHECK/);
    } finally {
      db.close();
    }
  });
});
