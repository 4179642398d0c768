import type { Db } from '../connection';
import { prepared } from '../statements';

export interface KeyRecord {
  expertId: string;
  keyid: string;
  publicKey: string;
  sealedJson: string;
  createdAt: string;
  confirmedAt: string | null;
}

export function getExpertKey(db: Db, sessionId: string, expertId: string): KeyRecord | null {
  return (
    (prepared(db,
        `SELECT expert_id AS expertId, keyid, public_key AS publicKey, sealed_json AS sealedJson, created_at AS createdAt,
           confirmed_at AS confirmedAt FROM expert_key WHERE session_id = ? AND expert_id = ?`,
      )
      .get(sessionId, expertId) as KeyRecord | undefined) ?? null
  );
}

export function listExpertKeys(db: Db, sessionId: string): Map<string, KeyRecord> {
  const rows = prepared(db,
      `SELECT expert_id AS expertId, keyid, public_key AS publicKey, sealed_json AS sealedJson, created_at AS createdAt,
         confirmed_at AS confirmedAt FROM expert_key WHERE session_id = ?`,
    )
    .all(sessionId) as KeyRecord[];
  return new Map(rows.map((r) => [r.expertId, r]));
}

export function insertExpertKey(db: Db, sessionId: string, k: Omit<KeyRecord, 'confirmedAt'>): void {
  prepared(db,
    'INSERT INTO expert_key (session_id, expert_id, keyid, public_key, sealed_json, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(sessionId, k.expertId, k.keyid, k.publicKey, k.sealedJson, k.createdAt);
}

export function confirmExpertKey(db: Db, sessionId: string, expertId: string, at: string): void {
  prepared(db, 'UPDATE expert_key SET confirmed_at = ? WHERE session_id = ? AND expert_id = ?').run(at, sessionId, expertId);
}

export function getAuthFailures(db: Db, sessionId: string, expertId: string): { failures: number; lastAt: string } | null {
  return (
    (prepared(db, 'SELECT failures, last_at AS lastAt FROM auth_failure WHERE session_id = ? AND expert_id = ?')
      .get(sessionId, expertId) as { failures: number; lastAt: string } | undefined) ?? null
  );
}

export function recordAuthFailure(db: Db, sessionId: string, expertId: string, at: string): number {
  prepared(db,
    `INSERT INTO auth_failure (session_id, expert_id, failures, last_at) VALUES (?, ?, 1, ?)
     ON CONFLICT(session_id, expert_id) DO UPDATE SET failures = failures + 1, last_at = excluded.last_at`,
  ).run(sessionId, expertId, at);
  return (getAuthFailures(db, sessionId, expertId) as { failures: number }).failures;
}

export function clearAuthFailures(db: Db, sessionId: string, expertId: string): void {
  prepared(db, 'DELETE FROM auth_failure WHERE session_id = ? AND expert_id = ?').run(sessionId, expertId);
}
