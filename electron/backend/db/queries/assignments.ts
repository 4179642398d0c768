// Which dossiers an expert may see and score: those of their review groups, less confirmed recusals.
// One dossier's check, never the whole list: it runs on every read and save.
import type { Db } from '../connection';

export interface AssignmentOf {
  standardId: string;
  /** The confirmed recusal's reason, or null when the expert may act on the dossier. */
  recusal: string | null;
}

/** The dossier's assignment to the expert, or undefined when it is not in any of their groups. */
export function assignmentOf(db: Db, a: { sessionId: string; expertId: string; dossierId: string }): AssignmentOf | undefined {
  return db
    .prepare(
      `SELECT d.standard_id AS standardId,
         (SELECT c.reason FROM conflict c WHERE c.session_id = d.session_id AND c.dossier_id = d.id AND c.expert_id = @e AND c.status = 'confirmed') AS recusal
       FROM dossier d JOIN group_member m ON m.session_id = d.session_id AND m.group_id = d.group_id AND m.expert_id = @e
       WHERE d.session_id = @s AND d.id = @d`,
    )
    .get({ s: a.sessionId, d: a.dossierId, e: a.expertId }) as AssignmentOf | undefined;
}
