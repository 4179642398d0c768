// What the results read instead of recounting (migration 0100): each closed round's counts per dossier, stored when
// the round closes, and each submitted sheet version's total, stored at submit. Both are caches of shared/domain
// rules (tallyBallots / electronicCounts, sheetTotal); services/round-counts.ts recounts, and a test checks the two agree.
import type { Db } from '../connection';
import { prepared } from '../statements';

/** One dossier's counts in one round (发出, 收回, 有效, 无效, 同意, 不同意, 弃权). */
export interface DossierCounts {
  dossierId: string;
  issued: number;
  returned: number;
  valid: number;
  invalid: number;
  agree: number;
  disagree: number;
  abstain: number;
}

/** Stores a round's counts; only while the round is still open (the closing transaction), never changed after. */
export function insertRoundCounts(db: Db, sessionId: string, roundId: string, counts: readonly DossierCounts[]): void {
  const ins = prepared(
    db,
    `INSERT INTO round_count (session_id, round_id, dossier_id, issued, returned, valid, invalid, agree, disagree, abstain)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const c of counts) ins.run(sessionId, roundId, c.dossierId, c.issued, c.returned, c.valid, c.invalid, c.agree, c.disagree, c.abstain);
}

/** A tracker's line of the published tally: one letter per dossier of the round, in round order. */
export interface TrackerLine {
  tracker: string;
  choices: string;
}
export const CHOICE_LETTER = { agree: 'a', disagree: 'd', abstain: 's' } as const;
export const NO_BALLOT = '-';

/** Stores a round's tracker lines, like its counts: only while it is open, never changed after. */
export function insertRoundTrackers(db: Db, sessionId: string, roundId: string, lines: readonly TrackerLine[]): void {
  const ins = prepared(db, 'INSERT INTO round_tracker (session_id, round_id, tracker, choices) VALUES (?, ?, ?, ?)');
  for (const l of lines) ins.run(sessionId, roundId, l.tracker, l.choices);
}

/** A closed round's tracker lines, by tracker code. */
export function roundTrackers(db: Db, sessionId: string, roundId: string): Array<[string, string]> {
  return prepared(db, 'SELECT tracker, choices FROM round_tracker WHERE session_id = ? AND round_id = ? ORDER BY tracker').raw(true).all(sessionId, roundId) as Array<[string, string]>;
}

const COUNT_COLS = 'dossier_id, issued, returned, valid, invalid, agree, disagree, abstain';
type RawCounts = [string, number, number, number, number, number, number, number];
const fromRaw = (r: RawCounts): DossierCounts => ({ dossierId: r[0], issued: r[1], returned: r[2], valid: r[3], invalid: r[4], agree: r[5], disagree: r[6], abstain: r[7] });

/** One round's stored counts, by dossier id (empty while the round is open). */
export function roundCounts(db: Db, sessionId: string, roundId: string): Map<string, DossierCounts> {
  const rows = prepared(db, `SELECT ${COUNT_COLS} FROM round_count WHERE session_id = ? AND round_id = ?`).raw(true).all(sessionId, roundId) as RawCounts[];
  return new Map(rows.map((r) => [r[0], fromRaw(r)]));
}

/** Every closed round's stored counts of the session: round id → dossier id → counts (one indexed query). */
export function sessionRoundCounts(db: Db, sessionId: string): Map<string, Map<string, DossierCounts>> {
  const rows = prepared(db, `SELECT round_id, ${COUNT_COLS} FROM round_count WHERE session_id = ?`).raw(true).all(sessionId) as Array<[string, ...RawCounts]>;
  const out = new Map<string, Map<string, DossierCounts>>();
  for (const [roundId, ...r] of rows) {
    let round = out.get(roundId);
    if (!round) out.set(roundId, (round = new Map()));
    round.set(r[0], fromRaw(r));
  }
  return out;
}

/**
 * Each dossier's submitted totals: the latest version of each expert's sheet, when it is submitted (a sheet unlocked
 * into a new draft no longer counts). One indexed query, grouped per dossier.
 */
export function submittedTotalsByDossier(db: Db, sessionId: string): Map<string, number[]> {
  const rows = prepared(db, 'SELECT dossier_id, group_concat(total) FROM sheet_total WHERE session_id = ? AND current = 1 GROUP BY dossier_id')
    .raw(true)
    .all(sessionId) as Array<[string, string]>;
  return new Map(rows.map(([d, list]) => [d, list.split(',').map(Number)]));
}
