import type { StateCreator } from 'zustand';
import type { ConflictDecision } from '../../shared/contract';
import type { StandardDoc } from '../../shared/bundle/schema';
import type { AppErrorShape } from '../../shared/errors';
import type { AttendanceSummary, ConflictsView, ExpertRow, GroupView } from '../../shared/types';
import { call, errorShape } from '../api/client';
import type { State } from './index';

export interface SetupSlice {
  experts: ExpertRow[];
  groups: GroupView[];
  attendance: AttendanceSummary | null;
  conflicts: ConflictsView | null;
  standards: StandardDoc[];
  setupError: AppErrorShape | null;
  loadSetup(): Promise<void>;
  markAttendance(expertId: string, present: boolean): Promise<void>;
  decideConflict(d: Omit<ConflictDecision, 'sessionId'>): Promise<boolean>;
  declareConflict(d: { expertId: string; dossierId: string; reason: string }): Promise<boolean>;
}

export const createSetupSlice: StateCreator<State, [], [], SetupSlice> = (set, get) => {
  const guard = async (fn: (sessionId: string) => Promise<void>): Promise<boolean> => {
    const sessionId = get().sessionId;
    if (!sessionId) return false;
    set({ setupError: null });
    try {
      await fn(sessionId);
      return true;
    } catch (err) {
      set({ setupError: errorShape(err) });
      return false;
    }
  };
  return {
    experts: [],
    groups: [],
    attendance: null,
    conflicts: null,
    standards: [],
    setupError: null,
    async loadSetup() {
      await guard(async (sessionId) => {
        const [experts, groups, attendance, conflicts, standards] = await Promise.all([
          call('listExperts', { sessionId }),
          call('listGroups', { sessionId }),
          call('getAttendance', { sessionId }),
          call('listConflicts', { sessionId }),
          call('listStandards', { sessionId }),
        ]);
        set({ experts, groups, attendance, conflicts, standards });
      });
    },
    async markAttendance(expertId, present) {
      await guard(async (sessionId) => {
        const attendance = await call('setAttendance', { sessionId, expertId, present });
        set({ attendance, experts: get().experts.map((e) => (e.id === expertId ? { ...e, present } : e)) });
      });
    },
    decideConflict(d) {
      return guard(async (sessionId) => {
        set({ conflicts: await call('decideConflict', { sessionId, ...d }) });
      });
    },
    declareConflict(d) {
      return guard(async (sessionId) => {
        set({ conflicts: await call('declareConflict', { sessionId, ...d }) });
      });
    },
  };
};
