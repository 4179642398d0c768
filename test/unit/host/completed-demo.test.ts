// `paneldesk demo --completed`: the scripted meeting on a 30-dossier, 25-expert session, run through the contract.
// Same seed → same outcomes; every scripted event happened; the counts and totals stored for speed (migration 0100)
// equal a recount from the ballots and items, and the migration's backfill of an older database gives the same rows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tallyBallots, electronicCounts, type Choice } from '../../../shared/domain/ballots';
import type { MeetingResults } from '../../../shared/meeting-types';
import { runCompletedMeeting, type CompletedMeeting } from '../../../electron/backend/demo/completed-meeting';
import { writeCompletedBundle } from '../../../electron/backend/demo/completed-bundle';
import type { ResultExportReport } from '../../../shared/result-bundle/export-types';
import { checkResultBundle } from '../../fixtures/result-bundle-check';
import { WRONG_TOTAL_OFFSET } from '../../../electron/backend/demo/wrong-total';
import { openDatabase, type Db } from '../../../electron/backend/db/connection';
import { MIGRATIONS } from '../../../electron/backend/db/migrations';
import { countRound } from '../../../electron/backend/services/round-counts';
import type { DossierCounts } from '../../../electron/backend/db/queries/tally-cache';

const dirs: string[] = [];
const workDir = (): string => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-completed-'));
  dirs.push(d);
  return d;
};
let first: CompletedMeeting;
let firstDir: string;
let exported: ResultExportReport;

beforeAll(async () => {
  firstDir = workDir();
  first = await runCompletedMeeting(firstDir, { seed: 7 });
  try {
    exported = await writeCompletedBundle(first, path.join(firstDir, 'meeting.pdresult'));
  } finally {
    first.host.close();
  }
}, 300_000);
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** The outcome of the meeting without what is random by design (round ids, trackers, times). */
function outcomes(r: MeetingResults) {
  return {
    attendance: r.attendance,
    ties: r.ties,
    dossiers: r.dossiers.map((d) => ({
      dossierId: d.dossierId,
      score: d.score,
      scorers: d.scorers,
      rounds: d.rounds.map(({ roundId: _id, ...rest }) => rest),
      outcome: d.outcome,
    })),
  };
}

const dbOf = (dir: string): Db => openDatabase(path.join(dir, 'data'));

