// The desk's own principals: the secretary (a passphrase every new data folder asks for before anything
// else) and the examiners (their own passphrase, typed by them at the secretary's desk). The desk starts
// locked; returning to the secretary always asks the passphrase; an idle desk locks itself.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { Principal } from '../../../shared/types';
import { inTransaction } from '../db/connection';
import { appendAudit } from '../db/queries/audit';
import { getPref, setPref } from '../db/queries/prefs';
import type { Ctx } from '../context';
import { EXAMINER_VERIFIER, IDLE_LOCK_PREF, SECRETARY_VERIFIER, becomePrincipal, idleLockMinutes, principal } from './principal';
import { assertNotRateLimited, attemptsLeft, clearFailures, recordFailure, type Who } from './rate-limit';
import { checkpointAtDeskSignIn, createDeskKey } from './desk-keys';

interface Verifier {
  logN: number;
  r: number;
  p: number;
  salt: string;
  hash: string;
}

/** The two desk roles guarded by a passphrase: their pref and their failure counter (no session, a pseudo id). */
const GUARDS = {
  secretary: { pref: SECRETARY_VERIFIER, who: { sessionId: '', expertId: '*secretary*' } as Who },
  examiner: { pref: EXAMINER_VERIFIER, who: { sessionId: '', expertId: '*examiner*' } as Who },
} as const;
type Guarded = keyof typeof GUARDS;

function derive(passphrase: string, v: Pick<Verifier, 'logN' | 'r' | 'p'>, salt: Buffer): Buffer {
  const N = 2 ** v.logN;
  return scryptSync(passphrase.normalize('NFKC'), salt, 32, { N, r: v.r, p: v.p, maxmem: 256 * N * v.r + 1024 * 1024 });
}

function verifier(ctx: Ctx, who: Guarded): Verifier | null {
  const raw = getPref(ctx.db, GUARDS[who].pref);
  return raw ? (JSON.parse(raw) as Verifier) : null;
}

/** Checks a desk role's passphrase, counting failures; throws AUTH_BAD_PASSPHRASE / AUTH_RATE_LIMITED / DESK_NOT_SET_UP. */
export function checkDeskPassphrase(ctx: Ctx, passphrase: string, who: Guarded): void {
  const v = verifier(ctx, who);
  if (!v) {
    if (who === 'secretary') throw new AppError('DESK_NOT_SET_UP', 'set the secretary passphrase first', { field: 'passphrase', role: who });
    throw new AppError('AUTH_NO_KEY', 'no examiner passphrase is set', { field: 'role', role: who });
  }
  const g = GUARDS[who];
  assertNotRateLimited(ctx.db, g.who, { role: who });
  const ok = timingSafeEqual(derive(passphrase, v, Buffer.from(v.salt, 'base64')), Buffer.from(v.hash, 'base64'));
  if (!ok) {
    const n = inTransaction(ctx.db, () => {
      const failures = recordFailure(ctx.db, g.who);
      appendAudit(ctx.db, { sessionId: null, actor: 'desk', kind: 'auth.failed', payload: { role: who, failures } });
      return failures;
    });
    throw new AppError('AUTH_BAD_PASSPHRASE', `wrong ${who} passphrase`, { field: 'passphrase', role: who, remaining: attemptsLeft(n) });
  }
  clearFailures(ctx.db, g.who);
}

function storeVerifier(ctx: Ctx, who: Guarded, passphrase: string, kind: string): void {
  const params = { logN: ctx.scryptLogN, r: 8, p: 1 };
  const salt = randomBytes(16);
  const v: Verifier = { ...params, salt: salt.toString('base64'), hash: derive(passphrase, params, salt).toString('base64') };
  inTransaction(ctx.db, () => {
    setPref(ctx.db, GUARDS[who].pref, JSON.stringify(v));
    // The desk's signing key, sealed under the same passphrase: it signs audit checkpoints.
    createDeskKey(ctx, who, passphrase);
    appendAudit(ctx.db, { sessionId: null, actor: 'secretary', kind, payload: { role: who } });
  });
}

export function deskSetUp(ctx: Ctx): boolean {
  return verifier(ctx, 'secretary') !== null;
}

/** First run of a data folder: the secretary's passphrase before anything else; then the secretary is signed in. */
export function setUpDesk(ctx: Ctx, a: { passphrase: string }): Principal {
  if (deskSetUp(ctx)) throw new AppError('DESK_ALREADY_SET_UP', 'the secretary passphrase is already set', { field: 'passphrase' });
  storeVerifier(ctx, 'secretary', a.passphrase, 'desk.set_up');
  becomePrincipal(ctx, 'secretary');
  return principal(ctx);
}

/** Changes the secretary's passphrase: the current one is always asked. */
export function setSecretaryPassphrase(ctx: Ctx, a: { current: string; passphrase: string }): Principal {
  checkDeskPassphrase(ctx, a.current, 'secretary');
  storeVerifier(ctx, 'secretary', a.passphrase, 'desk.secretary_passphrase_changed');
  return principal(ctx);
}

/** The examiner types their own passphrase at the secretary's desk; examiners read, never change. */
export function setExaminerPassphrase(ctx: Ctx, a: { passphrase: string }): Principal {
  storeVerifier(ctx, 'examiner', a.passphrase, 'desk.examiner_enrolled');
  return principal(ctx);
}

export function signInExaminer(ctx: Ctx, a: { passphrase: string }): Principal {
  checkDeskPassphrase(ctx, a.passphrase, 'examiner');
  checkpointAtDeskSignIn(ctx, 'examiner', a.passphrase);
  becomePrincipal(ctx, 'examiner');
  appendAudit(ctx.db, { sessionId: null, actor: 'examiner', kind: 'auth.signed_in', payload: { as: 'examiner' } });
  return principal(ctx);
}

/** The secretary takes the desk back: always with the passphrase, whoever was signed in. */
export function signInSecretary(ctx: Ctx, a: { passphrase: string }): Principal {
  checkDeskPassphrase(ctx, a.passphrase, 'secretary');
  checkpointAtDeskSignIn(ctx, 'secretary', a.passphrase);
  becomePrincipal(ctx, 'secretary');
  appendAudit(ctx.db, { sessionId: null, actor: 'secretary', kind: 'auth.signed_in', payload: { as: 'secretary' } });
  return principal(ctx);
}

/** Locks the desk: nobody is signed in until someone gives their passphrase. */
export function lockDesk(ctx: Ctx, reason: 'manual' | 'idle' = 'manual'): Principal {
  if (ctx.caller.role !== 'locked') {
    const was = ctx.caller.role;
    becomePrincipal(ctx, 'locked');
    appendAudit(ctx.db, { sessionId: null, actor: was, kind: reason === 'idle' ? 'desk.idle_locked' : 'desk.locked', payload: { role: was } });
  }
  return principal(ctx);
}

export function setIdleLock(ctx: Ctx, a: { minutes: number }): Principal {
  inTransaction(ctx.db, () => {
    setPref(ctx.db, IDLE_LOCK_PREF, String(a.minutes));
    appendAudit(ctx.db, { sessionId: null, actor: 'secretary', kind: 'desk.idle_lock_set', payload: { minutes: a.minutes } });
  });
  return principal(ctx);
}

/** True once the desk has seen no user action for the idle timeout. */
export function idleExpired(ctx: Ctx, now = performance.now()): boolean {
  return ctx.caller.role !== 'locked' && now - ctx.lastActivity > idleLockMinutes(ctx) * 60_000;
}
