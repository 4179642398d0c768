// The examiner's reads over the whole session (every current sheet, every round) and the spot-check tables
// (migration 0110). Set-based queries: the analysis of a 5,000-dossier session is a handful of scans.
import type { Db } from '../connection';

export interface CurrentSheetRow {
  dossierId: string;
  expertId: string;
  version: number;
  status: 'draft' | 'submitted';
  recommendation: 'agree' | 'disagree' | 'abstain' | null;
  submittedAt: string | null;
  envelopeJson: string | null;
}

/** The current (highest) version of every sheet of the session. */
export function currentSheets(db: Db, sessionId: string): CurrentSheetRow[] {
  return db
    .prepare(
      `SELECT s.dossier_id AS dossierId, s.expert_id AS expertId, s.version, s.status, s.recommendation,
         s.submitted_at AS submittedAt, s.envelope_json AS envelopeJson
       FROM score_sheet s
       WHERE s.session_id = ? AND s.version = (SELECT max(t.version) FROM score_sheet t
         WHERE t.session_id = s.session_id AND t.dossier_id = s.dossier_id AND t.expert_id = s.expert_id)`,
    )
    .all(sessionId) as CurrentSheetRow[];
}

/** The items of every current sheet. */
export function currentItems(db: Db, sessionId: string): Array<{ dossierId: string; expertId: string; itemId: string; value: number }> {
  return db
    .prepare(
      `SELECT i.dossier_id AS dossierId, i.expert_id AS expertId, i.item_id AS itemId, i.value FROM score_item i
       WHERE i.session_id = ? AND i.version = (SELECT max(t.version) FROM score_sheet t
         WHERE t.session_id = i.session_id AND t.dossier_id = i.dossier_id AND t.expert_id = i.expert_id)`,
    )
    .all(sessionId) as Array<{ dossierId: string; expertId: string; itemId: string; value: number }>;
}

/** First item saved and submission, per sheet version, from the audit log. */
export function sheetTimings(db: Db, sessionId: string): Array<{ kind: string; expertId: string; dossierId: string; version: number; seq: number; at: string }> {
  return db
    .prepare(
      `SELECT kind, actor_expert AS expertId, subject_dossier AS dossierId, json_extract(payload_json, '$.version') AS version,
         min(seq) AS seq, at
       FROM audit_log WHERE session_id = ? AND kind IN ('score.saved', 'sheet.submitted')
       GROUP BY kind, actor_expert, subject_dossier, json_extract(payload_json, '$.version')`,
    )
    .all(sessionId) as Array<{ kind: string; expertId: string; dossierId: string; version: number; seq: number; at: string }>;
}

/** The latest check-in entry of each expert, and each round's opening entry. */
export function meetingSeqs(db: Db, sessionId: string): { checkIns: Map<string, number>; roundsOpened: Map<string, number> } {
  const checkIns = db
    .prepare(`SELECT subject_expert AS expertId, max(seq) AS seq FROM audit_log WHERE session_id = ? AND kind = 'meeting.checked_in' GROUP BY subject_expert`)
    .all(sessionId) as Array<{ expertId: string; seq: number }>;
  const rounds = db
    .prepare(`SELECT json_extract(payload_json, '$.roundId') AS roundId, seq FROM audit_log WHERE session_id = ? AND kind = 'ballot.round_opened'`)
    .all(sessionId) as Array<{ roundId: string; seq: number }>;
  return { checkIns: new Map(checkIns.map((r) => [r.expertId, r.seq])), roundsOpened: new Map(rounds.map((r) => [r.roundId, r.seq])) };
}

export function confirmedRecusals(db: Db, sessionId: string): Array<{ expertId: string; dossierId: string }> {
  return db.prepare("SELECT expert_id AS expertId, dossier_id AS dossierId FROM conflict WHERE session_id = ? AND status = 'confirmed'").all(sessionId) as Array<{
    expertId: string;
    dossierId: string;
  }>;
}

export function presentAtRoll(db: Db, sessionId: string): Array<{ expertId: string; recordedAt: string }> {
  return db.prepare('SELECT expert_id AS expertId, recorded_at AS recordedAt FROM attendance WHERE session_id = ? AND present = 1').all(sessionId) as Array<{
    expertId: string;
    recordedAt: string;
  }>;
}

export function allRoundDossiers(db: Db, sessionId: string): Array<{ roundId: string; dossierId: string }> {
  return db.prepare('SELECT round_id AS roundId, dossier_id AS dossierId FROM round_dossier WHERE session_id = ? ORDER BY round_id, position').all(sessionId) as Array<{
    roundId: string;
    dossierId: string;
  }>;
}

export function allParticipation(db: Db, sessionId: string): Array<{ roundId: string; expertId: string }> {
  return db.prepare('SELECT round_id AS roundId, expert_id AS expertId FROM round_participation WHERE session_id = ?').all(sessionId) as Array<{ roundId: string; expertId: string }>;
}

