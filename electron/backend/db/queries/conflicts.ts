import type { ConflictDoc } from '../../../../shared/bundle/schema';
import type { ConflictView } from '../../../../shared/types';
import type { Db } from '../connection';
import { prepared } from '../statements';

export function insertDeclaredConflicts(db: Db, sessionId: string, conflicts: readonly ConflictDoc[], at: string): void {
  const stmt = prepared(db,
    `INSERT INTO conflict (session_id, expert_id, dossier_id, source, status, reason, decided_at)
     VALUES (?, ?, ?, 'declared', 'confirmed', ?, ?)`,
  );
  for (const c of conflicts) stmt.run(sessionId, c.expertId, c.dossierId, c.reason, at);
}

export function countConflicts(db: Db, sessionId: string): number {
  return (prepared(db, "SELECT count(*) AS n FROM conflict WHERE session_id = ? AND status = 'confirmed'").get(sessionId) as { n: number }).n;
}

export type ConflictRecord = ConflictView;

export function listConflicts(db: Db, sessionId: string): ConflictRecord[] {
  return prepared(db,
      `SELECT c.expert_id AS expertId, e.name AS expertName, c.dossier_id AS dossierId, d.packet_no AS packetNo,
         d.name AS applicantName, c.source, c.status, c.reason, c.decided_at AS decidedAt
       FROM conflict c
       JOIN expert e ON e.session_id = c.session_id AND e.id = c.expert_id
       JOIN dossier d ON d.session_id = c.session_id AND d.id = c.dossier_id
       WHERE c.session_id = ? ORDER BY d.packet_no, e.id`,
    )
    .all(sessionId) as ConflictRecord[];
}

/** Same organisation on both sides, and no decision recorded yet for the pair. */
export function affiliationMatches(db: Db, sessionId: string): Array<Omit<ConflictRecord, 'source' | 'status' | 'reason' | 'decidedAt'> & { employer: string }> {
  return prepared(db,
      `SELECT e.id AS expertId, e.name AS expertName, d.id AS dossierId, d.packet_no AS packetNo, d.name AS applicantName,
         d.employer
       FROM expert e JOIN dossier d ON d.session_id = e.session_id AND trim(d.employer) = trim(e.affiliation)
       WHERE e.session_id = ?
         AND NOT EXISTS (SELECT 1 FROM conflict c WHERE c.session_id = e.session_id AND c.expert_id = e.id AND c.dossier_id = d.id)
       ORDER BY d.packet_no, e.id`,
    )
    .all(sessionId) as Array<Omit<ConflictRecord, 'source' | 'status' | 'reason' | 'decidedAt'> & { employer: string }>;
}

export function upsertConflict(
  db: Db,
  args: { sessionId: string; expertId: string; dossierId: string; source: ConflictRecord['source']; status: ConflictRecord['status']; reason: string; at: string },
): void {
  prepared(db,
    `INSERT INTO conflict (session_id, expert_id, dossier_id, source, status, reason, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(session_id, expert_id, dossier_id) DO UPDATE SET status = excluded.status, reason = excluded.reason, decided_at = excluded.decided_at`,
  ).run(args.sessionId, args.expertId, args.dossierId, args.source, args.status, args.reason, args.at);
}

export function getConflict(db: Db, sessionId: string, expertId: string, dossierId: string): { source: string; status: string } | null {
  return (
    (prepared(db, 'SELECT source, status FROM conflict WHERE session_id = ? AND expert_id = ? AND dossier_id = ?')
      .get(sessionId, expertId, dossierId) as { source: string; status: string } | undefined) ?? null
  );
}
