// Who is at the keyboard: expert keys sealed under passphrases, sign-in with rate-limited retries.
import { AppError } from '../../../shared/errors';
import { generateKeyPair } from '../../../shared/crypto/ed25519';
import { fingerprintOf, keyIdOf } from '../../../shared/crypto/keyid';
import type { IdentityRow, Principal } from '../../../shared/types';
import { openSecretKey, sealSecretKey, type SealedKey } from '../crypto/key-vault';
import { inTransaction } from '../db/connection';
import { appendAudit } from '../db/queries/audit';
import {
  clearAuthFailures,
  confirmExpertKey,
  getAuthFailures,
  getExpertKey,
  insertExpertKey,
  listExpertKeys,
  recordAuthFailure,
  type KeyRecord,
} from '../db/queries/keys';
import { getPref } from '../db/queries/prefs';
import { listExperts } from '../db/queries/roster';
import type { Ctx } from '../context';
import { requireSession } from './sessions';
import { signCheckpoint } from './audit-checkpoints';

/** Free attempts before waiting; then the wait doubles from 30 s up to 15 min. */
export const FREE_ATTEMPTS = 5;
const BASE_WAIT_S = 30;
const MAX_WAIT_S = 15 * 60;

const aadOf = (sessionId: string, expertId: string, keyid: string) => `paneldesk-key-v1|${sessionId}|${expertId}|${keyid}`;

function toHex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex');
}

function identityRow(e: { id: string; name: string; role: IdentityRow['role'] }, k: KeyRecord | undefined | null): IdentityRow {
  return {
    expertId: e.id,
    name: e.name,
    role: e.role,
    hasKey: !!k,
    keyid: k?.keyid ?? null,
    fingerprint: k ? fingerprintOf(k.keyid) : null,
    confirmed: !!k?.confirmedAt,
  };
}

function requireExpert(ctx: Ctx, sessionId: string, expertId: string) {
  const e = listExperts(ctx.db, sessionId).find((x) => x.id === expertId);
  if (!e) throw new AppError('EXPERT_NOT_FOUND', `no expert ${expertId}`, { field: 'expertId', actual: expertId });
  return e;
}

export function principal(ctx: Ctx): Principal {
  const { role, expertId, sessionId } = ctx.caller;
  const deskProtected = getPref(ctx.db, 'secretaryVerifier') !== null;
  const examinerEnabled = getPref(ctx.db, 'examinerVerifier') !== null;
  if (!expertId || !sessionId) return { role, sessionId: null, expertId: null, expertName: null, fingerprint: null, deskProtected, examinerEnabled };
  const e = listExperts(ctx.db, sessionId).find((x) => x.id === expertId);
  const k = getExpertKey(ctx.db, sessionId, expertId);
  return { role, sessionId, expertId, expertName: e?.name ?? null, fingerprint: k ? fingerprintOf(k.keyid) : null, deskProtected, examinerEnabled };
}

export function listIdentities(ctx: Ctx, sessionId: string): IdentityRow[] {
  requireSession(ctx, sessionId);
  const keys = listExpertKeys(ctx.db, sessionId);
  return listExperts(ctx.db, sessionId).map((e) => identityRow(e, keys.get(e.id)));
}

export function enrollExpert(ctx: Ctx, a: { sessionId: string; expertId: string; passphrase: string }): IdentityRow {
  requireSession(ctx, a.sessionId);
  // On a protected desk only the secretary may create keys: nobody enrolls in another expert's name unseen.
  if (getPref(ctx.db, 'secretaryVerifier') !== null && ctx.caller.role !== 'secretary') {
    throw new AppError('CONTRACT_FORBIDDEN', 'the secretary creates keys on a protected desk', { field: 'role' });
  }
  const e = requireExpert(ctx, a.sessionId, a.expertId);
  if (getExpertKey(ctx.db, a.sessionId, a.expertId)) {
    throw new AppError('AUTH_KEY_EXISTS', `expert ${a.expertId} already has a key`, { field: 'expertId', actual: a.expertId });
  }
  const pair = generateKeyPair();
  const keyid = keyIdOf(pair.publicKey);
  const sealed = sealSecretKey(pair.secretKey, a.passphrase, aadOf(a.sessionId, a.expertId, keyid), ctx.scryptLogN);
  pair.secretKey.fill(0);
  const at = new Date().toISOString();
  inTransaction(ctx.db, () => {
    insertExpertKey(ctx.db, a.sessionId, { expertId: a.expertId, keyid, publicKey: toHex(pair.publicKey), sealedJson: JSON.stringify(sealed), createdAt: at });
    appendAudit(ctx.db, { sessionId: a.sessionId, actor: `expert:${a.expertId}`, kind: 'key.created', payload: { expertId: a.expertId, keyid }, at });
  });
  return identityRow(e, getExpertKey(ctx.db, a.sessionId, a.expertId));
}

