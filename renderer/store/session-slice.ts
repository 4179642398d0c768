import type { StateCreator } from 'zustand';
import type { AppErrorShape } from '../../shared/errors';
import type { Principal, Role, SessionOverview, SessionSummary } from '../../shared/types';
import { call, errorShape } from '../api/client';
import type { State } from './index';

export type View = 'start' | 'overview' | 'setup' | 'dossiers' | 'myDossiers' | 'sheet' | 'progress' | 'audit' | 'meeting' | 'examiner';

/** Where each role starts (One role, one home): the expert at their dossiers, the chair at the progress, the secretary at the overview. */
export function homeView(role: Role, hasSession: boolean): View {
  if (!hasSession) return 'start';
  if (role === 'expert') return 'myDossiers';
  if (role === 'chair') return 'progress';
  return 'overview';
}

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
  /** The compliant demo, or the small rule-breach demo for training the warnings. */
  openDemo(variant?: 'breach'): Promise<void>;
  /** Another person took the keyboard: go to their home. */
  principalChanged(p: Principal): void;
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
      else await get().loadPrincipal();
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
      set({ sessionId, overview, view: homeView(get().principal.role, true) });
      get().resetDossiers();
      get().resetScoring();
      await get().loadPrincipal();
      await call('setPrefs', { lastSessionId: sessionId });
    } catch (err) {
      set({ sessionError: errorShape(err) });
    } finally {
      set({ busy: false });
    }
  },
  principalChanged(p) {
    // Another person (or nobody): the dossier list held for the previous one (its scope, search, options) goes.
    get().resetDossiers();
    set({ view: homeView(p.role, !!get().overview) });
  },
  async openDemo(variant) {
    set({ busy: true, sessionError: null });
    try {
      const { sessionId } = await call('openDemo', variant ? { variant } : {});
      await get().loadSessions();
      await get().openSession(sessionId);
    } catch (err) {
      set({ sessionError: errorShape(err) });
    } finally {
      set({ busy: false });
    }
  },
});
