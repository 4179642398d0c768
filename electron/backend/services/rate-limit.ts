// Wrong passphrases, per person: FREE_ATTEMPTS free tries, then waits doubling from 30 s up to 15 min.
// The count is stored (a restart does not reset it); the wait runs on a monotonic clock, so setting the
// wall clock back or forward neither shortens nor skips it. After a restart the wait starts afresh.
import { AppError } from '../../../shared/errors';
import type { Db } from '../db/connection';
import { clearAuthFailures, getAuthFailures, recordAuthFailure } from '../db/queries/keys';

export const FREE_ATTEMPTS = 5;
const BASE_WAIT_S = 30;
const MAX_WAIT_S = 15 * 60;

/** Whose failures: an expert of a session, or a desk role (no session, a pseudo id). */
export interface Who {
  sessionId: string;
  expertId: string;
}

/** Monotonic time (ms) of the last failure seen by this process, per database and person. */
const lastFailure = new WeakMap<Db, Map<string, number>>();

function stamps(db: Db): Map<string, number> {
  let m = lastFailure.get(db);
  if (!m) lastFailure.set(db, (m = new Map()));
  return m;
}

const keyOf = (w: Who) => `${w.sessionId}\u0000${w.expertId}`;

export function waitSeconds(failures: number): number {
  return failures < FREE_ATTEMPTS ? 0 : Math.min(MAX_WAIT_S, BASE_WAIT_S * 2 ** (failures - FREE_ATTEMPTS));
}

/** Throws AUTH_RATE_LIMITED while the person must wait; `details` name them in the message. */
export function assertNotRateLimited(db: Db, who: Who, details: Record<string, unknown>): void {
  const failed = getAuthFailures(db, who.sessionId, who.expertId);
  if (!failed) return;
  const wait = waitSeconds(failed.failures);
  if (wait === 0) return;
  const m = stamps(db);
  const now = performance.now();
  let since = m.get(keyOf(who));
  // Stored failures from before a restart: the wait counts from now, never from a wall-clock time.
  if (since === undefined) m.set(keyOf(who), (since = now));
  const left = Math.ceil((since + wait * 1000 - now) / 1000);
  if (left > 0) throw new AppError('AUTH_RATE_LIMITED', `wait ${left} s`, { retryAfterSeconds: left, ...details });
}

/** Counts one more failure; returns the total. Call inside the transaction that audits it. */
export function recordFailure(db: Db, who: Who): number {
  stamps(db).set(keyOf(who), performance.now());
  return recordAuthFailure(db, who.sessionId, who.expertId, new Date().toISOString());
}

export function clearFailures(db: Db, who: Who): void {
  stamps(db).delete(keyOf(who));
  clearAuthFailures(db, who.sessionId, who.expertId);
}

export function attemptsLeft(failures: number): number {
  return Math.max(0, FREE_ATTEMPTS - failures);
}
