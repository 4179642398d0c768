import { AUDIT_GENESIS, auditHash, type AuditEntry } from '../../../../shared/audit';
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
