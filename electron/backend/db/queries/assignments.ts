// Which dossiers an expert may see and score: those of their review groups, less confirmed recusals.
// One dossier's check, never the whole list: it runs on every read and save.
import type { Db } from '../connection';
import { prepared } from '../statements';

export interface AssignmentOf {
  standardId: string;
  /** The confirmed recusal's reason, or null when the expert may act on the dossier. */
  recusal: string | null;
}

/** The dossier's assignment to the expert, or undefined when it is not in any of their groups. */
export function assignmentOf(db: Db, a: { sessionId: string; expertId: string; dossierId: string }): AssignmentOf | undefined {
  return prepared(db,
      `SELECT d.standard_id AS standardId,
         (SELECT c.reason FROM conflict c WHERE c.session_id = d.session_id AND c.dossier_id = d.id AND c.expert_id = @e AND c.status = 'confirmed') AS recusal
       FROM dossier d JOIN group_member m ON m.session_id = d.session_id AND m.group_id = d.group_id AND m.expert_id = @e
       WHERE d.session_id = @s AND d.id = @d`,
    )
    .get({ s: a.sessionId, d: a.dossierId, e: a.expertId }) as AssignmentOf | undefined;
}

/** One row of an expert's list: the dossier, the recusal if any, and the current sheet's status and version. */
export interface AssignedDossier {
  dossierId: string;
  packetNo: string;
  name: string;
  employer: string;
  level: string;
  reviewType: string;
  eligibility: string;
  standardId: string;
  recusal: string | null;
  sheetStatus: 'draft' | 'submitted' | null;
  sheetVersion: number | null;
}

/** Exported for the query-plan test (test/unit/db/indexes.test.ts). */
export const LIST_ASSIGNED_SQL = `SELECT d.id AS dossierId, d.packet_no AS packetNo, d.name, d.employer, d.level, d.review_type AS reviewType,
       d.eligibility, d.standard_id AS standardId, c.reason AS recusal,
       s.status AS sheetStatus, s.version AS sheetVersion
     FROM group_member m
     CROSS JOIN dossier d ON d.session_id = m.session_id AND d.group_id = m.group_id
     LEFT JOIN conflict c ON c.session_id = d.session_id AND c.expert_id = m.expert_id AND c.dossier_id = d.id AND c.status = 'confirmed'
     LEFT JOIN score_sheet s ON s.session_id = d.session_id AND s.dossier_id = d.id AND s.expert_id = m.expert_id
       AND s.version = (SELECT max(t.version) FROM score_sheet t WHERE t.session_id = d.session_id AND t.dossier_id = d.id AND t.expert_id = m.expert_id)
     WHERE m.session_id = @s AND m.expert_id = @e
     ORDER BY d.packet_no, d.id`;

/**
 * The dossiers of the expert's groups in list order (packet number, then id), in one indexed query:
 * the expert's memberships, each group's dossiers by dossier_group_packet, one primary-key probe each for
 * the recusal and the current sheet. Nothing else of the session is read. CROSS JOIN pins that order:
 * without statistics SQLite would otherwise start from the session's dossiers (a scan of the session).
 */
export function listAssigned(db: Db, a: { sessionId: string; expertId: string }): AssignedDossier[] {
  return prepared(db, LIST_ASSIGNED_SQL).all({ s: a.sessionId, e: a.expertId }) as AssignedDossier[];
}

type Neighbour = { id: string; packetNo: string };

/** Exported for the query-plan test. */
export const NEIGHBOUR_SQL = (cmp: '>' | '<', dir: 'ASC' | 'DESC'): string =>
  `SELECT d.id, d.packet_no AS packetNo FROM dossier d
   WHERE d.session_id = @s AND d.group_id = @g AND (d.packet_no, d.id) ${cmp} (@p, @d)
     AND NOT EXISTS (SELECT 1 FROM conflict c WHERE c.session_id = d.session_id AND c.expert_id = @e AND c.dossier_id = d.id AND c.status = 'confirmed')
   ORDER BY d.packet_no ${dir}, d.id ${dir} LIMIT 1`;

/** SQLite's BINARY order of (packet number, id): byte order of UTF-8, which is not JS's UTF-16 order. */
function compareKey(x: Neighbour, y: Neighbour): number {
  return Buffer.compare(Buffer.from(x.packetNo), Buffer.from(y.packetNo)) || Buffer.compare(Buffer.from(x.id), Buffer.from(y.id));
}

/**
 * The expert's previous and next dossier around `dossierId` in list order (listAssigned's), skipping
 * recusals: one indexed LIMIT 1 probe per group and direction, so the cost follows the expert's
 * number of groups, not the size of the list.
 */
export function assignedNeighbours(db: Db, a: { sessionId: string; expertId: string; dossierId: string }): { prev: string | null; next: string | null } {
  const cur = prepared(db, 'SELECT packet_no AS p FROM dossier WHERE session_id = ? AND id = ?').get(a.sessionId, a.dossierId) as { p: string } | undefined;
  if (!cur) return { prev: null, next: null };
  const groups = prepared(db, 'SELECT group_id AS g FROM group_member WHERE session_id = ? AND expert_id = ?').all(a.sessionId, a.expertId) as Array<{ g: string }>;
  const after = prepared(db, NEIGHBOUR_SQL('>', 'ASC'));
  const before = prepared(db, NEIGHBOUR_SQL('<', 'DESC'));
  let prev: Neighbour | null = null;
  let next: Neighbour | null = null;
  for (const { g } of groups) {
    const params = { s: a.sessionId, g, p: cur.p, d: a.dossierId, e: a.expertId };
    const n = after.get(params) as Neighbour | undefined;
    if (n && (!next || compareKey(n, next) < 0)) next = n;
    const b = before.get(params) as Neighbour | undefined;
    if (b && (!prev || compareKey(b, prev) > 0)) prev = b;
  }
  return { prev: prev?.id ?? null, next: next?.id ?? null };
}
