import type { StateCreator } from 'zustand';
import type { Level } from '../../shared/bundle/schema';
import type { AppErrorShape } from '../../shared/errors';
import { filterDossierRows, type DossierFilter } from '../../shared/dossier-filter';
import type { DossierDetail, DossierRow, FilterOptions } from '../../shared/types';
import { call, errorShape } from '../api/client';
import type { State } from './index';

export interface DossierFilters {
  search: string;
  groupId: string | null;
  level: Level | null;
  specialty: string | null;
  greenChannel: boolean | null;
}

export const EMPTY_FILTERS: DossierFilters = { search: '', groupId: null, level: null, specialty: null, greenChannel: null };

/** The store's filters as listDossiers' query (null means "any"). */
export function toDossierFilter(f: DossierFilters): DossierFilter {
  return {
    ...(f.search.trim() ? { search: f.search.trim() } : {}),
    ...(f.groupId ? { groupId: f.groupId } : {}),
    ...(f.level ? { level: f.level } : {}),
    ...(f.specialty ? { specialty: f.specialty } : {}),
    ...(f.greenChannel !== null ? { greenChannel: f.greenChannel } : {}),
  };
}

export interface DossierSlice {
  filters: DossierFilters;
  filterOptions: FilterOptions | null;
  /** Every dossier the backend lets this person see (its scope-filtered answer), by packet number. */
  allRows: DossierRow[];
  /** allRows narrowed by the filters, locally: a keystroke costs no round trip. */
  rows: DossierRow[];
  listLoading: boolean;
  listError: AppErrorShape | null;
  detail: DossierDetail | null;
  detailError: AppErrorShape | null;
  resetDossiers(): void;
  setFilters(patch: Partial<DossierFilters>): void;
  loadDossiers(): Promise<void>;
  openDossier(dossierId: string): Promise<void>;
  closeDossier(): void;
}

let listSeq = 0;

/** True when the fresh answer holds the same rows, field by field: the list then keeps its array and does not re-render. */
export function sameRows(held: DossierRow[], fresh: DossierRow[]): boolean {
  if (held.length !== fresh.length) return false;
  for (let i = 0; i < fresh.length; i++) {
    const a = held[i] as DossierRow;
    const b = fresh[i] as DossierRow;
    const keys = Object.keys(b) as Array<keyof DossierRow>;
    if (Object.keys(a).length !== keys.length || keys.some((k) => a[k] !== b[k])) return false;
  }
  return true;
}

export const createDossierSlice: StateCreator<State, [], [], DossierSlice> = (set, get) => ({
  filters: EMPTY_FILTERS,
  filterOptions: null,
  allRows: [],
  rows: [],
  listLoading: false,
  listError: null,
  detail: null,
  detailError: null,

  resetDossiers() {
    set({ filters: EMPTY_FILTERS, filterOptions: null, allRows: [], rows: [], detail: null, detailError: null, listError: null });
  },
  setFilters(patch) {
    const filters = { ...get().filters, ...patch };
    set({ filters, rows: filterDossierRows(get().allRows, toDossierFilter(filters)) });
  },
  async loadDossiers() {
    const sessionId = get().sessionId;
    if (!sessionId) return;
    const seq = ++listSeq;
    set({ listLoading: true, listError: null });
    try {
      const [options, list] = await Promise.all([
        get().filterOptions ? Promise.resolve(get().filterOptions as FilterOptions) : call('getFilterOptions', { sessionId }),
        // The whole list the backend allows; the filters apply locally (the filters in force when it answers).
        call('listDossiers', { sessionId }),
      ]);
      // A slower earlier answer must not overwrite a newer one.
      if (seq !== listSeq) return;
      if (sameRows(get().allRows, list.rows)) set({ filterOptions: options });
      else set({ filterOptions: options, allRows: list.rows, rows: filterDossierRows(list.rows, toDossierFilter(get().filters)) });
    } catch (err) {
      if (seq === listSeq) set({ listError: errorShape(err) });
    } finally {
      if (seq === listSeq) set({ listLoading: false });
    }
  },
  async openDossier(dossierId) {
    const sessionId = get().sessionId;
    if (!sessionId) return;
    set({ detailError: null });
    try {
      set({ detail: await call('getDossier', { sessionId, dossierId }) });
    } catch (err) {
      set({ detailError: errorShape(err), detail: null });
    }
  },
  closeDossier() {
    set({ detail: null, detailError: null });
  },
});
