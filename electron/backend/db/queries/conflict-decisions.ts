// The secretary's dismissals, kept across session updates (services/update-session.ts). Added by the
// bundle work beside queries/conflicts.ts.
import type { Db } from '../connection';

export function dismissedConflicts(db: Db, sessionId: string): Array<{ expertId: string; dossierId: string; source: string }> {
  return db
    .prepare("SELECT expert_id AS expertId, dossier_id AS dossierId, source FROM conflict WHERE session_id = ? AND status = 'dismissed'")
    .all(sessionId) as Array<{ expertId: string; dossierId: string; source: string }>;
}

export function deleteConflict(db: Db, sessionId: string, expertId: string, dossierId: string): void {
  db.prepare('DELETE FROM conflict WHERE session_id = ? AND expert_id = ? AND dossier_id = ?').run(sessionId, expertId, dossierId);
}
