// Seals of result bundles (migration 0090): found by the content they sealed, never changed.
import type { Db } from '../connection';

export interface SealRow {
  bundleHash: string;
  statementVersion: number;
  auditCount: number;
  auditHead: string;
  prints: string[];
  envelopeJson: string;
  sealedAt: string;
}

/** The seals of one statement version, newest first: a re-export tries them before asking for passphrases. */
export function sealsOf(db: Db, sessionId: string, statementVersion: number): SealRow[] {
  const rows = db
    .prepare(
      `SELECT bundle_hash AS bundleHash, statement_version AS statementVersion, audit_count AS auditCount, audit_head AS auditHead,
         prints_json AS printsJson, envelope_json AS envelopeJson, sealed_at AS sealedAt
       FROM result_seal WHERE session_id = ? AND statement_version = ? ORDER BY sealed_at DESC, bundle_hash`,
    )
    .all(sessionId, statementVersion) as Array<Omit<SealRow, 'prints'> & { printsJson: string }>;
  return rows.map(({ printsJson, ...r }) => ({ ...r, prints: JSON.parse(printsJson) as string[] }));
}

export function insertSeal(db: Db, sessionId: string, s: SealRow): void {
  db.prepare(
    `INSERT INTO result_seal (session_id, bundle_hash, statement_version, audit_count, audit_head, prints_json, envelope_json, sealed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(sessionId, s.bundleHash, s.statementVersion, s.auditCount, s.auditHead, JSON.stringify(s.prints), s.envelopeJson, s.sealedAt);
}
