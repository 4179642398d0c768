import type { DossierDoc } from '../../../../shared/bundle/schema';
import type { DossierQuery } from '../../../../shared/contract';
import type { EligibilityResult } from '../../../../shared/domain/eligibility';
import type { AttachmentInfo, DossierRow } from '../../../../shared/types';
import type { Db } from '../connection';
import { prepared } from '../statements';

const DOSSIER_COLUMNS = `session_id, id, packet_no, name, gender, id_number, education, major, work_start, employer,
  region_code, current_title, current_title_date, series, specialty, level, review_type, standard_id, group_id,
  commitment_signed, green_justification, achievements_json, eligibility, content_hash`;
const DOSSIER_VALUES = `@sessionId, @id, @packetNo, @name, @gender, @idNumber, @education, @major, @workStart, @employer,
  @regionCode, @currentTitle, @currentTitleDate, @series, @specialty, @level, @reviewType, @standardId, @groupId,
  @commitmentSigned, @greenJustification, @achievementsJson, @eligibility, @contentHash`;

function dossierParams(sessionId: string, d: DossierDoc, derived: { eligibility: EligibilityResult['overall']; contentHash: string }) {
  return {
    sessionId,
    id: d.id,
    packetNo: d.packetNo,
    name: d.name,
    gender: d.gender,
    idNumber: d.idNumber,
    education: d.education,
    major: d.major,
    workStart: d.workStart,
    employer: d.employer,
    regionCode: d.regionCode,
    currentTitle: d.currentTitle,
    currentTitleDate: d.currentTitleDate,
    series: d.series,
    specialty: d.specialty,
    level: d.level,
    reviewType: d.reviewType,
    standardId: d.standardId,
    groupId: d.groupId,
    commitmentSigned: d.commitmentSigned ? 1 : 0,
    greenJustification: d.greenChannelJustification ?? null,
    achievementsJson: JSON.stringify(d.achievements),
    eligibility: derived.eligibility,
    contentHash: derived.contentHash,
  };
}

/** The dossier's attachments (and their blob rows) as the document lists them, replacing any earlier list. */
function writeAttachments(db: Db, sessionId: string, d: DossierDoc): void {
  prepared(db, 'DELETE FROM attachment WHERE session_id = ? AND dossier_id = ?').run(sessionId, d.id);
  const blob = prepared(db, 'INSERT INTO blob (sha256, size, media_type) VALUES (?, ?, ?) ON CONFLICT(sha256) DO NOTHING');
  const att = prepared(db,
    'INSERT INTO attachment (session_id, dossier_id, ord, sha256, name, media_type, size) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  d.attachments.forEach((a, ord) => {
    blob.run(a.sha256, a.size, a.mediaType);
    att.run(sessionId, d.id, ord, a.sha256, a.name, a.mediaType, a.size);
  });
}

export function insertDossier(
  db: Db,
  sessionId: string,
  d: DossierDoc,
  derived: { eligibility: EligibilityResult['overall']; contentHash: string },
): void {
  prepared(db, `INSERT INTO dossier (${DOSSIER_COLUMNS}) VALUES (${DOSSIER_VALUES})`).run(dossierParams(sessionId, d, derived));
  writeAttachments(db, sessionId, d);
}

/** Insert or update in place: an UPDATE keeps the score sheets that reference the dossier (no delete, no cascade). */
export function upsertDossier(
  db: Db,
  sessionId: string,
  d: DossierDoc,
  derived: { eligibility: EligibilityResult['overall']; contentHash: string },
): void {
  const updates = DOSSIER_COLUMNS.split(',')
    .map((c) => c.trim())
    .filter((c) => c !== 'session_id' && c !== 'id')
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  prepared(db, `INSERT INTO dossier (${DOSSIER_COLUMNS}) VALUES (${DOSSIER_VALUES}) ON CONFLICT(session_id, id) DO UPDATE SET ${updates}`).run(
    dossierParams(sessionId, d, derived),
  );
  writeAttachments(db, sessionId, d);
}

/** Escapes LIKE wildcards so a search for "50%" means the text. */
function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Who may see a dossier: everyone (secretary, examiner), or one expert's groups less their confirmed recusals. */
export type DossierScope = { expertId: string } | null;

const VISIBLE_TO_EXPERT = `EXISTS (SELECT 1 FROM group_member m WHERE m.session_id = d.session_id AND m.group_id = d.group_id AND m.expert_id = @scopeExpert)
  AND NOT EXISTS (SELECT 1 FROM conflict c WHERE c.session_id = d.session_id AND c.dossier_id = d.id AND c.expert_id = @scopeExpert AND c.status = 'confirmed')`;

