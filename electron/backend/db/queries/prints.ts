// What the meeting prints and the results workbook read: each expert's latest submitted sheets with their items,
// and the dossier facts the provincial columns need (full ID number included: only the workbook prints it).
import type { Level, ReviewType } from '../../../../shared/bundle/schema';
import type { Recommendation } from '../../../../shared/types';
import type { Db } from '../connection';
import { prepared } from '../statements';

export interface SubmittedSheetRow {
  dossierId: string;
  expertId: string;
  expertName: string;
  packetNo: string;
  dossierName: string;
  employer: string;
  specialty: string;
  level: Level;
  standardId: string;
  groupName: string;
  version: number;
  submittedAt: string | null;
  opinion: string;
  recommendation: Recommendation | null;
  keyid: string | null;
  payloadSha256: string | null;
}

// The latest version of each (dossier, expert) sheet, when that version is submitted: what the expert signed last.
const LATEST_SUBMITTED = `
  FROM score_sheet s
  JOIN dossier d ON d.session_id = s.session_id AND d.id = s.dossier_id
  JOIN expert e ON e.session_id = s.session_id AND e.id = s.expert_id
  JOIN review_group g ON g.session_id = d.session_id AND g.id = d.group_id
  WHERE s.session_id = ? AND s.status = 'submitted' AND (? IS NULL OR s.expert_id = ?)
    AND s.version = (SELECT max(version) FROM score_sheet x WHERE x.session_id = s.session_id AND x.dossier_id = s.dossier_id AND x.expert_id = s.expert_id)`;

export function latestSubmittedSheets(db: Db, sessionId: string, expertId: string | null): SubmittedSheetRow[] {
  return prepared(
    db,
    `SELECT s.dossier_id AS dossierId, s.expert_id AS expertId, e.name AS expertName, d.packet_no AS packetNo, d.name AS dossierName,
       d.employer, d.specialty, d.level, d.standard_id AS standardId, g.name AS groupName, s.version, s.submitted_at AS submittedAt,
       s.opinion, s.recommendation, s.keyid, s.payload_sha256 AS payloadSha256
     ${LATEST_SUBMITTED}
     ORDER BY e.rowid, d.packet_no, d.id`,
  ).all(sessionId, expertId, expertId) as SubmittedSheetRow[];
}

export function latestSubmittedItems(db: Db, sessionId: string, expertId: string | null): Array<{ dossierId: string; expertId: string; itemId: string; value: number }> {
  return prepared(
    db,
    `SELECT i.dossier_id AS dossierId, i.expert_id AS expertId, i.item_id AS itemId, i.value
     FROM score_item i JOIN (SELECT s.dossier_id, s.expert_id, s.version ${LATEST_SUBMITTED}) v
       ON v.dossier_id = i.dossier_id AND v.expert_id = i.expert_id AND v.version = i.version
     WHERE i.session_id = ?`,
  ).all(sessionId, expertId, expertId, sessionId) as Array<{ dossierId: string; expertId: string; itemId: string; value: number }>;
}

export function printDossierRows(db: Db, sessionId: string): Array<{ dossierId: string; packetNo: string; name: string; employer: string; series: string; specialty: string; level: Level }> {
  return prepared(
    db,
    `SELECT id AS dossierId, packet_no AS packetNo, name, employer, series, specialty, level FROM dossier WHERE session_id = ? ORDER BY packet_no, id`,
  ).all(sessionId) as Array<{ dossierId: string; packetNo: string; name: string; employer: string; series: string; specialty: string; level: Level }>;
}

export interface DossierExportRow {
  dossierId: string;
  name: string;
  gender: string;
  idNumber: string;
  regionCode: string;
  series: string;
  level: Level;
  specialty: string;
  groupName: string;
  reviewType: ReviewType;
}

export function dossierExportRows(db: Db, sessionId: string): DossierExportRow[] {
  return prepared(
    db,
    `SELECT d.id AS dossierId, d.name, d.gender, d.id_number AS idNumber, d.region_code AS regionCode, d.series, d.level, d.specialty,
       g.name AS groupName, d.review_type AS reviewType
     FROM dossier d JOIN review_group g ON g.session_id = d.session_id AND g.id = d.group_id
     WHERE d.session_id = ? ORDER BY d.packet_no, d.id`,
  ).all(sessionId) as DossierExportRow[];
}
