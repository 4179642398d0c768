// The secretary's desk: an optional passphrase that guards the secretary's role. Once set, the app
// starts locked, and returning to the secretary (or changing the passphrase) asks for it; wrong tries
// are rate-limited like experts' (FREE_ATTEMPTS, then doubling waits).
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { Principal } from '../../../shared/types';
import type { Db } from '../db/connection';
import { appendAudit } from '../db/queries/audit';
import { clearAuthFailures, getAuthFailures, recordAuthFailure } from '../db/queries/keys';
import { getPref, setPref } from '../db/queries/prefs';
import type { Ctx } from '../context';
import { FREE_ATTEMPTS, principal } from './identity';
import { checkpointAtDeskSignIn, createDeskKey } from './desk-keys';

interface Verifier {
  logN: number;
  r: number;
  p: number;
  salt: string;
  hash: string;
}

/** The two desk roles guarded by a passphrase, their pref and their auth_failure row (no session, a pseudo id). */
const GUARDS = {
  secretary: { pref: 'secretaryVerifier', failures: { sessionId: '', expertId: '*secretary*' } },
  examiner: { pref: 'examinerVerifier', failures: { sessionId: '', expertId: '*examiner*' } },
} as const;
type Guarded = keyof typeof GUARDS;

function derive(passphrase: string, v: Pick<Verifier, 'logN' | 'r' | 'p'>, salt: Buffer): Buffer {
  const N = 2 ** v.logN;
  return scryptSync(passphrase.normalize('NFKC'), salt, 32, { N, r: v.r, p: v.p, maxmem: 256 * N * v.r + 1024 * 1024 });
}

function verifier(db: Db, who: Guarded = 'secretary'): Verifier | null {
  const raw = getPref(db, GUARDS[who].pref);
  return raw ? (JSON.parse(raw) as Verifier) : null;
}

export function deskProtected(db: Db): boolean {
  return verifier(db) !== null;
}

export function examinerEnabled(db: Db): boolean {
  return verifier(db, 'examiner') !== null;
}

function waitSeconds(failures: number): number {
  return failures < FREE_ATTEMPTS ? 0 : Math.min(15 * 60, 30 * 2 ** (failures - FREE_ATTEMPTS));
}

/** Checks a desk role's passphrase, counting failures; throws AUTH_BAD_PASSPHRASE / AUTH_RATE_LIMITED. */
export function checkDeskPassphrase(ctx: Ctx, passphrase: string | undefined, who: Guarded = 'secretary'): void {
  const v = verifier(ctx.db, who);
  const g = GUARDS[who];
  if (!v) {
    if (who === 'secretary') return;
    throw new AppError('AUTH_NO_KEY', 'no examiner passphrase is set', { field: 'role', role: who });
  }
  const DESK = g.failures;
  const failed = getAuthFailures(ctx.db, DESK.sessionId, DESK.expertId);
  if (failed) {
    const left = Math.ceil((Date.parse(failed.lastAt) + waitSeconds(failed.failures) * 1000 - Date.now()) / 1000);
    if (waitSeconds(failed.failures) > 0 && left > 0) throw new AppError('AUTH_RATE_LIMITED', `wait ${left} s`, { retryAfterSeconds: left, role: who });
  }
  const ok = passphrase !== undefined && timingSafeEqual(derive(passphrase, v, Buffer.from(v.salt, 'base64')), Buffer.from(v.hash, 'base64'));
  if (!ok) {
    const n = recordAuthFailure(ctx.db, DESK.sessionId, DESK.expertId, new Date().toISOString());
    appendAudit(ctx.db, { sessionId: null, actor: 'desk', kind: 'auth.failed', payload: { role: who, failures: n } });
    throw new AppError('AUTH_BAD_PASSPHRASE', `wrong ${who} passphrase`, { field: 'passphrase', role: who, remaining: Math.max(0, FREE_ATTEMPTS - n) });
  }
  if (failed) clearAuthFailures(ctx.db, DESK.sessionId, DESK.expertId);
}

function storeVerifier(ctx: Ctx, who: Guarded, passphrase: string): void {
  const params = { logN: ctx.scryptLogN, r: 8, p: 1 };
  const salt = randomBytes(16);
  const v: Verifier = { ...params, salt: salt.toString('base64'), hash: derive(passphrase, params, salt).toString('base64') };
  setPref(ctx.db, GUARDS[who].pref, JSON.stringify(v));
  createDeskKey(ctx, who, passphrase);
  appendAudit(ctx.db, { sessionId: null, actor: 'secretary', kind: `desk.${who}_passphrase_set`, payload: {} });
}

export function setSecretaryPassphrase(ctx: Ctx, a: { current?: string | undefined; passphrase: string }): Principal {
  if (deskProtected(ctx.db)) checkDeskPassphrase(ctx, a.current);
  storeVerifier(ctx, 'secretary', a.passphrase);
  return principal(ctx);
}

/** The secretary gives examiners (审核监督) their own passphrase; examiners see, never change. */
export function setExaminerPassphrase(ctx: Ctx, a: { passphrase: string }): Principal {
  storeVerifier(ctx, 'examiner', a.passphrase);
  return principal(ctx);
}

export function signInExaminer(ctx: Ctx, a: { passphrase: string }): Principal {
  checkDeskPassphrase(ctx, a.passphrase, 'examiner');
  checkpointAtDeskSignIn(ctx, 'examiner', a.passphrase);
  ctx.caller.role = 'examiner';
  ctx.caller.expertId = undefined;
  ctx.caller.sessionId = undefined;
  appendAudit(ctx.db, { sessionId: null, actor: 'examiner', kind: 'auth.signed_in', payload: { as: 'examiner' } });
  return principal(ctx);
}

/** Back to the secretary's desk: asks the secretary's passphrase once one is set. */
export function toSecretary(ctx: Ctx, a: { passphrase?: string | undefined }): Principal {
  if (ctx.caller.role !== 'secretary') checkDeskPassphrase(ctx, a.passphrase);
  if (ctx.caller.role !== 'secretary' && deskProtected(ctx.db)) checkpointAtDeskSignIn(ctx, 'secretary', a.passphrase);
  ctx.caller.role = 'secretary';
  ctx.caller.expertId = undefined;
  ctx.caller.sessionId = undefined;
  return principal(ctx);
}

/** Leaves the laptop locked: only signing in (an expert, or the secretary with the passphrase) opens it. */
export function lockDesk(ctx: Ctx): Principal {
  ctx.caller.expertId = undefined;
  ctx.caller.sessionId = undefined;
  ctx.caller.role = deskProtected(ctx.db) ? 'locked' : 'secretary';
  return principal(ctx);
}