function waitSeconds(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_WAIT_S, BASE_WAIT_S * 2 ** (failures - FREE_ATTEMPTS));
}

/**
 * Opens the expert's secret key with the passphrase. Wrong passphrases count per expert (never locking
 * out anyone else); after FREE_ATTEMPTS each further try must wait. The caller wipes the key after use.
 */
export function unlockSecretKey(ctx: Ctx, sessionId: string, expertId: string, passphrase: string): { secretKey: Uint8Array; key: KeyRecord } {
  const e = requireExpert(ctx, sessionId, expertId);
  const key = getExpertKey(ctx.db, sessionId, expertId);
  if (!key) throw new AppError('AUTH_NO_KEY', `expert ${expertId} has no key`, { field: 'expertId', actual: expertId });
  const failed = getAuthFailures(ctx.db, sessionId, expertId);
  if (failed) {
    const wait = waitSeconds(failed.failures);
    const left = Math.ceil((Date.parse(failed.lastAt) + wait * 1000 - Date.now()) / 1000);
    if (wait > 0 && left > 0) throw new AppError('AUTH_RATE_LIMITED', `wait ${left} s`, { retryAfterSeconds: left, expertName: e.name });
  }
  const secretKey = openSecretKey(JSON.parse(key.sealedJson) as SealedKey, passphrase, aadOf(sessionId, expertId, key.keyid));
  const at = new Date().toISOString();
  if (!secretKey) {
    const failures = inTransaction(ctx.db, () => {
      const n = recordAuthFailure(ctx.db, sessionId, expertId, at);
      appendAudit(ctx.db, { sessionId, actor: `expert:${expertId}`, kind: 'auth.failed', payload: { expertId, failures: n }, at });
      return n;
    });
    throw new AppError('AUTH_BAD_PASSPHRASE', 'wrong passphrase', {
      field: 'passphrase',
      expertName: e.name,
      remaining: Math.max(0, FREE_ATTEMPTS - failures),
    });
  }
  if (failed) clearAuthFailures(ctx.db, sessionId, expertId);
  return { secretKey, key };
}

export function signIn(ctx: Ctx, a: { sessionId: string; expertId: string; passphrase: string; as: 'expert' | 'chair' }): Principal {
  requireSession(ctx, a.sessionId);
  const e = requireExpert(ctx, a.sessionId, a.expertId);
  if (a.as === 'chair' && e.role === 'member') throw new AppError('AUTH_NOT_CHAIR', `${a.expertId} is not a chair`, { field: 'as' });
  const { secretKey, key } = unlockSecretKey(ctx, a.sessionId, a.expertId, a.passphrase);
  if (a.as === 'chair') signCheckpoint(ctx, { role: 'chair', sessionId: a.sessionId, expertId: a.expertId, keyid: key.keyid }, secretKey);
  secretKey.fill(0);
  ctx.caller.role = a.as;
  ctx.caller.expertId = a.expertId;
  ctx.caller.sessionId = a.sessionId;
  appendAudit(ctx.db, { sessionId: a.sessionId, actor: `${a.as}:${a.expertId}`, kind: 'auth.signed_in', payload: { expertId: a.expertId, as: a.as } });
  return principal(ctx);
}

export function confirmKey(ctx: Ctx, a: { sessionId: string; expertId: string; keyid: string }): IdentityRow {
  requireSession(ctx, a.sessionId);
  const e = requireExpert(ctx, a.sessionId, a.expertId);
  const key = getExpertKey(ctx.db, a.sessionId, a.expertId);
  if (!key) throw new AppError('AUTH_NO_KEY', `expert ${a.expertId} has no key`, { field: 'expertId', actual: a.expertId });
  if (key.keyid !== a.keyid) throw new AppError('CONTRACT_INVALID_INPUT', 'key id differs from the stored key', { field: 'keyid', actual: a.keyid });
  inTransaction(ctx.db, () => {
    const at = new Date().toISOString();
    confirmExpertKey(ctx.db, a.sessionId, a.expertId, at);
    appendAudit(ctx.db, { sessionId: a.sessionId, actor: ctx.caller.role, kind: 'key.confirmed', payload: { expertId: a.expertId, keyid: a.keyid }, at });
  });
  return identityRow(e, getExpertKey(ctx.db, a.sessionId, a.expertId));
}
