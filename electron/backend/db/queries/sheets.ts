import type { Recommendation } from '../../../../shared/types';
import type { Db } from '../connection';
import { prepared } from '../statements';

export interface SheetRow {
  dossierId: string;
  expertId: string;
  version: number;
  status: 'draft' | 'submitted';
  opinion: string;
  recommendation: Recommendation | null;
  updatedAt: string;
  submittedAt: string | null;
  keyid: string | null;
  envelopeJson: string | null;
  payloadSha256: string | null;
  unlockReason: string | null;
}

const SHEET_COLS = `dossier_id AS dossierId, expert_id AS expertId, version, status, opinion, recommendation,
  updated_at AS updatedAt, submitted_at AS submittedAt, keyid, envelope_json AS envelopeJson,
  payload_sha256 AS payloadSha256, unlock_reason AS unlockReason`;

/** The current (highest) version of one expert's sheet for one dossier. */
export function currentSheet(db: Db, sessionId: string, dossierId: string, expertId: string): SheetRow | null {
  return (
    (prepared(db, `SELECT ${SHEET_COLS} FROM score_sheet WHERE session_id = ? AND dossier_id = ? AND expert_id = ? ORDER BY version DESC LIMIT 1`)
      .get(sessionId, dossierId, expertId) as SheetRow | undefined) ?? null
  );
}

/** The item scores of every current (highest-version) sheet of one expert: the expert's list totals. */
export function currentScoresOfExpert(db: Db, sessionId: string, expertId: string): Array<{ dossierId: string; itemId: string; value: number }> {
  return prepared(
    db,
    `SELECT i.dossier_id AS dossierId, i.item_id AS itemId, i.value FROM score_item i
     WHERE i.session_id = @s AND i.expert_id = @e
       AND i.version = (SELECT max(t.version) FROM score_sheet t WHERE t.session_id = i.session_id AND t.dossier_id = i.dossier_id AND t.expert_id = i.expert_id)`,
  ).all({ s: sessionId, e: expertId }) as Array<{ dossierId: string; itemId: string; value: number }>;
}

export function currentSheetsOfDossier(db: Db, sessionId: string, dossierId: string): SheetRow[] {
  return prepared(db,
      `SELECT ${SHEET_COLS} FROM score_sheet s WHERE session_id = ? AND dossier_id = ?
         AND version = (SELECT max(version) FROM score_sheet t WHERE t.session_id = s.session_id AND t.dossier_id = s.dossier_id AND t.expert_id = s.expert_id)
       ORDER BY expert_id`,
    )
    .all(sessionId, dossierId) as SheetRow[];
}

export function sheetScores(db: Db, sessionId: string, dossierId: string, expertId: string, version: number): Record<string, number> {
  const rows = prepared(db, 'SELECT item_id AS itemId, value FROM score_item WHERE session_id = ? AND dossier_id = ? AND expert_id = ? AND version = ?')
    .all(sessionId, dossierId, expertId, version) as Array<{ itemId: string; value: number }>;
  return Object.fromEntries(rows.map((r) => [r.itemId, r.value]));
}

export function insertDraft(
  db: Db,
  a: { sessionId: string; dossierId: string; expertId: string; version: number; at: string; opinion?: string; recommendation?: Recommendation | null; unlockReason?: string | null },
): void {
  prepared(db,
    `INSERT INTO score_sheet (session_id, dossier_id, expert_id, version, status, opinion, recommendation, updated_at, unlock_reason)
     VALUES (?, ?, ?, ?, 'draft', ?, ?, ?, ?)`,
  ).run(a.sessionId, a.dossierId, a.expertId, a.version, a.opinion ?? '', a.recommendation ?? null, a.at, a.unlockReason ?? null);
}

export function setItemScore(
  db: Db,
  a: { sessionId: string; dossierId: string; expertId: string; version: number; itemId: string; value: number | null; at: string },
): void {
  if (a.value === null) {
    prepared(db, 'DELETE FROM score_item WHERE session_id = ? AND dossier_id = ? AND expert_id = ? AND version = ? AND item_id = ?').run(
      a.sessionId, a.dossierId, a.expertId, a.version, a.itemId,
    );
  } else {
    prepared(db,
      `INSERT INTO score_item (session_id, dossier_id, expert_id, version, item_id, value, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(session_id, dossier_id, expert_id, version, item_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    ).run(a.sessionId, a.dossierId, a.expertId, a.version, a.itemId, a.value, a.at);
  }
  prepared(db, 'UPDATE score_sheet SET updated_at = ? WHERE session_id = ? AND dossier_id = ? AND expert_id = ? AND version = ?').run(
    a.at, a.sessionId, a.dossierId, a.expertId, a.version,
  );
}

export function setOpinion(
  db: Db,
  a: { sessionId: string; dossierId: string; expertId: string; version: number; opinion?: string | undefined; recommendation?: Recommendation | null | undefined; at: string },
): void {
  prepared(db,
    `UPDATE score_sheet SET opinion = coalesce(@opinion, opinion),
       recommendation = CASE WHEN @setRec = 1 THEN @recommendation ELSE recommendation END, updated_at = @at
     WHERE session_id = @sessionId AND dossier_id = @dossierId AND expert_id = @expertId AND version = @version`,
  ).run({
    sessionId: a.sessionId,
    dossierId: a.dossierId,
    expertId: a.expertId,
    version: a.version,
    opinion: a.opinion ?? null,
    setRec: a.recommendation === undefined ? 0 : 1,
    recommendation: a.recommendation ?? null,
    at: a.at,
  });
}

export function markSubmitted(
  db: Db,
  a: { sessionId: string; dossierId: string; expertId: string; version: number; at: string; keyid: string; envelopeJson: string; payloadSha256: string },
): void {
  prepared(db,
    `UPDATE score_sheet SET status = 'submitted', submitted_at = ?, keyid = ?, envelope_json = ?, payload_sha256 = ?, updated_at = ?
     WHERE session_id = ? AND dossier_id = ? AND expert_id = ? AND version = ? AND status = 'draft'`,
  ).run(a.at, a.keyid, a.envelopeJson, a.payloadSha256, a.at, a.sessionId, a.dossierId, a.expertId, a.version);
}

export function copyScores(db: Db, a: { sessionId: string; dossierId: string; expertId: string; from: number; to: number; at: string }): void {
  prepared(db,
    `INSERT INTO score_item (session_id, dossier_id, expert_id, version, item_id, value, updated_at)
     SELECT session_id, dossier_id, expert_id, ?, item_id, value, ? FROM score_item
     WHERE session_id = ? AND dossier_id = ? AND expert_id = ? AND version = ?`,
  ).run(a.to, a.at, a.sessionId, a.dossierId, a.expertId, a.from);
}
