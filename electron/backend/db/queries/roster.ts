import type { ExpertDoc, GroupDoc } from '../../../../shared/bundle/schema';
import type { ExpertRow } from '../../../../shared/types';
import type { Db } from '../connection';
import { prepared } from '../statements';

export function insertExperts(db: Db, sessionId: string, experts: readonly ExpertDoc[]): void {
  const stmt = prepared(db,
    'INSERT INTO expert (session_id, id, name, gender, affiliation, specialty, title, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const e of experts) stmt.run(sessionId, e.id, e.name, e.gender ?? null, e.affiliation, e.specialty, e.title ?? null, e.role);
}

export function insertGroups(db: Db, sessionId: string, groups: readonly GroupDoc[]): void {
  const g = prepared(db, 'INSERT INTO review_group (session_id, id, name, specialty, leader_id) VALUES (?, ?, ?, ?, ?)');
  const m = prepared(db, 'INSERT INTO group_member (session_id, group_id, expert_id) VALUES (?, ?, ?)');
  for (const group of groups) {
    g.run(sessionId, group.id, group.name, group.specialty ?? null, group.leader ?? null);
    for (const member of group.members) m.run(sessionId, group.id, member);
  }
}

export function listExperts(db: Db, sessionId: string): ExpertRow[] {
  const rows = prepared(db,
      `SELECT e.id, e.name, e.affiliation, e.specialty, e.title, e.role,
         (SELECT json_group_array(gm.group_id) FROM group_member gm WHERE gm.session_id = e.session_id AND gm.expert_id = e.id) AS groupsJson
       FROM expert e WHERE e.session_id = ?
       ORDER BY CASE e.role WHEN 'chair' THEN 0 WHEN 'vice_chair' THEN 1 ELSE 2 END, e.id`,
    )
    .all(sessionId) as Array<Omit<ExpertRow, 'groups'> & { groupsJson: string }>;
  return rows.map(({ groupsJson, ...r }) => ({ ...r, groups: JSON.parse(groupsJson) as string[] }));
}

export function listGroups(db: Db, sessionId: string): Array<{ id: string; name: string; size: number }> {
  return prepared(db,
      `SELECT g.id, g.name, (SELECT count(*) FROM group_member m WHERE m.session_id = g.session_id AND m.group_id = g.id) AS size
       FROM review_group g WHERE g.session_id = ? ORDER BY g.id`,
    )
    .all(sessionId) as Array<{ id: string; name: string; size: number }>;
}

export function countExperts(db: Db, sessionId: string): Array<{ role: string }> {
  return prepared(db, 'SELECT role FROM expert WHERE session_id = ?').all(sessionId) as Array<{ role: string }>;
}

/** One expert of the session, or undefined. */
export function getExpert(db: Db, sessionId: string, expertId: string): ExpertRow | undefined {
  const row = db
    .prepare(
      `SELECT e.id, e.name, e.affiliation, e.specialty, e.title, e.role,
         (SELECT json_group_array(gm.group_id) FROM group_member gm WHERE gm.session_id = e.session_id AND gm.expert_id = e.id) AS groupsJson
       FROM expert e WHERE e.session_id = ? AND e.id = ?`,
    )
    .get(sessionId, expertId) as (Omit<ExpertRow, 'groups'> & { groupsJson: string }) | undefined;
  if (!row) return undefined;
  const { groupsJson, ...r } = row;
  return { ...r, groups: JSON.parse(groupsJson) as string[] };
}
