import { AUDIT_GENESIS, auditHash, type AuditChainRow, type AuditEntry, type AuditPosition } from '../../../../shared/audit';
import type { AuditQuery } from '../../../../shared/types';
import type { Db } from '../connection';
import { prepared } from '../statements';

export interface AuditRow extends AuditEntry {
  prevHash: string;
  hash: string;
}

export function auditHead(db: Db): { seq: number; hash: string } {
  const row = prepared(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  return row ?? { seq: 0, hash: AUDIT_GENESIS };
}

/** Appends one entry; call inside the transaction of the change it records. */
export function appendAudit(db: Db, args: { sessionId: string | null; actor: string; kind: string; payload: unknown; at?: string }): AuditRow {
  const head = auditHead(db);
  const entry: AuditEntry = {
    seq: head.seq + 1,
    sessionId: args.sessionId,
    at: args.at ?? new Date().toISOString(),
    actor: args.actor,
    kind: args.kind,
    // Hash what is stored: JSON has no `undefined` (NOT NULL column), so an absent payload is null.
    payload: args.payload ?? null,
  };
  const hash = auditHash(head.hash, entry);
  prepared(db,
    'INSERT INTO audit_log (seq, session_id, at, actor, kind, payload_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(entry.seq, entry.sessionId, entry.at, entry.actor, entry.kind, JSON.stringify(entry.payload), head.hash, hash);
  return { ...entry, prevHash: head.hash, hash };
}

export function listAudit(db: Db, args: { sessionId?: string } = {}): AuditRow[] {
  const rows = prepared(db,
      `SELECT seq, session_id AS sessionId, at, actor, kind, payload_json AS payloadJson, prev_hash AS prevHash, hash
       FROM audit_log ${args.sessionId ? 'WHERE session_id = ?' : ''} ORDER BY seq`,
    )
    .all(...(args.sessionId ? [args.sessionId] : [])) as Array<Omit<AuditRow, 'payload'> & { payloadJson: string }>;
  return rows.map(({ payloadJson, ...r }) => ({ ...r, payload: JSON.parse(payloadJson) as unknown }));
}

/** The chain's position now: how many entries and the last hash (what signed objects record). */
export function auditPosition(db: Db): AuditPosition {
  const h = auditHead(db);
  return { count: h.seq, head: h.hash };
}

/** Only what verification needs, without parsing payloads twice. */
export function listAuditChain(db: Db): AuditChainRow[] {
  return listAudit(db);
}

// ---- checkpoints ----

export interface CheckpointRow {
  id: number;
  count: number;
  head: string;
  role: 'secretary' | 'examiner' | 'chair';
  sessionId: string | null;
  expertId: string | null;
  keyid: string;
  at: string;
  envelopeJson: string;
}

export function insertCheckpoint(db: Db, c: Omit<CheckpointRow, 'id'>): number {
  return Number(
    db
      .prepare('INSERT INTO audit_checkpoint (count, head, role, session_id, expert_id, keyid, at, envelope_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(c.count, c.head, c.role, c.sessionId, c.expertId, c.keyid, c.at, c.envelopeJson).lastInsertRowid,
  );
}

export function listCheckpoints(db: Db): CheckpointRow[] {
  return db
    .prepare(
      `SELECT id, count, head, role, session_id AS sessionId, expert_id AS expertId, keyid, at, envelope_json AS envelopeJson
       FROM audit_checkpoint ORDER BY count, id`,
    )
    .all() as CheckpointRow[];
}

/** Entries that record a key's creation, by key id (so a checkpoint's key must predate it on the chain). */
export function keyCreationSeqs(db: Db): Map<string, number> {
  const rows = db
    .prepare(
      `SELECT json_extract(payload_json, '$.keyid') AS keyid, MIN(seq) AS seq FROM audit_log
       WHERE kind IN ('key.created', 'desk.key_created') GROUP BY 1`,
    )
    .all() as Array<{ keyid: string | null; seq: number }>;
  return new Map(rows.filter((r) => r.keyid).map((r) => [r.keyid as string, r.seq]));
}

// ---- signed score sheets (they carry the head they were signed at) ----

export interface SignedSheetRow {
  sessionId: string;
  dossierId: string;
  expertId: string;
  version: number;
  keyid: string;
  envelopeJson: string;
  publicKey: string | null;
  dossierName: string | null;
  expertName: string | null;
}

export function listSignedSheets(db: Db): SignedSheetRow[] {
  return db
    .prepare(
      `SELECT s.session_id AS sessionId, s.dossier_id AS dossierId, s.expert_id AS expertId, s.version, s.keyid,
              s.envelope_json AS envelopeJson, k.public_key AS publicKey, d.name AS dossierName, e.name AS expertName
       FROM score_sheet s
       LEFT JOIN expert_key k ON k.session_id = s.session_id AND k.expert_id = s.expert_id AND k.keyid = s.keyid
       LEFT JOIN dossier d ON d.session_id = s.session_id AND d.id = s.dossier_id
       LEFT JOIN expert e ON e.session_id = s.session_id AND e.id = s.expert_id
       WHERE s.status = 'submitted' AND s.envelope_json IS NOT NULL
       ORDER BY s.session_id, s.expert_id, s.dossier_id, s.version`,
    )
    .all() as SignedSheetRow[];
}

/** `dossierId@version` of every sheet merged from an expert's own laptop, per session and expert. */
export function mergedSheetKeys(db: Db): Set<string> {
  const rows = db
    .prepare(`SELECT session_id AS sessionId, payload_json AS payloadJson FROM audit_log WHERE kind = 'sheets.merged'`)
    .all() as Array<{ sessionId: string | null; payloadJson: string }>;
  const out = new Set<string>();
  for (const r of rows) {
    const p = JSON.parse(r.payloadJson) as { expertId?: unknown; merged?: unknown };
    if (typeof p.expertId !== 'string' || !Array.isArray(p.merged)) continue;
    for (const m of p.merged) if (typeof m === 'string') out.add(`${r.sessionId ?? ''}|${p.expertId}|${m}`);
  }
  return out;
}

// ---- the readable log: filters and pages computed in SQL ----

export interface AuditEventRow {
  seq: number;
  at: string;
  kind: string;
  actor: string;
  actorExpert: string | null;
  actorName: string | null;
  subjectExpert: string | null;
  subjectName: string | null;
  subjectDossier: string | null;
  dossierName: string | null;
  packetNo: string | null;
  payloadJson: string;
  hash: string;
}

const likeArg = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function whereOf(q: AuditQuery): { sql: string; args: unknown[] } {
  // Unary + keeps SQLite from answering this OR with two index searches and a sort: pages walk seq
  // backwards and stop after LIMIT; the kind/person/dossier indexes still serve their filters.
  const parts = ['(+a.session_id = ? OR +a.session_id IS NULL)'];
  const args: unknown[] = [q.sessionId];
  if (q.kinds && q.kinds.length > 0) {
    parts.push(`a.kind IN (${q.kinds.map(() => '?').join(', ')})`);
    args.push(...q.kinds);
  }
  if (q.person) {
    parts.push('(a.actor = ? OR a.actor_expert = ? OR a.subject_expert = ?)');
    args.push(q.person, q.person, q.person);
  }
  if (q.dossierId) {
    parts.push('a.subject_dossier = ?');
    args.push(q.dossierId);
  }
  if (q.from) {
    parts.push('a.at >= ?');
    args.push(q.from);
  }
  if (q.to) {
    parts.push('a.at <= ?');
    args.push(q.to);
  }
  const search = q.search?.trim();
  if (search) {
    // Names, packet numbers and reasons only: never the payload as a whole (it may hold a score).
    const like = likeArg(search);
    const kinds = q.searchKinds ?? [];
    parts.push(`(ea.name LIKE ? ESCAPE '\\' OR es.name LIKE ? ESCAPE '\\' OR d.name LIKE ? ESCAPE '\\' OR d.packet_no LIKE ? ESCAPE '\\'
      OR json_extract(a.payload_json, '$.reason') LIKE ? ESCAPE '\\' OR a.kind LIKE ? ESCAPE '\\'
      ${kinds.length > 0 ? `OR a.kind IN (${kinds.map(() => '?').join(', ')})` : ''})`);
    args.push(like, like, like, like, like, like, ...kinds);
  }
  return { sql: parts.join(' AND '), args };
}

const JOINS = `FROM audit_log a
  LEFT JOIN expert ea ON ea.session_id = a.session_id AND ea.id = a.actor_expert
  LEFT JOIN expert es ON es.session_id = a.session_id AND es.id = a.subject_expert
  LEFT JOIN dossier d ON d.session_id = a.session_id AND d.id = a.subject_dossier`;

export function queryAuditEvents(db: Db, q: AuditQuery): { total: number; rows: AuditEventRow[] } {
  const w = whereOf(q);
  // The name joins matter to the count only when searching by name; without them COUNT uses the indexes alone.
  const total = (db.prepare(`SELECT COUNT(*) AS n ${q.search?.trim() ? JOINS : 'FROM audit_log a'} WHERE ${w.sql}`).get(...w.args) as { n: number }).n;
  const rows = db
    .prepare(
      `SELECT a.seq, a.at, a.kind, a.actor, a.actor_expert AS actorExpert, ea.name AS actorName,
              a.subject_expert AS subjectExpert, es.name AS subjectName, a.subject_dossier AS subjectDossier,
              d.name AS dossierName, d.packet_no AS packetNo, a.payload_json AS payloadJson, a.hash
       ${JOINS} WHERE ${w.sql} ORDER BY a.seq ${q.order === 'asc' ? 'ASC' : 'DESC'} LIMIT ? OFFSET ?`,
    )
    .all(...w.args, q.limit ?? 100, q.offset ?? 0) as AuditEventRow[];
  return { total, rows };
}

export function auditKindsOf(db: Db, sessionId: string): string[] {
  return (db.prepare('SELECT DISTINCT kind FROM audit_log WHERE session_id = ? OR session_id IS NULL ORDER BY kind').all(sessionId) as Array<{ kind: string }>).map(
    (r) => r.kind,
  );
}

/** What every signed object carries (sheets now; ballot rounds and result statements next): head and count. */
export function auditAnchorFields(db: Db): { auditHead: string; auditCount: number } {
  const p = auditPosition(db);
  return { auditHead: p.head, auditCount: p.count };
}
