// The officers' co-signed counts (计票结果报告单) and the chair's arbitration of paper entries (migration 0080).
import type { Db } from '../connection';

export interface CountSignatureRow {
  seq: number;
  officer: 'teller' | 'scrutineer';
  expertId: string;
  keyid: string;
  countsSha256: string;
  signedAt: string;
}

export function listCountSignatures(db: Db, sessionId: string): CountSignatureRow[] {
  return db
    .prepare(
      `SELECT seq, officer, expert_id AS expertId, keyid, counts_sha256 AS countsSha256, signed_at AS signedAt
       FROM count_signature WHERE session_id = ? ORDER BY seq`,
    )
    .all(sessionId) as CountSignatureRow[];
}

export function insertCountSignature(db: Db, sessionId: string, s: Omit<CountSignatureRow, 'seq'> & { envelopeJson: string }): number {
  const seq = (db.prepare('SELECT coalesce(max(seq), 0) + 1 AS n FROM count_signature WHERE session_id = ?').get(sessionId) as { n: number }).n;
  db.prepare(
    'INSERT INTO count_signature (session_id, seq, officer, expert_id, keyid, counts_sha256, envelope_json, signed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(sessionId, seq, s.officer, s.expertId, s.keyid, s.countsSha256, s.envelopeJson, s.signedAt);
  return seq;
}

export interface ArbitrationRow {
  entrySeq: number;
  chairId: string;
  reason: string;
  decidedAt: string;
}

export function getArbitration(db: Db, sessionId: string, roundId: string): ArbitrationRow | null {
  return (
    (db
      .prepare('SELECT entry_seq AS entrySeq, chair_id AS chairId, reason, decided_at AS decidedAt FROM paper_arbitration WHERE session_id = ? AND round_id = ?')
      .get(sessionId, roundId) as ArbitrationRow | undefined) ?? null
  );
}

export function insertArbitration(db: Db, a: { sessionId: string; roundId: string } & ArbitrationRow): void {
  db.prepare('INSERT INTO paper_arbitration (session_id, round_id, entry_seq, chair_id, reason, decided_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    a.sessionId,
    a.roundId,
    a.entrySeq,
    a.chairId,
    a.reason,
    a.decidedAt,
  );
}
