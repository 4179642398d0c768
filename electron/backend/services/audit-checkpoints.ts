// Signed checkpoints of the audit chain: "the chain had `count` entries ending in `head`", signed by the
// secretary's or examiner's desk key or by the chair's own key. A rewrite or a cut below a checkpoint
// changes what is at that position, which the signature still names.
import canonicalize from 'canonicalize';
import { CHECKPOINT_PAYLOAD_TYPE, type CheckpointPayload } from '../../../shared/audit';
import { signDsse, verifyDsse } from '../../../shared/crypto/dsse';
import { utf8Decode, utf8Encode } from '../../../shared/text';
import { inTransaction } from '../db/connection';
import { appendAudit, auditPosition, insertCheckpoint } from '../db/queries/audit';
import type { Ctx } from '../context';

export interface CheckpointSigner {
  role: CheckpointPayload['role'];
  sessionId: string | null;
  expertId: string | null;
  keyid: string;
}

/** Signs the chain's current position and records it (table + an entry saying so), in one transaction. */
export function signCheckpoint(ctx: Ctx, signer: CheckpointSigner, secretKey: Uint8Array): CheckpointPayload {
  return inTransaction(ctx.db, () => {
    const pos = auditPosition(ctx.db);
    const at = new Date().toISOString();
    const payload: CheckpointPayload = { type: 'paneldesk.audit-checkpoint/v1', count: pos.count, head: pos.head, ...signer, at };
    const envelope = signDsse(CHECKPOINT_PAYLOAD_TYPE, utf8Encode(canonicalize(payload) ?? ''), secretKey);
    insertCheckpoint(ctx.db, { count: pos.count, head: pos.head, role: signer.role, sessionId: signer.sessionId, expertId: signer.expertId, keyid: signer.keyid, at, envelopeJson: JSON.stringify(envelope) });
    const actor = signer.expertId ? `${signer.role}:${signer.expertId}` : signer.role;
    appendAudit(ctx.db, { sessionId: signer.sessionId, actor, kind: 'audit.checkpoint', payload: { count: pos.count, head: pos.head, role: signer.role, keyid: signer.keyid, ...(signer.expertId ? { expertId: signer.expertId } : {}) }, at });
    return payload;
  });
}

/** The signed payload when the envelope verifies under `publicKey`, else why not. */
export function openCheckpoint(envelopeJson: string, keyid: string, publicKey: Uint8Array): { ok: true; payload: CheckpointPayload } | { ok: false; reason: 'bad_signature' } {
  let envelope: unknown;
  try {
    envelope = JSON.parse(envelopeJson);
  } catch {
    return { ok: false, reason: 'bad_signature' };
  }
  const v = verifyDsse(envelope, CHECKPOINT_PAYLOAD_TYPE, [{ keyid, publicKey }]);
  if (!v.ok) return { ok: false, reason: 'bad_signature' };
  try {
    return { ok: true, payload: JSON.parse(utf8Decode(v.payload)) as CheckpointPayload };
  } catch {
    return { ok: false, reason: 'bad_signature' };
  }
}
