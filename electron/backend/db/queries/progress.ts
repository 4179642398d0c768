// Scoring progress as aggregate SQL: counts per (expert, group), never a score. Each query reads the
// session's sheets or recusals once, grouped in SQLite, instead of looping over every expert x dossier.
import type { Db } from '../connection';
import { prepared } from '../statements';

/** Dossiers per review group. */
export function dossiersPerGroup(db: Db, sessionId: string): Array<{ groupId: string; n: number }> {
  return prepared(db, 'SELECT group_id AS groupId, count(*) AS n FROM dossier WHERE session_id = ? GROUP BY group_id').all(sessionId) as Array<{
    groupId: string;
    n: number;
  }>;
}

/** Confirmed recusals of each expert from dossiers of their own groups, per group. */
export function recusalsPerExpertGroup(db: Db, sessionId: string): Array<{ expertId: string; groupId: string; n: number }> {
  return prepared(
    db,
    `SELECT c.expert_id AS expertId, d.group_id AS groupId, count(*) AS n
     FROM conflict c
     JOIN dossier d ON d.session_id = c.session_id AND d.id = c.dossier_id
     JOIN group_member m ON m.session_id = c.session_id AND m.group_id = d.group_id AND m.expert_id = c.expert_id
     WHERE c.session_id = ? AND c.status = 'confirmed'
     GROUP BY c.expert_id, d.group_id`,
  ).all(sessionId) as Array<{ expertId: string; groupId: string; n: number }>;
}

/**
 * Current sheets of each expert on dossiers of their own groups they are not recused from, counted per
 * (expert, group, standard, status, number of scored items): the caller compares the items with the
 * standard's to tell a fully scored draft.
 */
export function sheetCountsPerExpertGroup(
  db: Db,
  sessionId: string,
): Array<{ expertId: string; groupId: string; standardId: string; status: 'draft' | 'submitted'; items: number; n: number }> {
  return prepared(
    db,
    `WITH cur AS (
       SELECT dossier_id, expert_id, max(version) AS version FROM score_sheet WHERE session_id = @s GROUP BY dossier_id, expert_id
     )
     SELECT s.expert_id AS expertId, d.group_id AS groupId, d.standard_id AS standardId, s.status,
       (SELECT count(*) FROM score_item i WHERE i.session_id = @s AND i.dossier_id = s.dossier_id AND i.expert_id = s.expert_id AND i.version = s.version) AS items,
       count(*) AS n
     FROM cur
     JOIN score_sheet s ON s.session_id = @s AND s.dossier_id = cur.dossier_id AND s.expert_id = cur.expert_id AND s.version = cur.version
     JOIN dossier d ON d.session_id = @s AND d.id = s.dossier_id
     JOIN group_member m ON m.session_id = @s AND m.group_id = d.group_id AND m.expert_id = s.expert_id
     WHERE NOT EXISTS (SELECT 1 FROM conflict c WHERE c.session_id = @s AND c.expert_id = s.expert_id AND c.dossier_id = s.dossier_id AND c.status = 'confirmed')
     GROUP BY s.expert_id, d.group_id, d.standard_id, s.status, items`,
  ).all({ s: sessionId }) as Array<{ expertId: string; groupId: string; standardId: string; status: 'draft' | 'submitted'; items: number; n: number }>;
}
