// Experts' keys and sign-in. A key is created only in an enrolment ceremony the secretary opens: the
// expert types their own passphrase, reads the fingerprint aloud, and the secretary records that it was
// confirmed. Only a confirmed key signs in. A second key needs a recorded, audited revocation first.
import { AppError } from '../../../shared/errors';
import { generateKeyPair, publicKeyOf } from '../../../shared/crypto/ed25519';
import { fingerprintOf, keyIdOf } from '../../../shared/crypto/keyid';
import type { ExpertRow, IdentityRow, Principal } from '../../../shared/types';
import { openSecretKey, sealSecretKey, type SealedKey } from '../crypto/key-vault';
import { inTransaction } from '../db/connection';
import { appendAudit } from '../db/queries/audit';
import { confirmExpertKey, getExpertKey, insertExpertKey, listExpertKeys, listRevokedKeys, revokeExpertKey, type KeyRecord } from '../db/queries/keys';
import { getExpert, listExperts } from '../db/queries/roster';
import type { Ctx } from '../context';
import { becomePrincipal, principal } from './principal';
import { assertNotRateLimited, attemptsLeft, clearFailures, recordFailure } from './rate-limit';
import { requireSession } from './sessions';
import { signCheckpoint } from './audit-checkpoints';

/** A ceremony left open lapses: an unattended desk must not accept a new key. */
export const ENROLMENT_TTL_MS = 15 * 60_000;

const aadOf = (sessionId: string, expertId: string, keyid: string) => `paneldesk-key-v1|${sessionId}|${expertId}|${keyid}`;

function identityRow(e: Pick<ExpertRow, 'id' | 'name' | 'role'>, k: KeyRecord | undefined | null, revoked: number): IdentityRow {
  return {
    expertId: e.id,
    name: e.name,
    role: e.role,
    hasKey: !!k,
    keyid: k?.keyid ?? null,
    fingerprint: k ? fingerprintOf(k.keyid) : null,
    confirmed: !!k?.confirmedAt,
    revokedKeys: revoked,
  };
}

/** The expert of the session, or EXPERT_NOT_FOUND naming the id. */
export function requireExpert(ctx: Ctx, sessionId: string, expertId: string): ExpertRow {
  const e = getExpert(ctx.db, sessionId, expertId);
  if (!e) throw new AppError('EXPERT_NOT_FOUND', `no expert ${expertId}`, { field: 'expertId', actual: expertId });
  return e;
}

function rowOf(ctx: Ctx, sessionId: string, e: ExpertRow): IdentityRow {
  const revoked = listRevokedKeys(ctx.db, sessionId).filter((r) => r.expertId === e.id).length;
  return identityRow(e, getExpertKey(ctx.db, sessionId, e.id), revoked);
}

export { principal };

export function listIdentities(ctx: Ctx, sessionId: string): IdentityRow[] {
  requireSession(ctx, sessionId);
  const keys = listExpertKeys(ctx.db, sessionId);
  const revoked = new Map<string, number>();
  for (const r of listRevokedKeys(ctx.db, sessionId)) revoked.set(r.expertId, (revoked.get(r.expertId) ?? 0) + 1);
  return listExperts(ctx.db, sessionId).map((e) => identityRow(e, keys.get(e.id), revoked.get(e.id) ?? 0));
}

/** The open ceremony for this expert, or ENROLMENT_NOT_OPEN. */
function requireCeremony(ctx: Ctx, sessionId: string, expertId: string): void {
  const c = ctx.enrolment;
  const open = c && c.sessionId === sessionId && c.expertId === expertId && performance.now() - c.openedAt <= ENROLMENT_TTL_MS;
  if (!open) throw new AppError('ENROLMENT_NOT_OPEN', `no enrolment ceremony is open for ${expertId}`, { field: 'expertId', actual: expertId });
}