export function listDossiers(db: Db, q: DossierQuery, scope: DossierScope = null): DossierRow[] {
  const where = ['d.session_id = @sessionId'];
  const params: Record<string, string | number> = { sessionId: q.sessionId };
  if (scope) {
    where.push(VISIBLE_TO_EXPERT);
    params.scopeExpert = scope.expertId;
  }
  const search = q.search?.trim();
  if (search) {
    where.push("(d.name LIKE @search ESCAPE '\\' OR d.packet_no LIKE @search ESCAPE '\\' OR d.employer LIKE @search ESCAPE '\\')");
    params.search = likeContains(search);
  }
  if (q.groupId) {
    where.push('d.group_id = @groupId');
    params.groupId = q.groupId;
  }
  if (q.level) {
    where.push('d.level = @level');
    params.level = q.level;
  }
  if (q.specialty) {
    where.push('d.specialty = @specialty');
    params.specialty = q.specialty;
  }
  if (q.greenChannel !== undefined) where.push(q.greenChannel ? "d.review_type <> 'normal'" : "d.review_type = 'normal'");
  return prepared(db,
      `SELECT d.id, d.packet_no AS packetNo, d.name, d.employer, d.series, d.specialty, d.level, d.review_type AS reviewType,
         d.group_id AS groupId, g.name AS groupName, d.eligibility,
         (SELECT count(*) FROM attachment a WHERE a.session_id = d.session_id AND a.dossier_id = d.id) AS attachmentCount
       FROM dossier d JOIN review_group g ON g.session_id = d.session_id AND g.id = d.group_id
       WHERE ${where.join(' AND ')}
       ORDER BY d.packet_no`,
    )
    .all(params) as DossierRow[];
}

/** A dossier as imported (its attachments aside), plus what the database adds. */
export type DossierRecord = Omit<DossierDoc, 'attachments' | 'greenChannelJustification'> & {
  greenJustification: string | null;
  groupName: string;
  contentHash: string;
};

export function getDossier(db: Db, sessionId: string, id: string): DossierRecord | null {
  const row = prepared(db,
      `SELECT d.id, d.packet_no AS packetNo, d.name, d.gender, d.id_number AS idNumber, d.education, d.major,
         d.work_start AS workStart, d.employer, d.region_code AS regionCode, d.current_title AS currentTitle,
         d.current_title_date AS currentTitleDate, d.series, d.specialty, d.level, d.review_type AS reviewType,
         d.standard_id AS standardId, d.group_id AS groupId, g.name AS groupName, d.commitment_signed AS commitmentSigned,
         d.green_justification AS greenJustification, d.achievements_json AS achievementsJson, d.content_hash AS contentHash
       FROM dossier d JOIN review_group g ON g.session_id = d.session_id AND g.id = d.group_id
       WHERE d.session_id = ? AND d.id = ?`,
    )
    .get(sessionId, id) as (Omit<DossierRecord, 'achievements' | 'commitmentSigned'> & { achievementsJson: string; commitmentSigned: number }) | undefined;
  if (!row) return null;
  const { achievementsJson, commitmentSigned, ...rest } = row;
  return { ...rest, commitmentSigned: commitmentSigned === 1, achievements: JSON.parse(achievementsJson) as DossierDoc['achievements'] };
}

export function listAttachments(db: Db, sessionId: string, dossierId: string): AttachmentInfo[] {
  return prepared(db,
      'SELECT ord, sha256, name, media_type AS mediaType, size FROM attachment WHERE session_id = ? AND dossier_id = ? ORDER BY ord',
    )
    .all(sessionId, dossierId) as AttachmentInfo[];
}

export function dossierCounts(db: Db, sessionId: string): { dossiers: number; greenChannel: number; eligibilityNotMet: number; attachments: number } {
  return prepared(db,
      `SELECT count(*) AS dossiers,
         coalesce(sum(review_type <> 'normal'), 0) AS greenChannel,
         coalesce(sum(eligibility = 'not_met'), 0) AS eligibilityNotMet,
         (SELECT count(*) FROM attachment a WHERE a.session_id = @s) AS attachments
       FROM dossier WHERE session_id = @s`,
    )
    .get({ s: sessionId }) as { dossiers: number; greenChannel: number; eligibilityNotMet: number; attachments: number };
}

export function distinctValues(db: Db, sessionId: string, column: 'level' | 'specialty', scope: DossierScope = null): string[] {
  const sql = `SELECT DISTINCT d.${column} AS v FROM dossier d WHERE d.session_id = @sessionId${scope ? ` AND ${VISIBLE_TO_EXPERT}` : ''} ORDER BY v`;
  const rows = prepared(db, sql).all(scope ? { sessionId, scopeExpert: scope.expertId } : { sessionId }) as Array<{ v: string }>;
  return rows.map((r) => r.v);
}

/** The dossier's content hash (what a signed sheet binds), or null when there is no such dossier. */
export function storedContentHash(db: Db, sessionId: string, id: string): string | null {
  const row = prepared(db, 'SELECT content_hash AS h FROM dossier WHERE session_id = ? AND id = ?').get(sessionId, id) as { h: string } | undefined;
  return row?.h ?? null;
}