describe('paneldesk demo --completed', () => {
  it('gives the same outcomes, keys and events for the same seed', { timeout: 300_000 }, async () => {
    const again = await runCompletedMeeting(workDir(), { seed: 7 });
    again.host.close();
    expect(outcomes(again.results)).toEqual(outcomes(first.results));
    // Demo keys come from the seed: the chair's statement is signed by the same key id.
    expect(again.events.statement.keyid).toBe(first.events.statement.keyid);
    const { firstRound: _a, paperRevote: _b, tieBreaks: t1, statement: _c, ...e1 } = first.events;
    const { firstRound: _d, paperRevote: _e, tieBreaks: t2, statement: _f, ...e2 } = again.events;
    expect(e2).toEqual(e1);
    expect(t2.map((t) => t.cut)).toEqual(t1.map((t) => t.cut));
  });

  it('runs every scripted event: late arrival, recusal, paper re-vote with a caught typo, quota tie re-voted, signature', () => {
    const { events: ev, results } = first;
    expect(results.dossiers).toHaveLength(30);
    expect(ev.sheetsSubmitted).toBeGreaterThan(200);
    // The late arrival was not on round 1's roll, and is counted late.
    expect(ev.firstRound.voters).toBe(24);
    expect(results.attendance).toMatchObject({ members: 25, present: 25, late: 1 });
    // The recused expert neither scored nor voted on that dossier: one recused on its round-1 roll.
    const recused = results.dossiers.find((d) => d.dossierId === ev.recusal.dossierId);
    expect(recused?.rounds[0]?.recused).toBeGreaterThanOrEqual(1);
    // The paper re-vote: failed round 1 by one vote, passed on paper; the scrutineer's typo was caught by the diff.
    const revoted = results.dossiers.find((d) => d.dossierId === ev.paperRevote.dossierId);
    expect(revoted?.rounds.map((r) => [r.number, r.purpose, r.passed])).toEqual([
      [1, 'vote', false],
      [2, 'vote', true],
    ]);
    expect(revoted?.rounds[0]?.agree).toBe((revoted?.rounds[0]?.needed ?? 0) - 1);
    expect(revoted?.rounds[1]).toMatchObject({ invalid: 1, issued: 25, returned: 25 });
    expect(ev.paperRevote.mistyped.map((m) => m.field)).toEqual(['agree', 'disagree']);
    expect(ev.paperRevote.enteredBy).toBe(ev.officers.tellerId);
    expect(ev.paperRevote.confirmedBy).toBe(ev.officers.scrutineerId);
    // The quota tie at the cut line of 网络营销, decided by a re-vote among the tied (round 3).
    expect(ev.tieBreaks).toHaveLength(1);
    const [tie] = ev.tieBreaks;
    expect(tie).toMatchObject({ quotaId: 'q-specialty-wlyx' });
    expect(tie?.tied).toHaveLength(2);
    const cut = results.dossiers.find((d) => d.dossierId === tie?.cut[0]);
    expect(cut?.outcome).toMatchObject({ passedVote: true, quota: 'cut', cutBy: { quotaId: 'q-specialty-wlyx', reason: 'REVOTE_RANK' }, decision: 'not_passed' });
    expect(cut?.rounds.map((r) => r.purpose)).toEqual(['vote', 'tiebreak']);
    expect(results.ties).toEqual([]);
    expect(results.statements).toHaveLength(1);
    expect(results.statements[0]?.payloadSha256).toBe(ev.statement.payloadSha256);
  });

  it('stores counts equal to a recount from the ballots, and sheet totals equal to the sum of their items', () => {
    const db = dbOf(firstDir);
    try {
      const sessionId = first.sessionId;
      const rounds = db.prepare('SELECT id, kind, paper_counts_json AS paper FROM ballot_round WHERE session_id = ? ORDER BY number').all(sessionId) as Array<{ id: string; kind: 'electronic' | 'paper'; paper: string | null }>;
      expect(rounds.map((r) => r.kind)).toEqual(['electronic', 'paper', 'electronic']);
      const conflicts = db.prepare("SELECT expert_id AS e, dossier_id AS d FROM conflict WHERE session_id = ? AND status = 'confirmed'").all(sessionId) as Array<{ e: string; d: string }>;
      for (const r of rounds) {
        const stored = db.prepare('SELECT dossier_id AS dossierId, issued, returned, valid, invalid, agree, disagree, abstain FROM round_count WHERE session_id = ? AND round_id = ? ORDER BY dossier_id').all(sessionId, r.id) as DossierCounts[];
        const dossierIds = db.prepare('SELECT dossier_id FROM round_dossier WHERE session_id = ? AND round_id = ? ORDER BY dossier_id').pluck().all(sessionId, r.id) as string[];
        expect(stored.map((c) => c.dossierId)).toEqual(dossierIds);
        const recount = countRound(db, sessionId, r, r.paper ? (JSON.parse(r.paper) as DossierCounts[]) : null).sort((x, y) => (x.dossierId < y.dossierId ? -1 : 1));
        expect(stored).toEqual(recount);
        if (r.kind === 'electronic') {
          // And against the ballots themselves, counted here with the shared rules.
          const roll = db.prepare('SELECT expert_id FROM round_roll WHERE session_id = ? AND round_id = ?').pluck().all(sessionId, r.id) as string[];
          const ballots = db.prepare('SELECT dossier_id AS dossierId, choice FROM ballot WHERE session_id = ? AND round_id = ?').all(sessionId, r.id) as Array<{ dossierId: string; choice: Choice }>;
          const tally = tallyBallots(ballots);
          for (const c of stored) {
            const recusedHere = roll.filter((e) => conflicts.some((x) => x.e === e && x.d === c.dossierId)).length;
            expect(c).toEqual({ dossierId: c.dossierId, ...electronicCounts(roll.length - recusedHere, tally.get(c.dossierId)) });
          }
          // The published tally's tracker lines, stored at close, hold exactly each tracker's ballots.
          const order = db.prepare('SELECT dossier_id FROM round_dossier WHERE session_id = ? AND round_id = ? ORDER BY position').pluck().all(sessionId, r.id) as string[];
          const byTracker = new Map<string, string[]>();
          for (const b of db.prepare('SELECT tracker, dossier_id AS d, choice FROM ballot WHERE session_id = ? AND round_id = ?').all(sessionId, r.id) as Array<{ tracker: string; d: string; choice: Choice }>) {
            const line = byTracker.get(b.tracker) ?? order.map(() => '-');
            line[order.indexOf(b.d)] = b.choice === 'agree' ? 'a' : b.choice === 'disagree' ? 'd' : 's';
            byTracker.set(b.tracker, line);
          }
          const lines = db.prepare('SELECT tracker, choices FROM round_tracker WHERE session_id = ? AND round_id = ? ORDER BY tracker').all(sessionId, r.id);
          expect(lines).toEqual([...byTracker].sort(([x], [y]) => (x < y ? -1 : 1)).map(([tracker, line]) => ({ tracker, choices: line.join('') })));
          // One line per voter (participation), and never a voter on it.
          expect(lines).toHaveLength(db.prepare('SELECT count(*) FROM round_participation WHERE session_id = ? AND round_id = ?').pluck().get(sessionId, r.id) as number);
        } else {
          expect(db.prepare('SELECT count(*) FROM round_tracker WHERE session_id = ? AND round_id = ?').pluck().get(sessionId, r.id)).toBe(0);
        }
      }
      const totals = db.prepare('SELECT dossier_id AS d, expert_id AS e, version AS v, total FROM sheet_total WHERE session_id = ? AND current = 1').all(sessionId) as Array<{ d: string; e: string; v: number; total: number }>;
      expect(totals).toHaveLength(first.events.sheetsSubmitted);
      for (const t of totals) {
        const sum = db.prepare('SELECT sum(value) FROM score_item WHERE session_id = ? AND dossier_id = ? AND expert_id = ? AND version = ?').pluck().get(sessionId, t.d, t.e, t.v);
        expect(t.total).toBe(sum);
      }
    } finally {
      db.close();
    }
  });

  it('migration 0100 backfills a database from before it with the rows stored at close and submit', () => {
    const file = path.join(firstDir, 'data', 'paneldesk.sqlite');
    const snapshot = (db: Database.Database) => ({
      counts: db.prepare('SELECT * FROM round_count ORDER BY round_id, dossier_id').all(),
      trackers: db.prepare('SELECT * FROM round_tracker ORDER BY round_id, tracker').all(),
      totals: db.prepare('SELECT * FROM sheet_total ORDER BY dossier_id, expert_id, version').all(),
    });
    const raw = new Database(file);
    const before = snapshot(raw);
    expect(before.counts.length).toBeGreaterThan(30);
    // The same data as written by the version before 0100: its tables and triggers gone, the schema one step older.
    raw.exec('DROP TRIGGER sheet_total_at_submit; DROP TRIGGER sheet_total_superseded; DROP TABLE round_count; DROP TABLE round_tracker; DROP TABLE sheet_total;');
    // The migrations after 0100 (0110, the examiner's tables) did not exist either; they run again on open.
    raw.exec('DROP TABLE examiner_finding; DROP TABLE examiner_statement; DROP TABLE examiner_sample;');
    raw.pragma(`user_version = ${Math.max(...MIGRATIONS.filter((m) => m.version < 100).map((m) => m.version))}`);
    raw.close();
    const db = openDatabase(path.join(firstDir, 'data'));
    db.close();
    const reopened = new Database(file);
    try {
      expect(reopened.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(100);
      expect(snapshot(reopened)).toEqual(before);
      // Backfilled counts are frozen like those stored at close.
      expect(() => reopened.prepare('UPDATE round_count SET agree = agree + 1').run()).toThrow(/never changed/);
      expect(() => reopened.prepare('DELETE FROM sheet_total').run()).toThrow(/never deleted/);
    } finally {
      reopened.close();
    }
  });

  it('trains examiners: a skewed expert and a signed sheet whose stated total is not its items’ sum', { timeout: 300_000 }, async () => {
    const dir = workDir();
    const m = await runCompletedMeeting(dir, { dossiers: 15, experts: 9, seed: 3, skewExpert: true, wrongTotal: true });
    m.host.close();
    expect(m.events.skewExpert).not.toBeNull();
    const wrong = m.events.wrongTotal;
    expect(wrong && wrong.stated - wrong.items).toBe(WRONG_TOTAL_OFFSET);
    const db = dbOf(dir);
    try {
      const env = db.prepare("SELECT envelope_json FROM score_sheet WHERE session_id = ? AND dossier_id = ? AND expert_id = ? AND status = 'submitted'").pluck().get(m.sessionId, wrong?.dossierId, wrong?.expertId) as string;
      const payload = JSON.parse(Buffer.from((JSON.parse(env) as { payload: string }).payload, 'base64').toString('utf8')) as { total: number; scores: Array<{ value: number }> };
      expect(payload.total).toBe(wrong?.stated);
      expect(payload.scores.reduce((s, x) => s + x.value, 0)).toBe(wrong?.items);
      // The results add the items, as a verifier must.
      expect(db.prepare('SELECT total FROM sheet_total WHERE session_id = ? AND dossier_id = ? AND expert_id = ?').pluck().get(m.sessionId, wrong?.dossierId, wrong?.expertId)).toBe(wrong?.items);
      // The skewed expert's totals sit far below every other scorer's of the same dossiers.
      const rows = db.prepare('SELECT dossier_id AS d, expert_id AS e, total FROM sheet_total WHERE session_id = ?').all(m.sessionId) as Array<{ d: string; e: string; total: number }>;
      const skewedRows = rows.filter((r) => r.e === m.events.skewExpert);
      expect(skewedRows.length).toBeGreaterThan(0);
      for (const s of skewedRows) for (const o of rows.filter((r) => r.d === s.d && r.e !== s.e)) expect(o.total - s.total).toBeGreaterThan(1500);
    } finally {
      db.close();
    }
  });

  it('ends by writing the signed result bundle, sealed by the chair, the teller and the scrutineer', async () => {
    const bytes = fs.readFileSync(path.join(firstDir, 'meeting.pdresult'));
    expect(exported).toMatchObject({ sessionId: first.sessionId, bytes: bytes.length, statementVersion: 1, sealedNow: true, encrypted: null });
    // Structure, both manifests, every document's schema and the seal's signatures against the roster (rbundle's check).
    const checked = await checkResultBundle(bytes);
    expect(checked.bundleHash).toBe(exported.bundleHash);
    // It carries what the meeting did: three rounds, every submitted sheet, the results of every dossier.
    const rounds = checked.documents.get('data/rounds.json');
    expect(JSON.stringify(rounds)).toContain(first.events.paperRevote.roundId);
    expect(JSON.stringify(checked.documents.get('data/results.json'))).toContain(first.events.tieBreaks[0]?.cut[0] ?? 'no tie');
  });
});
