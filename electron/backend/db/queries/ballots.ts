// Ballot rounds and anonymous ballots. No query here returns a ballot together with a voter: ballots carry a
// random id and a tracker code; participation is read apart from them.
import type { Choice } from '../../../../shared/domain/ballots';
import type { Db } from '../connection';
import { insertRoundCounts, insertRoundTrackers, type DossierCounts, type TrackerLine } from './tally-cache';
import type { RoundSummary } from '../../../../shared/meeting-types';

/** A round as stored: the summary less what is counted around it. */
export type RoundRow = Pick<RoundSummary, 'id' | 'number' | 'purpose' | 'kind' | 'quotaId' | 'status' | 'openedAt' | 'closedAt' | 'voidReason'>;

const ROUND_COLS = `id, number, purpose, kind, quota_id AS quotaId, status, opened_at AS openedAt, closed_at AS closedAt, void_reason AS voidReason`;

export function listRounds(db: Db, sessionId: string): RoundRow[] {
  return db.prepare(`SELECT ${ROUND_COLS} FROM ballot_round WHERE session_id = ? ORDER BY number`).all(sessionId) as RoundRow[];
}

export function getRound(db: Db, sessionId: string, roundId: string): RoundRow | null {
  return (db.prepare(`SELECT ${ROUND_COLS} FROM ballot_round WHERE session_id = ? AND id = ?`).get(sessionId, roundId) as RoundRow | undefined) ?? null;
}

export function openRoundRow(db: Db, sessionId: string): RoundRow | null {
  return (db.prepare(`SELECT ${ROUND_COLS} FROM ballot_round WHERE session_id = ? AND status = 'open'`).get(sessionId) as RoundRow | undefined) ?? null;
}

export function insertRound(
  db: Db,
  a: { sessionId: string; id: string; purpose: RoundRow['purpose']; kind: RoundRow['kind']; quotaId: string | null; at: string; dossierIds: readonly string[]; roll: readonly string[] },
): number {
  const next = (db.prepare('SELECT coalesce(max(number), 0) + 1 AS n FROM ballot_round WHERE session_id = ?').get(a.sessionId) as { n: number }).n;
  db.prepare(`INSERT INTO ballot_round (session_id, id, number, purpose, kind, quota_id, status, opened_at) VALUES (?, ?, ?, ?, ?, ?, 'open', ?)`).run(
    a.sessionId,
    a.id,
    next,
    a.purpose,
    a.kind,
    a.quotaId,
    a.at,
  );
  const d = db.prepare('INSERT INTO round_dossier (session_id, round_id, dossier_id, position) VALUES (?, ?, ?, ?)');
  a.dossierIds.forEach((id, i) => d.run(a.sessionId, a.id, id, i));
  const r = db.prepare('INSERT INTO round_roll (session_id, round_id, expert_id) VALUES (?, ?, ?)');
  for (const e of a.roll) r.run(a.sessionId, a.id, e);
  return next;
}

/**
 * Closes the round. Its counts per dossier are stored first, in the same transaction and while it is still open
 * (migration 0100): `counts` counted from the ballots with the `trackers` lines, or the paper counts two people
 * entered alike.
 */
export function closeRoundRow(
  db: Db,
  a: {
    sessionId: string;
    roundId: string;
    at: string;
    status: 'closed' | 'void';
    voidReason: string | null;
    counts?: readonly DossierCounts[];
    trackers?: readonly TrackerLine[];
    paperCounts?: readonly DossierCounts[];
  },
): void {
  const counts = a.counts ?? a.paperCounts;
  if (!counts) throw new Error(`round ${a.roundId} closes with its counts`);
  insertRoundCounts(db, a.sessionId, a.roundId, counts);
  insertRoundTrackers(db, a.sessionId, a.roundId, a.trackers ?? []);
  db.prepare('UPDATE ballot_round SET status = ?, closed_at = ?, void_reason = ?, paper_counts_json = ? WHERE session_id = ? AND id = ?').run(
    a.status,
    a.at,
    a.voidReason,
    a.paperCounts === undefined ? null : JSON.stringify(a.paperCounts),
    a.sessionId,
    a.roundId,
  );
}

/** The counts a paper round closed with, by dossier (null for electronic rounds). */
export function paperCounts<T>(db: Db, sessionId: string, roundId: string): T | null {
  const r = db.prepare('SELECT paper_counts_json AS j FROM ballot_round WHERE session_id = ? AND id = ?').get(sessionId, roundId) as { j: string | null } | undefined;
  return r?.j ? (JSON.parse(r.j) as T) : null;
}

export function listPaperEntries<T, B = unknown>(
  db: Db,
  sessionId: string,
  roundId: string,
): Array<{ seq: number; entrantId: string; counts: T; ballots: B | null; enteredAt: string }> {
  const rows = db
    .prepare(
      'SELECT seq, entrant_id AS entrantId, counts_json AS j, ballots_json AS b, entered_at AS enteredAt FROM paper_entry WHERE session_id = ? AND round_id = ? ORDER BY seq',
    )
    .all(sessionId, roundId) as Array<{ seq: number; entrantId: string; j: string; b: string | null; enteredAt: string }>;
  return rows.map(({ j, b, ...r }) => ({ ...r, counts: JSON.parse(j) as T, ballots: b ? (JSON.parse(b) as B) : null }));
}

