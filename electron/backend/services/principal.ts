// Who is at the keyboard. Every change of principal goes through becomePrincipal, so the epoch,
// the enrolment ceremony and anything bound to the old principal (capabilities) move together.
import { AppError } from '../../../shared/errors';
import type { Principal, Role } from '../../../shared/types';
import type { Ctx } from '../context';
import { getExpert } from '../db/queries/roster';
import { getExpertKey } from '../db/queries/keys';
import { getPref } from '../db/queries/prefs';
import { fingerprintOf } from '../../../shared/crypto/keyid';

export const SECRETARY_VERIFIER = 'secretaryVerifier';
export const EXAMINER_VERIFIER = 'examinerVerifier';
export const IDLE_LOCK_PREF = 'idleLockMinutes';
export const DEFAULT_IDLE_LOCK_MINUTES = 10;

export function becomePrincipal(ctx: Ctx, role: Role, person?: { sessionId: string; expertId: string }): void {
  ctx.caller.role = role;
  ctx.caller.expertId = person?.expertId;
  ctx.caller.sessionId = person?.sessionId;
  ctx.callerEpoch += 1;
  // A ceremony belongs to the sign-in that opened it.
  ctx.enrolment = null;
  for (const f of ctx.onPrincipalChange) f();
}

/**
 * For slow calls: returns a check that throws AUTH_PRINCIPAL_CHANGED if someone else signed in (or the
 * desk locked) since the call began. Call it right before the commit.
 */
export function samePrincipalGuard(ctx: Ctx): () => void {
  const epoch = ctx.callerEpoch;
  const role = ctx.caller.role;
  return () => {
    if (ctx.callerEpoch !== epoch) throw new AppError('AUTH_PRINCIPAL_CHANGED', `the ${role} who started this is no longer signed in`, { field: 'role', role });
  };
}

export function idleLockMinutes(ctx: Ctx): number {
  const raw = getPref(ctx.db, IDLE_LOCK_PREF);
  const n = raw === null ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 1 ? n : DEFAULT_IDLE_LOCK_MINUTES;
}

export function principal(ctx: Ctx): Principal {
  const { role, expertId, sessionId } = ctx.caller;
  const base = {
    role,
    deskProtected: getPref(ctx.db, SECRETARY_VERIFIER) !== null,
    examinerEnabled: getPref(ctx.db, EXAMINER_VERIFIER) !== null,
    idleLockMinutes: idleLockMinutes(ctx),
    enrolment: ctx.enrolment ? { sessionId: ctx.enrolment.sessionId, expertId: ctx.enrolment.expertId } : null,
  };
  if (!expertId || !sessionId) return { ...base, sessionId: null, expertId: null, expertName: null, fingerprint: null };
  const k = getExpertKey(ctx.db, sessionId, expertId);
  return { ...base, sessionId, expertId, expertName: getExpert(ctx.db, sessionId, expertId)?.name ?? null, fingerprint: k ? fingerprintOf(k.keyid) : null };
}
