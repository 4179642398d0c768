import type { ConflictDoc } from '../../../../shared/bundle/schema';
import type { Db } from '../connection';

export function insertDeclaredConflicts(db: Db, sessionId: string, conflicts: readonly ConflictDoc[], at: string): void {
  const stmt = db.prepare(
    `INSERT INTO conflict (session_id, expert_id, dossier_id, source, status, reason, decided_at)
     VALUES (?, ?, ?, 'declared', 'confirmed', ?, ?)`,
  );
  for (const c of conflicts) stmt.run(sessionId, c.expertId, c.dossierId, c.reason, at);
}

export function countConflicts(db: Db, sessionId: string): number {
  return (db.prepare("SELECT count(*) AS n FROM conflict WHERE session_id = ? AND status = 'confirmed'").get(sessionId) as { n: number }).n;
}
