// The audit log's hash chain: each entry's hash covers the previous hash and the canonical entry.
import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export const AUDIT_GENESIS = '0'.repeat(64);

export interface AuditEntry {
  seq: number;
  sessionId: string | null;
  at: string;
  actor: string;
  kind: string;
  payload: unknown;
}

export function auditHash(prevHash: string, entry: AuditEntry): string {
  const body = canonicalize({ ...entry, prevHash });
  if (body === undefined) throw new Error('audit entry is not serializable');
  return bytesToHex(sha256(utf8ToBytes(body)));
}

/** First broken link, or null when the chain holds: detects altered, removed and reordered entries. */
export function verifyAuditChain(rows: ReadonlyArray<AuditEntry & { prevHash: string; hash: string }>): { seq: number; reason: 'prev_hash' | 'hash' | 'seq' } | null {
  let prev = AUDIT_GENESIS;
  let lastSeq = 0;
  for (const r of rows) {
    if (r.seq <= lastSeq) return { seq: r.seq, reason: 'seq' };
    if (r.prevHash !== prev) return { seq: r.seq, reason: 'prev_hash' };
    const { prevHash: _p, hash, ...entry } = r;
    if (auditHash(prev, entry) !== hash) return { seq: r.seq, reason: 'hash' };
    prev = hash;
    lastSeq = r.seq;
  }
  return null;
}
