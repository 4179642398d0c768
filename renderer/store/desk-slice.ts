// The desk's own actions: first-run set-up, the enrolment ceremony, revocation and the idle lock.
import type { StateCreator } from 'zustand';
import type { AppErrorShape } from '../../shared/errors';
import type { IdentityRow } from '../../shared/types';
import { call, errorShape } from '../api/client';
import type { State } from './index';

type Outcome<T> = { value: T } | { error: AppErrorShape };

export interface DeskSlice {
  /** Set when the backend locked the desk for idleness, so the lock screen can say why. */
  idleLocked: boolean;
  setUpDesk(passphrase: string): Promise<AppErrorShape | null>;
  openEnrolment(expertId: string): Promise<Outcome<IdentityRow>>;
  closeEnrolment(): Promise<void>;
  revokeKey(expertId: string, reason: string): Promise<AppErrorShape | null>;
  setIdleLock(minutes: number): Promise<AppErrorShape | null>;
  /** A user action happened: tells the backend, at most every KEEPALIVE_MS. */
  keepAlive(): Promise<void>;
  /** The renderer's own idle timer fired, or a call came back DESK_IDLE_LOCKED. */
  idleLock(): Promise<void>;
}

export const KEEPALIVE_MS = 30_000;

export const createDeskSlice: StateCreator<State, [], [], DeskSlice> = (set, get) => {
  let lastKeepAlive = 0;
  const sessionOf = (): string => get().sessionId ?? '';
  const replaceRow = (row: IdentityRow) => set({ identities: get().identities.map((r) => (r.expertId === row.expertId ? row : r)) });
  return {
    idleLocked: false,
    async setUpDesk(passphrase) {
      try {
        get().applyPrincipal(await call('setUpDesk', { passphrase }));
        return null;
      } catch (err) {
        return errorShape(err);
      }
    },
    async openEnrolment(expertId) {
      try {
        const row = await call('openEnrolment', { sessionId: sessionOf(), expertId });
        replaceRow(row);
        get().applyPrincipal(await call('getPrincipal', {}));
        return { value: row };
      } catch (err) {
        return { error: errorShape(err) };
      }
    },
    async closeEnrolment() {
      try {
        get().applyPrincipal(await call('closeEnrolment', {}));
      } finally {
        await get().loadIdentities();
      }
    },
    async revokeKey(expertId, reason) {
      try {
        replaceRow(await call('revokeExpertKey', { sessionId: sessionOf(), expertId, reason }));
        return null;
      } catch (err) {
        return errorShape(err);
      }
    },
    async setIdleLock(minutes) {
      try {
        get().applyPrincipal(await call('setIdleLock', { minutes }));
        return null;
      } catch (err) {
        return errorShape(err);
      }
    },
    async keepAlive() {
      const now = Date.now();
      if (get().principal.role === 'locked' || now - lastKeepAlive < KEEPALIVE_MS) return;
      lastKeepAlive = now;
      try {
        await call('keepAlive', {});
      } catch (err) {
        if (errorShape(err).code === 'DESK_IDLE_LOCKED') await get().idleLock();
      }
    },
    async idleLock() {
      if (get().principal.role === 'locked') return;
      await get().flushPending();
      try {
        get().applyPrincipal(await call('lockDesk', {}));
      } catch {
        await get().loadPrincipal();
      }
      set({ idleLocked: true });
    },
  };
};
