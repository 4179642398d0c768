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

export interface RevokedKey {
  expertId: string;
  keyid: string;
  createdAt: string;
  revokedAt: string;
  reason: string;
}

const COLS = `expert_id AS expertId, keyid, public_key AS publicKey, sealed_json AS sealedJson, created_at AS createdAt,
  confirmed_at AS confirmedAt`;

/** The expert's live (not revoked) key, or null. */
export function getExpertKey(db: Db, sessionId: string, expertId: string): KeyRecord | null {
  return (prepared(db, `SELECT ${COLS} FROM expert_key WHERE session_id = ? AND expert_id = ? AND revoked_at IS NULL`).get(sessionId, expertId) as KeyRecord | undefined) ?? null;
}

/** Live keys of the session by expert. */
export function listExpertKeys(db: Db, sessionId: string): Map<string, KeyRecord> {
  const rows = prepared(db, `SELECT ${COLS} FROM expert_key WHERE session_id = ? AND revoked_at IS NULL`).all(sessionId) as KeyRecord[];
  return new Map(rows.map((r) => [r.expertId, r]));
}

/** Every key ever revoked in the session, oldest first: re-enrolments are shown, never hidden. */
export function listRevokedKeys(db: Db, sessionId: string): RevokedKey[] {
  return prepared(
    db,
      `SELECT expert_id AS expertId, keyid, created_at AS createdAt, revoked_at AS revokedAt, revoke_reason AS reason
       FROM expert_key WHERE session_id = ? AND revoked_at IS NOT NULL ORDER BY revoked_at, keyid`,
    )
    .all(sessionId) as RevokedKey[];
}

export function insertExpertKey(db: Db, sessionId: string, k: Omit<KeyRecord, 'confirmedAt'> & { confirmedAt?: string | null }): void {
  prepared(db, 
    'INSERT INTO expert_key (session_id, expert_id, keyid, public_key, sealed_json, created_at, confirmed_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(sessionId, k.expertId, k.keyid, k.publicKey, k.sealedJson, k.createdAt, k.confirmedAt ?? null);
}

export function confirmExpertKey(db: Db, sessionId: string, expertId: string, at: string): void {
  prepared(db, 'UPDATE expert_key SET confirmed_at = ? WHERE session_id = ? AND expert_id = ? AND revoked_at IS NULL').run(at, sessionId, expertId);
}

export function revokeExpertKey(db: Db, sessionId: string, expertId: string, at: string, reason: string): void {
  prepared(db, 'UPDATE expert_key SET revoked_at = ?, revoke_reason = ? WHERE session_id = ? AND expert_id = ? AND revoked_at IS NULL').run(
    at,
    reason,
    sessionId,
    expertId,
  );
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
