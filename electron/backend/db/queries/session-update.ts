// Queries of a session update (services/update-session.ts): what the session holds now, for the diff,
// and the in-place writes of a newer version. Added by the bundle work beside the other query files.
import type { ExpertDoc, GroupDoc, QuotaDoc, SessionDoc, StandardDoc } from '../../../../shared/bundle/schema';
import type { Db } from '../connection';

/** Sheet rows (any version) per dossier and expert. */
export function sheetCountsByPair(db: Db, sessionId: string): Array<{ d: string; e: string; n: number }> {
  return db
    .prepare('SELECT dossier_id AS d, expert_id AS e, count(*) AS n FROM score_sheet WHERE session_id = ? GROUP BY dossier_id, expert_id')
    .all(sessionId) as Array<{ d: string; e: string; n: number }>;
}

export function groupNames(db: Db, sessionId: string): Array<{ id: string; name: string }> {
  return db.prepare('SELECT id, name FROM review_group WHERE session_id = ?').all(sessionId) as Array<{ id: string; name: string }>;
}

export interface DossierSummary {
  id: string;
  name: string;
  packetNo: string;
  groupId: string;
  standardId: string;
  hash: string;
}

export function dossierSummaries(db: Db, sessionId: string): DossierSummary[] {
  return db
    .prepare('SELECT id, name, packet_no AS packetNo, group_id AS groupId, standard_id AS standardId, content_hash AS hash FROM dossier WHERE session_id = ?')
    .all(sessionId) as DossierSummary[];
}

export function declaredConflictRows(db: Db, sessionId: string): Array<{ e: string; d: string; reason: string }> {
  return db.prepare("SELECT expert_id AS e, dossier_id AS d, reason FROM conflict WHERE session_id = ? AND source = 'declared'").all(sessionId) as Array<{
    e: string;
    d: string;
    reason: string;
  }>;
}

export function quotaRows(db: Db, sessionId: string): Array<{ id: string; scope: string; value: string; count: number }> {
  return db.prepare('SELECT id, scope, value, count FROM quota WHERE session_id = ?').all(sessionId) as Array<{ id: string; scope: string; value: string; count: number }>;
}

export function updateSessionRow(db: Db, s: SessionDoc, meta: { bundleHash: string; issuerKeyid: string | null }): void {
  db.prepare(
    `UPDATE session SET name = ?, committee_name = ?, committee_json = ?, meeting_date = ?, meeting_place = ?, settings_json = ?,
       bundle_version = ?, bundle_hash = ?, issuer_keyid = ? WHERE id = ?`,
  ).run(
    s.name,
    s.committee.name,
    JSON.stringify(s.committee),
    s.meeting.date,
    s.meeting.place ?? null,
    JSON.stringify(s.settings),
    s.bundleVersion,
    meta.bundleHash,
    meta.issuerKeyid,
    s.sessionId,
  );
}

export function upsertExperts(db: Db, sessionId: string, experts: readonly ExpertDoc[]): void {
  const up = db.prepare(
    `INSERT INTO expert (session_id, id, name, gender, affiliation, specialty, title, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(session_id, id) DO UPDATE SET name = excluded.name, gender = excluded.gender, affiliation = excluded.affiliation,
       specialty = excluded.specialty, title = excluded.title, role = excluded.role`,
  );
  for (const e of experts) up.run(sessionId, e.id, e.name, e.gender ?? null, e.affiliation, e.specialty, e.title ?? null, e.role);
}

/** Groups upserted, and their membership replaced. */
export function replaceGroups(db: Db, sessionId: string, groups: readonly GroupDoc[]): void {
  const up = db.prepare(
    `INSERT INTO review_group (session_id, id, name, specialty, leader_id) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(session_id, id) DO UPDATE SET name = excluded.name, specialty = excluded.specialty, leader_id = excluded.leader_id`,
  );
  for (const g of groups) up.run(sessionId, g.id, g.name, g.specialty ?? null, g.leader ?? null);
  db.prepare('DELETE FROM group_member WHERE session_id = ?').run(sessionId);
  const member = db.prepare('INSERT INTO group_member (session_id, group_id, expert_id) VALUES (?, ?, ?)');
  for (const g of groups) for (const m of g.members) member.run(sessionId, g.id, m);
}

export function upsertStandards(db: Db, sessionId: string, standards: readonly StandardDoc[]): void {
  const up = db.prepare(
    `INSERT INTO standard (session_id, id, version, name, series, specialty, level, doc_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(session_id, id) DO UPDATE SET version = excluded.version, name = excluded.name, series = excluded.series,
       specialty = excluded.specialty, level = excluded.level, doc_json = excluded.doc_json`,
  );
  for (const s of standards) up.run(sessionId, s.id, s.version, s.name, s.series, s.specialty, s.level, JSON.stringify(s));
}

export function replaceQuotas(db: Db, sessionId: string, quotas: readonly QuotaDoc[]): void {
  db.prepare('DELETE FROM quota WHERE session_id = ?').run(sessionId);
  const quota = db.prepare('INSERT INTO quota (session_id, id, scope, value, count) VALUES (?, ?, ?, ?, ?)');
  for (const q of quotas) quota.run(sessionId, q.id, q.scope, q.value, q.count);
}

/** Removes one row of a session's table by id (dossiers, experts, groups, standards no longer in the bundle). */
export function deleteById(db: Db, table: 'dossier' | 'expert' | 'review_group' | 'standard', sessionId: string, id: string): void {
  db.prepare(`DELETE FROM ${table} WHERE session_id = ? AND id = ?`).run(sessionId, id);
}

/**
 * Declared conflicts replaced by the bundle's, keeping the declared ones the secretary dismissed (the
 * caller removed those whose inputs changed): they are neither deleted nor re-confirmed here.
 */
export function replaceDeclaredConflicts(db: Db, sessionId: string, conflicts: ReadonlyArray<{ expertId: string; dossierId: string; reason: string }>, at: string): void {
  db.prepare("DELETE FROM conflict WHERE session_id = ? AND source = 'declared' AND status <> 'dismissed'").run(sessionId);
  const conflict = db.prepare(
    `INSERT INTO conflict (session_id, expert_id, dossier_id, source, status, reason, decided_at) VALUES (?, ?, ?, 'declared', 'confirmed', ?, ?)
     ON CONFLICT(session_id, expert_id, dossier_id) DO UPDATE SET status = 'confirmed', reason = excluded.reason
       WHERE NOT (conflict.source = 'declared' AND conflict.status = 'dismissed')`,
  );
  for (const c of conflicts) conflict.run(sessionId, c.expertId, c.dossierId, c.reason, at);
}
