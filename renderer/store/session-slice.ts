import type { StateCreator } from 'zustand';
import type { AppErrorShape } from '../../shared/errors';
import type { SessionOverview, SessionSummary } from '../../shared/types';
import { call, errorShape } from '../api/client';
import type { State } from './index';

export type View = 'start' | 'overview' | 'setup' | 'dossiers';

export interface SessionSlice {
  booted: boolean;
  fatal: AppErrorShape | null;
  view: View;
  sessions: SessionSummary[];
  sessionId: string | null;
  overview: SessionOverview | null;
  sessionError: AppErrorShape | null;
  busy: boolean;
  boot(): Promise<void>;
  setView(view: View): void;
  loadSessions(): Promise<void>;
  openSession(sessionId: string): Promise<void>;
  openDemo(): Promise<void>;
}

export const createSessionSlice: StateCreator<State, [], [], SessionSlice> = (set, get) => ({
  booted: false,
  fatal: null,
  view: 'start',
  sessions: [],
  sessionId: null,
  overview: null,
  sessionError: null,
  busy: false,

  async boot() {
    try {
      await get().loadPrefs();
      await get().loadSessions();
      const last = (await call('getPrefs', {})).lastSessionId;
      if (last && get().sessions.some((s) => s.id === last)) await get().openSession(last);
    } catch (err) {
      set({ fatal: errorShape(err) });
    } finally {
      set({ booted: true });
    }
  },
  setView(view) {
    set({ view });
  },
  async loadSessions() {
    set({ sessions: await call('listSessions', {}) });
  },
  async openSession(sessionId) {
    set({ busy: true, sessionError: null });
    try {
      const overview = await call('getOverview', { sessionId });
      set({ sessionId, overview, view: 'overview' });
      get().resetDossiers();
      await call('setPrefs', { lastSessionId: sessionId });
    } catch (err) {
      set({ sessionError: errorShape(err) });
    } finally {
      set({ busy: false });
    }
  },
  async openDemo() {
    set({ busy: true, sessionError: null });
    try {
      const { sessionId } = await call('openDemo', {});
      await get().loadSessions();
      await get().openSession(sessionId);
    } catch (err) {
      set({ sessionError: errorShape(err) });
    } finally {
      set({ busy: false });
    }
  },
});
