// Who is at the keyboard, as one comparable string: capabilities and jobs are bound to it.
import type { Caller } from './host-types';

/** The role and, for an expert or the chair, which person in which session. Nothing else (no timestamps). */
export function principalKey(caller: Readonly<Caller>): string {
  return JSON.stringify([caller.role, caller.sessionId ?? null, caller.expertId ?? null]);
}