/** The secretary opens the ceremony for one expert (one at a time). A confirmed live key must be revoked first. */
export function openEnrolment(ctx: Ctx, a: { sessionId: string; expertId: string }): IdentityRow {
  requireSession(ctx, a.sessionId);
  const e = requireExpert(ctx, a.sessionId, a.expertId);
  const key = getExpertKey(ctx.db, a.sessionId, a.expertId);
  if (key?.confirmedAt) {
    throw new AppError('AUTH_KEY_EXISTS', `expert ${a.expertId} already has a confirmed key; revoke it first`, { field: 'expertId', actual: a.expertId, expertName: e.name });
  }
  ctx.enrolment = { sessionId: a.sessionId, expertId: a.expertId, openedAt: performance.now() };
  appendAudit(ctx.db, { sessionId: a.sessionId, actor: 'secretary', kind: 'enrolment.opened', payload: { expertId: a.expertId } });
  return rowOf(ctx, a.sessionId, e);
}

export function closeEnrolment(ctx: Ctx): Principal {
  if (ctx.enrolment) {
    appendAudit(ctx.db, { sessionId: ctx.enrolment.sessionId, actor: 'secretary', kind: 'enrolment.closed', payload: { expertId: ctx.enrolment.expertId } });
    ctx.enrolment = null;
  }
  return principal(ctx);
}

/** In the open ceremony: the expert's key pair, the private key sealed under the passphrase they type. */
export function enrollExpert(ctx: Ctx, a: { sessionId: string; expertId: string; passphrase: string }): IdentityRow {
  requireSession(ctx, a.sessionId);
  const e = requireExpert(ctx, a.sessionId, a.expertId);
  requireCeremony(ctx, a.sessionId, a.expertId);
  if (getExpertKey(ctx.db, a.sessionId, a.expertId)) {
    throw new AppError('AUTH_KEY_EXISTS', `expert ${a.expertId} already has a key`, { field: 'expertId', actual: a.expertId, expertName: e.name });
  }
  // The completed demo derives its keys from its seed (demo keys, never for a real review).
  const seed = ctx.demoKeySeed?.(a.sessionId, a.expertId);
  const pair = seed ? { secretKey: Uint8Array.from(seed), publicKey: publicKeyOf(seed) } : generateKeyPair();
  const keyid = keyIdOf(pair.publicKey);
  const sealed = sealSecretKey(pair.secretKey, a.passphrase, aadOf(a.sessionId, a.expertId, keyid), ctx.scryptLogN);
  pair.secretKey.fill(0);
  const at = new Date().toISOString();
  inTransaction(ctx.db, () => {
    insertExpertKey(ctx.db, a.sessionId, { expertId: a.expertId, keyid, publicKey: Buffer.from(pair.publicKey).toString('hex'), sealedJson: JSON.stringify(sealed), createdAt: at });
    appendAudit(ctx.db, { sessionId: a.sessionId, actor: 'secretary', kind: 'key.created', payload: { expertId: a.expertId, keyid }, at });
  });
  return rowOf(ctx, a.sessionId, e);
}

/** The expert read the fingerprint aloud and the secretary heard the same: recorded, and the ceremony ends. */
export function confirmKey(ctx: Ctx, a: { sessionId: string; expertId: string; keyid: string }): IdentityRow {
  requireSession(ctx, a.sessionId);
  const e = requireExpert(ctx, a.sessionId, a.expertId);
  requireCeremony(ctx, a.sessionId, a.expertId);
  const key = getExpertKey(ctx.db, a.sessionId, a.expertId);
  if (!key) throw new AppError('AUTH_NO_KEY', `expert ${a.expertId} has no key`, { field: 'expertId', actual: a.expertId, expertName: e.name });
  if (key.keyid !== a.keyid) throw new AppError('CONTRACT_INVALID_INPUT', 'key id differs from the stored key', { field: 'keyid', actual: a.keyid });
  inTransaction(ctx.db, () => {
    const at = new Date().toISOString();
    confirmExpertKey(ctx.db, a.sessionId, a.expertId, at);
    appendAudit(ctx.db, { sessionId: a.sessionId, actor: 'secretary', kind: 'key.confirmed', payload: { expertId: a.expertId, keyid: a.keyid }, at });
  });
  ctx.enrolment = null;
  return rowOf(ctx, a.sessionId, e);
}

