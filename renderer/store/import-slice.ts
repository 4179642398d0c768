import type { StateCreator } from 'zustand';
import type { AppEvent } from '../../shared/contract';
import type { AppErrorShape } from '../../shared/errors';
import type { ImportReport } from '../../shared/types';
import { call, errorShape, shell } from '../api/client';
import type { State } from './index';

export interface ImportProgressView {
  phase: string;
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
  startedAt: number;
}

/** What opens an age-encrypted bundle (docs/bundle-format.md §7). */
export interface ImportKey {
  passphrase?: string;
  identity?: string;
}

export interface ImportSlice {
  importJobId: string | null;
  /** The bundle being (or last) imported: what a retry with a passphrase restarts. */
  importPath: string | null;
  importProgress: ImportProgressView | null;
  importResult: ImportReport | null;
  importError: AppErrorShape | null;
  /** `applyUpdate` applies a newer session version exactly as previewed. */
  startImport(path: string, applyUpdate?: { bundleHash: string; acceptTrustChange?: true }): Promise<void>;
  /** Restarts the last import with the passphrase or identity the secretary entered. */
  retryImportWithKey(key: ImportKey): Promise<void>;
  cancelImport(): Promise<void>;
  clearImport(): void;
  handleEvent(e: AppEvent): void;
}

// A job can finish before the call that started it returns (events and replies travel separately):
// terminal events of jobs not yet known are kept until startImport learns the id.
const early = new Map<string, AppEvent>();
const EARLY_LIMIT = 20;

// The key of an encrypted bundle stays in memory only, for later runs on the same file (e.g. applying
// a previewed update); it is dropped when it fails, for another file, and on clearImport.
let bundleKey: { path: string; key: ImportKey } | null = null;
const keyFor = (path: string): ImportKey => (bundleKey?.path === path ? bundleKey.key : {});

export const createImportSlice: StateCreator<State, [], [], ImportSlice> = (set, get) => ({
  importJobId: null,
  importPath: null,
  importProgress: null,
  importResult: null,
  importError: null,

  async startImport(path, applyUpdate) {
    if (bundleKey && bundleKey.path !== path) bundleKey = null;
    set({ importPath: path, importError: null, importResult: null, importProgress: { phase: 'checking', bytesDone: 0, bytesTotal: 0, filesDone: 0, filesTotal: 0, startedAt: Date.now() } });
    try {
      const { jobId } = await call('startImport', { path, ...keyFor(path), ...(applyUpdate ? { applyUpdate } : {}) });
      set({ importJobId: jobId });
      const done = early.get(jobId);
      early.delete(jobId);
      if (done) get().handleEvent(done);
    } catch (err) {
      set({ importError: errorShape(err), importProgress: null });
    }
  },
  async retryImportWithKey(key) {
    const path = get().importPath;
    if (!path) return;
    bundleKey = { path, key };
    await get().startImport(path);
  },
  async cancelImport() {
    const jobId = get().importJobId;
    if (!jobId) return;
    try {
      await call('cancelJob', { jobId });
    } catch {
      // Already finished: the done/failed event tells the outcome.
    }
  },
  clearImport() {
    bundleKey = null;
    set({ importJobId: null, importPath: null, importProgress: null, importResult: null, importError: null });
  },
  handleEvent(e) {
    if (e.type === 'menu') {
      // 文件 → 打开评审包…: the same flow as the Start screen's button, with its progress and report.
      get().setView('start');
      void shell()
        .pickBundle()
        .then((path) => (path ? get().startImport(path) : undefined));
      return;
    }
    if (e.kind !== 'import') return;
    if (e.jobId !== get().importJobId) {
      if (e.type !== 'job.progress') {
        early.set(e.jobId, e);
        if (early.size > EARLY_LIMIT) early.delete(early.keys().next().value as string);
      }
      return;
    }
    if (e.type === 'job.progress') {
      const startedAt = get().importProgress?.startedAt ?? Date.now();
      set({ importProgress: { phase: e.phase, bytesDone: e.bytesDone, bytesTotal: e.bytesTotal, filesDone: e.filesDone, filesTotal: e.filesTotal, startedAt } });
    } else if (e.type === 'job.done') {
      set({ importJobId: null, importProgress: null, importResult: e.result });
      void get().loadSessions();
    } else {
      if (e.error.code === 'BUNDLE_DECRYPT_FAILED' || e.error.code === 'BUNDLE_ENCRYPTED_NEEDS_KEY') bundleKey = null;
      set({ importJobId: null, importProgress: null, importError: e.error });
    }
  },
});
