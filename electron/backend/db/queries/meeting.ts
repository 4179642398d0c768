// The meeting's rows: settings and officers, presence, commitments. Ballots are in ./ballots.ts.
import type { MeetingSettings } from '../../../../shared/domain/meeting-settings';
import type { Db } from '../connection';

export interface MeetingRow extends MeetingSettings {
  sessionId: string;
  openedAt: string;
  openedBy: string;
  commitmentText: string;
  tellerId: string | null;
  scrutineerId: string | null;
}

export function getMeeting(db: Db, sessionId: string): MeetingRow | null {
  const r = db
    .prepare(
      `SELECT session_id AS sessionId, opened_at AS openedAt, opened_by AS openedBy, quorum_base AS quorumBase,
         recused_count_in_a AS recused, max_revotes AS maxRevotes, commitment_text AS commitmentText,
         teller_id AS tellerId, scrutineer_id AS scrutineerId
       FROM meeting WHERE session_id = ?`,
    )
    .get(sessionId) as (Omit<MeetingRow, 'recusedCountInA'> & { recused: number }) | undefined;
  if (!r) return null;
  const { recused, ...rest } = r;
  return { ...rest, recusedCountInA: recused === 1 };
}

export function insertMeeting(db: Db, m: MeetingRow): void {
  db.prepare(
    `INSERT INTO meeting (session_id, opened_at, opened_by, quorum_base, recused_count_in_a, max_revotes, commitment_text, teller_id, scrutineer_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(m.sessionId, m.openedAt, m.openedBy, m.quorumBase, m.recusedCountInA ? 1 : 0, m.maxRevotes, m.commitmentText, m.tellerId, m.scrutineerId);
}

export function setOfficers(db: Db, a: { sessionId: string; tellerId: string; scrutineerId: string }): void {
  db.prepare('UPDATE meeting SET teller_id = ?, scrutineer_id = ? WHERE session_id = ?').run(a.tellerId, a.scrutineerId, a.sessionId);
}

export interface PresenceRow {
  expertId: string;
  arrivedAt: string;
  late: boolean;
  leftAt: string | null;
}

export function listPresence(db: Db, sessionId: string): PresenceRow[] {
  const rows = db
    .prepare('SELECT expert_id AS expertId, arrived_at AS arrivedAt, late, left_at AS leftAt FROM meeting_presence WHERE session_id = ? ORDER BY expert_id')
    .all(sessionId) as Array<Omit<PresenceRow, 'late'> & { late: number }>;
  return rows.map((r) => ({ ...r, late: r.late === 1 }));
}

/** Experts here now: arrived and not left. */
export function presentNow(db: Db, sessionId: string): string[] {
  return (db.prepare('SELECT expert_id AS id FROM meeting_presence WHERE session_id = ? AND left_at IS NULL ORDER BY expert_id').all(sessionId) as Array<{ id: string }>).map(
    (r) => r.id,
  );
}

/** Arrival (again, after leaving: the return time replaces the old arrival and clears the departure). */
export function recordArrival(db: Db, a: { sessionId: string; expertId: string; at: string; late: boolean }): void {
  db.prepare(
    `INSERT INTO meeting_presence (session_id, expert_id, arrived_at, late, left_at) VALUES (?, ?, ?, ?, NULL)
     ON CONFLICT(session_id, expert_id) DO UPDATE SET arrived_at = excluded.arrived_at, late = excluded.late, left_at = NULL`,
  ).run(a.sessionId, a.expertId, a.at, a.late ? 1 : 0);
}

export function recordDeparture(db: Db, a: { sessionId: string; expertId: string; at: string }): void {
  db.prepare('UPDATE meeting_presence SET left_at = ? WHERE session_id = ? AND expert_id = ?').run(a.at, a.sessionId, a.expertId);
}

export function commitmentsSigned(db: Db, sessionId: string): Map<string, { signedAt: string; keyid: string; textSha256: string }> {
  const rows = db
    .prepare('SELECT expert_id AS expertId, signed_at AS signedAt, keyid, text_sha256 AS textSha256 FROM meeting_commitment WHERE session_id = ?')
    .all(sessionId) as Array<{ expertId: string; signedAt: string; keyid: string; textSha256: string }>;
  return new Map(rows.map(({ expertId, ...r }) => [expertId, r]));
}

export function insertCommitment(db: Db, a: { sessionId: string; expertId: string; textSha256: string; keyid: string; envelopeJson: string; at: string }): void {
  db.prepare('INSERT INTO meeting_commitment (session_id, expert_id, text_sha256, keyid, envelope_json, signed_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    a.sessionId,
    a.expertId,
    a.textSha256,
    a.keyid,
    a.envelopeJson,
    a.at,
  );
}