/** Revokes the expert's live key with a reason; what it signed stays verifiable. A new ceremony may follow. */
export function revokeKey(ctx: Ctx, a: { sessionId: string; expertId: string; reason: string }): IdentityRow {
  requireSession(ctx, a.sessionId);
  const e = requireExpert(ctx, a.sessionId, a.expertId);
  const key = getExpertKey(ctx.db, a.sessionId, a.expertId);
  if (!key) throw new AppError('AUTH_NO_KEY', `expert ${a.expertId} has no key`, { field: 'expertId', actual: a.expertId, expertName: e.name });
  inTransaction(ctx.db, () => {
    const at = new Date().toISOString();
    revokeExpertKey(ctx.db, a.sessionId, a.expertId, at, a.reason);
    appendAudit(ctx.db, { sessionId: a.sessionId, actor: 'secretary', kind: 'key.revoked', payload: { expertId: a.expertId, keyid: key.keyid, reason: a.reason }, at });
  });
  clearFailures(ctx.db, { sessionId: a.sessionId, expertId: a.expertId });
  return rowOf(ctx, a.sessionId, e);
}

/**
 * Opens the expert's secret key with the passphrase. Wrong passphrases count per expert (never locking
 * out anyone else); after FREE_ATTEMPTS each further try must wait. The caller wipes the key after use.
 */
export function unlockSecretKey(ctx: Ctx, sessionId: string, expertId: string, passphrase: string): { secretKey: Uint8Array; key: KeyRecord } {
  const e = requireExpert(ctx, sessionId, expertId);
  const key = getExpertKey(ctx.db, sessionId, expertId);
  if (!key) throw new AppError('AUTH_NO_KEY', `expert ${expertId} has no key`, { field: 'expertId', actual: expertId, expertName: e.name });
  const sealed = JSON.parse(key.sealedJson) as SealedKey | { remote: true };
  // A key merged from the expert's own laptop: only its public half is here.
  if (!('kdf' in sealed)) throw new AppError('AUTH_KEY_REMOTE', `the key of ${expertId} lives on their own laptop`, { field: 'expertId', actual: expertId, expertName: e.name });
  const who = { sessionId, expertId };
  assertNotRateLimited(ctx.db, who, { expertName: e.name });
  const secretKey = openSecretKey(sealed, passphrase, aadOf(sessionId, expertId, key.keyid));
  if (!secretKey) {
    const failures = inTransaction(ctx.db, () => {
      const n = recordFailure(ctx.db, who);
      appendAudit(ctx.db, { sessionId, actor: `expert:${expertId}`, kind: 'auth.failed', payload: { expertId, failures: n } });
      return n;
    });
    throw new AppError('AUTH_BAD_PASSPHRASE', 'wrong passphrase', { field: 'passphrase', expertName: e.name, remaining: attemptsLeft(failures) });
  }
  clearFailures(ctx.db, who);
  return { secretKey, key };
}

export function signIn(ctx: Ctx, a: { sessionId: string; expertId: string; passphrase: string; as: 'expert' | 'chair' }): Principal {
  requireSession(ctx, a.sessionId);
  const e = requireExpert(ctx, a.sessionId, a.expertId);
  if (a.as === 'chair' && e.role === 'member') throw new AppError('AUTH_NOT_CHAIR', `${a.expertId} is not a chair`, { field: 'as' });
  const live = getExpertKey(ctx.db, a.sessionId, a.expertId);
  if (live && !live.confirmedAt) {
    throw new AppError('AUTH_KEY_NOT_CONFIRMED', `the key of ${a.expertId} was not confirmed in an enrolment ceremony`, { field: 'expertId', expertName: e.name });
  }
  const { secretKey, key } = unlockSecretKey(ctx, a.sessionId, a.expertId, a.passphrase);
  // The chair's sign-in signs an audit checkpoint with the chair's own key (docs/audit-log.md).
  if (a.as === 'chair') signCheckpoint(ctx, { role: 'chair', sessionId: a.sessionId, expertId: a.expertId, keyid: key.keyid }, secretKey);
  secretKey.fill(0);
  becomePrincipal(ctx, a.as, { sessionId: a.sessionId, expertId: a.expertId });
  appendAudit(ctx.db, { sessionId: a.sessionId, actor: `${a.as}:${a.expertId}`, kind: 'auth.signed_in', payload: { expertId: a.expertId, as: a.as } });
  return principal(ctx);
}