/** One entry of a paper round; `ballots` when it was entered ballot by ballot (its counts are derived from them). */
export function insertPaperEntry(db: Db, a: { sessionId: string; roundId: string; entrantId: string; counts: unknown; ballots?: unknown; at: string }): number {
  const seq = (db.prepare('SELECT coalesce(max(seq), 0) + 1 AS n FROM paper_entry WHERE session_id = ? AND round_id = ?').get(a.sessionId, a.roundId) as { n: number }).n;
  db.prepare('INSERT INTO paper_entry (session_id, round_id, seq, entrant_id, counts_json, ballots_json, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    a.sessionId,
    a.roundId,
    seq,
    a.entrantId,
    JSON.stringify(a.counts),
    a.ballots === undefined ? null : JSON.stringify(a.ballots),
    a.at,
  );
  return seq;
}

export function roundDossiers(db: Db, sessionId: string, roundId: string): string[] {
  return (db.prepare('SELECT dossier_id AS id FROM round_dossier WHERE session_id = ? AND round_id = ? ORDER BY position').all(sessionId, roundId) as Array<{ id: string }>).map((r) => r.id);
}

export function roundRoll(db: Db, sessionId: string, roundId: string): string[] {
  return (db.prepare('SELECT expert_id AS id FROM round_roll WHERE session_id = ? AND round_id = ? ORDER BY expert_id').all(sessionId, roundId) as Array<{ id: string }>).map((r) => r.id);
}

/** Who has voted (never how), sorted by expert id. */
export function participants(db: Db, sessionId: string, roundId: string): string[] {
  return (
    db.prepare('SELECT expert_id AS id FROM round_participation WHERE session_id = ? AND round_id = ? ORDER BY expert_id').all(sessionId, roundId) as Array<{ id: string }>
  ).map((r) => r.id);
}

export function hasVoted(db: Db, sessionId: string, roundId: string, expertId: string): boolean {
  return db.prepare('SELECT 1 FROM round_participation WHERE session_id = ? AND round_id = ? AND expert_id = ?').get(sessionId, roundId, expertId) !== undefined;
}

/** One voter's ballots and their participation, in one call (inside the caller's transaction). */
export function insertBallots(
  db: Db,
  a: { sessionId: string; roundId: string; expertId: string; tracker: string; ballots: ReadonlyArray<{ ballotId: string; dossierId: string; choice: Choice }> },
): void {
  db.prepare('INSERT INTO round_participation (session_id, round_id, expert_id) VALUES (?, ?, ?)').run(a.sessionId, a.roundId, a.expertId);
  const b = db.prepare('INSERT INTO ballot (session_id, round_id, ballot_id, tracker, dossier_id, choice) VALUES (?, ?, ?, ?, ?, ?)');
  for (const x of a.ballots) b.run(a.sessionId, a.roundId, x.ballotId, a.tracker, x.dossierId, x.choice);
}

/** The round's ballots in storage order (random-id order): dossier, choice and tracker only. */
export function roundBallots(db: Db, sessionId: string, roundId: string): Array<{ dossierId: string; choice: Choice; tracker: string }> {
  return db
    .prepare('SELECT dossier_id AS dossierId, choice, tracker FROM ballot WHERE session_id = ? AND round_id = ? ORDER BY ballot_id')
    .all(sessionId, roundId) as Array<{ dossierId: string; choice: Choice; tracker: string }>;
}

export function listQuotaDecisions(db: Db, sessionId: string): Array<{ quotaId: string; seq: number; chosen: string[]; reason: string; decidedAt: string }> {
  const rows = db
    .prepare('SELECT quota_id AS quotaId, seq, chosen_json AS chosenJson, reason, decided_at AS decidedAt FROM quota_decision WHERE session_id = ? ORDER BY decided_at, seq')
    .all(sessionId) as Array<{ quotaId: string; seq: number; chosenJson: string; reason: string; decidedAt: string }>;
  return rows.map(({ chosenJson, ...r }) => ({ ...r, chosen: JSON.parse(chosenJson) as string[] }));
}

export function insertQuotaDecision(db: Db, a: { sessionId: string; quotaId: string; chosen: readonly string[]; reason: string; decidedBy: string; at: string }): void {
  const seq = (db.prepare('SELECT coalesce(max(seq), 0) + 1 AS n FROM quota_decision WHERE session_id = ? AND quota_id = ?').get(a.sessionId, a.quotaId) as { n: number }).n;
  db.prepare('INSERT INTO quota_decision (session_id, quota_id, seq, chosen_json, reason, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    a.sessionId,
    a.quotaId,
    seq,
    JSON.stringify(a.chosen),
    a.reason,
    a.decidedBy,
    a.at,
  );
}

export interface StatementRow {
  version: number;
  signedBy: string;
  keyid: string;
  payloadSha256: string;
  correctionReason: string | null;
  signedAt: string;
  envelopeJson: string;
}

export function listStatements(db: Db, sessionId: string): StatementRow[] {
  return db
    .prepare(
      `SELECT version, signed_by AS signedBy, keyid, payload_sha256 AS payloadSha256, correction_reason AS correctionReason, signed_at AS signedAt, envelope_json AS envelopeJson
       FROM results_statement WHERE session_id = ? ORDER BY version`,
    )
    .all(sessionId) as StatementRow[];
}

export function insertStatement(db: Db, sessionId: string, s: StatementRow): void {
  db.prepare(
    'INSERT INTO results_statement (session_id, version, signed_by, keyid, envelope_json, payload_sha256, correction_reason, signed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(sessionId, s.version, s.signedBy, s.keyid, s.envelopeJson, s.payloadSha256, s.correctionReason, s.signedAt);
}
