// The audit log's hash chain: each entry's hash covers the previous hash and the canonical entry.
// What the chain alone proves is narrow (see docs/audit-log.md): that the entries link up. Anyone who can
// write the database can rewrite entries and re-hash everything after them. Signed anchors — checkpoints
// by the secretary, examiner and chair, and the head inside every signed score sheet — pin positions of
// the chain that such a rewrite cannot move without the signers' keys.
import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export const AUDIT_GENESIS = '0'.repeat(64);
export const CHECKPOINT_PAYLOAD_TYPE = 'application/vnd.paneldesk.audit-checkpoint+json';

export interface AuditEntry {
  seq: number;
  sessionId: string | null;
  at: string;
  actor: string;
  kind: string;
  payload: unknown;
}

export type AuditChainRow = AuditEntry & { prevHash: string; hash: string };

/** Where a signed object stands on the chain: the head and how many entries it covers. */
export interface AuditPosition {
  /** Number of entries at that moment (= the seq of the head entry; 0 for the empty log). */
  count: number;
  head: string;
}

/** What a checkpoint signs (RFC 8785 canonical JSON in a DSSE envelope). */
export interface CheckpointPayload {
  type: 'paneldesk.audit-checkpoint/v1';
  count: number;
  head: string;
  role: 'secretary' | 'examiner' | 'chair';
  /** The chair's expert id and session; null for desk roles. */
  sessionId: string | null;
  expertId: string | null;
  keyid: string;
  at: string;
}

export function auditHash(prevHash: string, entry: AuditEntry): string {
  const body = canonicalize({ ...entry, prevHash });
  if (body === undefined) throw new Error('audit entry is not serializable');
  return bytesToHex(sha256(utf8ToBytes(body)));
}

export type BrokenLinkReason = 'prev_hash' | 'hash' | 'seq';

/**
 * The first entry that does not link to the one before it (or whose hash is not its content's), or null.
 * Proves only internal consistency: an edit, removal or reordering WITHOUT re-hashing is found; a rewrite
 * that re-hashes everything after the change, or a cut-off tail, is not (that needs the signed anchors).
 */
export function findFirstBrokenLink(rows: ReadonlyArray<AuditChainRow>): { seq: number; reason: BrokenLinkReason } | null {
  let prev = AUDIT_GENESIS;
  let lastSeq = 0;
  for (const r of rows) {
    if (r.seq <= lastSeq) return { seq: r.seq, reason: 'seq' };
    if (r.prevHash !== prev) return { seq: r.seq, reason: 'prev_hash' };
    const { prevHash: _p, hash, ...entry } = r;
    if (auditHash(prev, entry) !== hash) return { seq: r.seq, reason: 'hash' };
    // Sequence numbers run 1, 2, 3…: a gap is a removed entry even if the neighbours were re-linked.
    if (r.seq !== lastSeq + 1) return { seq: r.seq, reason: 'seq' };
    prev = hash;
    lastSeq = r.seq;
  }
  return null;
}

export type AnchorProblem = 'beyond_end' | 'not_on_chain';

/**
 * Is this signed position on the chain? `beyond_end`: the chain is shorter than what was signed
 * (the tail was cut off); `not_on_chain`: the entry at that position has another hash (rewritten).
 */
export function positionProblem(rows: ReadonlyArray<{ seq: number; hash: string }>, pos: AuditPosition): AnchorProblem | null {
  if (pos.count === 0) return pos.head === AUDIT_GENESIS ? null : 'not_on_chain';
  if (pos.count > rows.length) return 'beyond_end';
  const row = rows[pos.count - 1];
  return row && row.seq === pos.count && row.hash === pos.head ? null : 'not_on_chain';
}
