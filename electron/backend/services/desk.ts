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

interface Verifier {
  logN: number;
  r: number;
  p: number;
  salt: string;
  hash: string;
}

const PREF = 'secretaryVerifier';
/** auth_failure rows of the desk: no session, a fixed pseudo-expert id. */
const DESK = { sessionId: '', expertId: '*secretary*' };

function derive(passphrase: string, v: Pick<Verifier, 'logN' | 'r' | 'p'>, salt: Buffer): Buffer {
  const N = 2 ** v.logN;
  return scryptSync(passphrase.normalize('NFKC'), salt, 32, { N, r: v.r, p: v.p, maxmem: 256 * N * v.r + 1024 * 1024 });
}

function verifier(db: Db): Verifier | null {
  const raw = getPref(db, PREF);
  return raw ? (JSON.parse(raw) as Verifier) : null;
}

export function deskProtected(db: Db): boolean {
  return verifier(db) !== null;
}

function waitSeconds(failures: number): number {
  return failures < FREE_ATTEMPTS ? 0 : Math.min(15 * 60, 30 * 2 ** (failures - FREE_ATTEMPTS));
}

/** Checks the secretary's passphrase, counting failures; throws AUTH_BAD_PASSPHRASE / AUTH_RATE_LIMITED. */
function checkDeskPassphrase(ctx: Ctx, passphrase: string | undefined): void {
  const v = verifier(ctx.db);
  if (!v) return;
  const failed = getAuthFailures(ctx.db, DESK.sessionId, DESK.expertId);
  if (failed) {
    const left = Math.ceil((Date.parse(failed.lastAt) + waitSeconds(failed.failures) * 1000 - Date.now()) / 1000);
    if (waitSeconds(failed.failures) > 0 && left > 0) throw new AppError('AUTH_RATE_LIMITED', `wait ${left} s`, { retryAfterSeconds: left, expertName: '秘书' });
  }
  const ok = passphrase !== undefined && timingSafeEqual(derive(passphrase, v, Buffer.from(v.salt, 'base64')), Buffer.from(v.hash, 'base64'));
  if (!ok) {
    const n = recordAuthFailure(ctx.db, DESK.sessionId, DESK.expertId, new Date().toISOString());
    appendAudit(ctx.db, { sessionId: null, actor: 'desk', kind: 'auth.failed', payload: { role: 'secretary', failures: n } });
    throw new AppError('AUTH_BAD_PASSPHRASE', 'wrong secretary passphrase', { field: 'passphrase', expertName: '秘书', remaining: Math.max(0, FREE_ATTEMPTS - n) });
  }
  if (failed) clearAuthFailures(ctx.db, DESK.sessionId, DESK.expertId);
}

export function setSecretaryPassphrase(ctx: Ctx, a: { current?: string | undefined; passphrase: string }): Principal {
  if (deskProtected(ctx.db)) checkDeskPassphrase(ctx, a.current);
  const params = { logN: ctx.scryptLogN, r: 8, p: 1 };
  const salt = randomBytes(16);
  const v: Verifier = { ...params, salt: salt.toString('base64'), hash: derive(a.passphrase, params, salt).toString('base64') };
  setPref(ctx.db, PREF, JSON.stringify(v));
  appendAudit(ctx.db, { sessionId: null, actor: 'secretary', kind: 'desk.passphrase_set', payload: {} });
  return principal(ctx);
}

/** Back to the secretary's desk: asks the secretary's passphrase once one is set. */
export function toSecretary(ctx: Ctx, a: { passphrase?: string | undefined }): Principal {
  if (ctx.caller.role !== 'secretary') checkDeskPassphrase(ctx, a.passphrase);
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
