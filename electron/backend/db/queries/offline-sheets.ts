// Queries of offline scoring (services/offline.ts): an expert's submitted sheet versions out, a merged
// sheet bundle in. Added by the bundle work; the rest of score_sheet lives in queries/sheets.ts.
import type { Recommendation } from '../../../../shared/types';
import type { Db } from '../connection';

export interface SubmittedVersion {
  dossierId: string;
  version: number;
  submittedAt: string;
  unlockReason: string | null;
  envelope: string;
}

/** Every submitted version of every sheet of one expert, by dossier then version. */
export function submittedVersionsOfExpert(db: Db, sessionId: string, expertId: string): SubmittedVersion[] {
  return db
    .prepare(
      `SELECT dossier_id AS dossierId, version, submitted_at AS submittedAt, unlock_reason AS unlockReason, envelope_json AS envelope
       FROM score_sheet WHERE session_id = ? AND expert_id = ? AND status = 'submitted' ORDER BY dossier_id, version`,
    )
    .all(sessionId, expertId) as SubmittedVersion[];
}

/** Dossiers the expert is recused from (confirmed conflicts). */
export function recusedDossiers(db: Db, sessionId: string, expertId: string): Set<string> {
  const rows = db.prepare("SELECT dossier_id AS d FROM conflict WHERE session_id = ? AND expert_id = ? AND status = 'confirmed'").all(sessionId, expertId) as Array<{ d: string }>;
  return new Set(rows.map((r) => r.d));
}

export interface MergeTarget {
  packetNo: string;
  name: string;
  groupId: string;
  standardId: string;
  hash: string;
}

export function mergeTarget(db: Db, sessionId: string, dossierId: string): MergeTarget | null {
  return (
    (db
      .prepare('SELECT packet_no AS packetNo, name, group_id AS groupId, standard_id AS standardId, content_hash AS hash FROM dossier WHERE session_id = ? AND id = ?')
      .get(sessionId, dossierId) as MergeTarget | undefined) ?? null
  );
}

/** Every version of one sheet, oldest first, with the hash of its signed payload. */
export function sheetVersions(db: Db, sessionId: string, dossierId: string, expertId: string): Array<{ version: number; status: string; sha: string | null }> {
  return db
    .prepare('SELECT version, status, payload_sha256 AS sha FROM score_sheet WHERE session_id = ? AND dossier_id = ? AND expert_id = ? ORDER BY version')
    .all(sessionId, dossierId, expertId) as Array<{ version: number; status: string; sha: string | null }>;
}

/** A key that arrived with a sheet bundle, registered as confirmed when the secretary confirmed its fingerprint. */
export function insertRemoteExpertKey(db: Db, sessionId: string, k: { expertId: string; keyid: string; publicKeyHex: string; at: string }): void {
  db.prepare('INSERT INTO expert_key (session_id, expert_id, keyid, public_key, sealed_json, created_at, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    sessionId,
    k.expertId,
    k.keyid,
    k.publicKeyHex,
    JSON.stringify({ remote: true }),
    k.at,
    k.at,
  );
}

export interface MergedSheet {
  dossierId: string;
  expertId: string;
  version: number;
  opinion: string;
  recommendation: Recommendation | null;
  scores: ReadonlyArray<{ itemId: string; value: number }>;
  submittedAt: string;
  keyid: string;
  envelopeJson: string;
  payloadSha256: string;
  unlockReason: string | null;
}

/** One signed sheet version from a bundle: drafted with its scores, then marked submitted with its envelope. */
export function insertMergedSheet(db: Db, sessionId: string, s: MergedSheet, at: string): void {
  db.prepare(
    `INSERT INTO score_sheet (session_id, dossier_id, expert_id, version, status, opinion, recommendation, updated_at)
     VALUES (?, ?, ?, ?, 'draft', ?, ?, ?)`,
  ).run(sessionId, s.dossierId, s.expertId, s.version, s.opinion, s.recommendation, at);
  const item = db.prepare('INSERT INTO score_item (session_id, dossier_id, expert_id, version, item_id, value, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const v of s.scores) item.run(sessionId, s.dossierId, s.expertId, s.version, v.itemId, v.value, at);
  db.prepare(
    `UPDATE score_sheet SET status = 'submitted', submitted_at = ?, keyid = ?, envelope_json = ?, payload_sha256 = ?, unlock_reason = ?
     WHERE session_id = ? AND dossier_id = ? AND expert_id = ? AND version = ?`,
  ).run(s.submittedAt, s.keyid, s.envelopeJson, s.payloadSha256, s.unlockReason, sessionId, s.dossierId, s.expertId, s.version);
}