/** Electronic ballots counted per round and dossier, open rounds included (the examiner reads after the meeting). */
export function ballotCounts(db: Db, sessionId: string): Array<{ roundId: string; dossierId: string; agree: number; disagree: number; abstain: number }> {
  return db
    .prepare(
      `SELECT round_id AS roundId, dossier_id AS dossierId, sum(choice = 'agree') AS agree, sum(choice = 'disagree') AS disagree,
         sum(choice = 'abstain') AS abstain
       FROM ballot WHERE session_id = ? GROUP BY round_id, dossier_id`,
    )
    .all(sessionId) as Array<{ roundId: string; dossierId: string; agree: number; disagree: number; abstain: number }>;
}

export function roundPaperCounts(db: Db, sessionId: string): Array<{ roundId: string; json: string }> {
  return db.prepare('SELECT id AS roundId, paper_counts_json AS json FROM ballot_round WHERE session_id = ? AND paper_counts_json IS NOT NULL').all(sessionId) as Array<{
    roundId: string;
    json: string;
  }>;
}

// ---- spot checks (migration 0110) ----

export interface SampleRow {
  id: number;
  bundleHash: string;
  salt: string;
  stratified: boolean;
  sizeAsked: number | null;
  rateAsked: number | null;
  population: number;
  dossierIds: string[];
  drawnAt: string;
}

export function insertSample(db: Db, sessionId: string, s: Omit<SampleRow, 'id'>): number {
  const id = (db.prepare('SELECT coalesce(max(id), 0) + 1 AS n FROM examiner_sample WHERE session_id = ?').get(sessionId) as { n: number }).n;
  db.prepare(
    `INSERT INTO examiner_sample (session_id, id, bundle_hash, salt, stratified, size_asked, rate_asked, population, dossier_ids_json, drawn_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(sessionId, id, s.bundleHash, s.salt, s.stratified ? 1 : 0, s.sizeAsked, s.rateAsked, s.population, JSON.stringify(s.dossierIds), s.drawnAt);
  return id;
}

/** The latest sample, or the one asked for. */
export function getSample(db: Db, sessionId: string, id?: number): SampleRow | null {
  const r = db
    .prepare(
      `SELECT id, bundle_hash AS bundleHash, salt, stratified, size_asked AS sizeAsked, rate_asked AS rateAsked, population,
         dossier_ids_json AS idsJson, drawn_at AS drawnAt
       FROM examiner_sample WHERE session_id = ? AND (? IS NULL OR id = ?) ORDER BY id DESC LIMIT 1`,
    )
    .get(sessionId, id ?? null, id ?? null) as (Omit<SampleRow, 'stratified' | 'dossierIds'> & { stratified: number; idsJson: string }) | undefined;
  if (!r) return null;
  const { idsJson, stratified, ...rest } = r;
  return { ...rest, stratified: stratified === 1, dossierIds: JSON.parse(idsJson) as string[] };
}

export function upsertFinding(db: Db, a: { sessionId: string; sampleId: number; dossierId: string; conforms: boolean; reason: string; at: string }): void {
  db.prepare(
    `INSERT INTO examiner_finding (session_id, sample_id, dossier_id, conforms, reason, recorded_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(session_id, sample_id, dossier_id) DO UPDATE SET conforms = excluded.conforms, reason = excluded.reason, recorded_at = excluded.recorded_at`,
  ).run(a.sessionId, a.sampleId, a.dossierId, a.conforms ? 1 : 0, a.reason, a.at);
}

export function listFindings(db: Db, sessionId: string, sampleId: number): Array<{ dossierId: string; conforms: boolean; reason: string; recordedAt: string }> {
  const rows = db
    .prepare('SELECT dossier_id AS dossierId, conforms, reason, recorded_at AS recordedAt FROM examiner_finding WHERE session_id = ? AND sample_id = ?')
    .all(sessionId, sampleId) as Array<{ dossierId: string; conforms: number; reason: string; recordedAt: string }>;
  return rows.map((r) => ({ ...r, conforms: r.conforms === 1 }));
}

export interface StatementRow {
  version: number;
  keyid: string;
  envelopeJson: string;
  payloadSha256: string;
  signedAt: string;
}

export function latestStatement(db: Db, sessionId: string): StatementRow | null {
  return (
    (db
      .prepare('SELECT version, keyid, envelope_json AS envelopeJson, payload_sha256 AS payloadSha256, signed_at AS signedAt FROM examiner_statement WHERE session_id = ? ORDER BY version DESC LIMIT 1')
      .get(sessionId) as StatementRow | undefined) ?? null
  );
}

export function insertStatement(db: Db, sessionId: string, s: StatementRow): void {
  db.prepare('INSERT INTO examiner_statement (session_id, version, keyid, envelope_json, payload_sha256, signed_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    sessionId,
    s.version,
    s.keyid,
    s.envelopeJson,
    s.payloadSha256,
    s.signedAt,
  );
}
