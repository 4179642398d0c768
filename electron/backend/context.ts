// What every service function receives: the open database and the host's folders.
import type { Db } from './db/connection';
import type { Caller } from './host-types';

/** An enrolment ceremony the secretary opened for one expert (docs/architecture.md, threat model). */
export interface Enrolment {
  sessionId: string;
  expertId: string;
  /** Monotonic ms (performance.now()) when it was opened; it lapses after ENROLMENT_TTL_MS. */
  openedAt: number;
}

export interface Ctx {
  db: Db;
  dataDir: string;
  resourcesDir: string;
  /** Who is at the keyboard. Change it only through services/principal.ts `becomePrincipal`. */
  caller: Caller;
  /** Bumped at every change of principal: a slow call checks it again before it commits. */
  callerEpoch: number;
  /** Monotonic ms of the last user action; the desk locks after the idle timeout. */
  lastActivity: number;
  enrolment: Enrolment | null;
  scryptLogN: number;
  /** Demo only: derived expert key seeds (HostOptions.demoKeySeed). */
  demoKeySeed?: ((sessionId: string, expertId: string) => Uint8Array) | undefined;
  /** Called whenever the principal changes (e.g. to revoke attachment capabilities). */
  onPrincipalChange: Array<() => void>;
}
