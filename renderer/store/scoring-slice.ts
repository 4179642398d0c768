// Who is at the keyboard (principal, identities), the expert's own dossiers and score sheet with autosave,
// and the progress screen of the secretary and the chair. Never lose work: every field saves as it is entered.
import type { StateCreator } from 'zustand';
import type { AppErrorShape } from '../../shared/errors';
import type {
  AssignmentRow,
  DossierRow,
  IdentityRow,
  Principal,
  Recommendation,
  ScoreSheetView,
  ScoringProgress,
  SheetStatus,
  SubmitReceipt,
  SheetStatusRow,
} from '../../shared/types';
import { parsePoints } from '../../shared/domain/scoring';
import { call, errorShape } from '../api/client';
import { initialDrafts, localFieldProblem, scoreText, type FieldSave } from '../features/scoring/sheet-model';
import type { State } from './index';

/** Until the backend says otherwise, nobody is signed in: the desk starts locked. */
export const LOCKED: Principal = {
  role: 'locked',
  sessionId: null,
  expertId: null,
  expertName: null,
  fingerprint: null,
  deskProtected: true,
  examinerEnabled: false,
  idleLockMinutes: 10,
  enrolment: null,
};
export const OPINION_DEBOUNCE_MS = 500;
/** Field keys besides item ids. */
export const OPINION = 'opinion';
export const RECOMMENDATION = 'recommendation';

export type MyFilter = 'all' | SheetStatus;
/** Why a submit did not happen: a coded error, or fields still in error here. */
export type SubmitProblem = AppErrorShape | 'unsaved';

export interface ScoringSlice {
  principal: Principal;
  identities: IdentityRow[];
  identitiesError: AppErrorShape | null;
  myDossiers: AssignmentRow[];
  myFilter: MyFilter;
  myLoading: boolean;
  myError: AppErrorShape | null;
  sheet: ScoreSheetView | null;
  sheetLoading: boolean;
  sheetError: AppErrorShape | null;
  /** What is typed in each item's field (and the picked band's score), kept until saved or corrected. */
  drafts: Record<string, string>;
  fieldSave: Record<string, FieldSave>;
  receipt: SubmitReceipt | null;
  progress: ScoringProgress | null;
  progressError: AppErrorShape | null;
  unlockDossiers: DossierRow[];
  sheetStatuses: SheetStatusRow[] | null;

  resetScoring(): void;
  loadPrincipal(): Promise<void>;
  applyPrincipal(p: Principal): void;
  loadIdentities(): Promise<void>;
  enrollExpert(expertId: string, passphrase: string): Promise<{ row: IdentityRow } | { error: AppErrorShape }>;
  signIn(expertId: string, passphrase: string, as: 'expert' | 'chair'): Promise<AppErrorShape | null>;
  /** The secretary takes the desk back (always with the secretary's passphrase). */
  signInSecretary(passphrase: string): Promise<AppErrorShape | null>;
  lockDesk(): Promise<void>;
  signInExaminer(passphrase: string): Promise<AppErrorShape | null>;
  confirmExpertKey(expertId: string, keyid: string): Promise<AppErrorShape | null>;

  loadMyDossiers(): Promise<void>;
  setMyFilter(f: MyFilter): void;
  openSheet(dossierId: string): Promise<boolean>;
  setDraft(itemId: string, text: string): void;
  commitScore(itemId: string): Promise<boolean>;
  pickBand(itemId: string, score: number): Promise<boolean>;
  setOpinion(text: string): void;
  setRecommendation(r: Recommendation | null): Promise<void>;
  /** Saves whatever is typed but not yet saved; false when a field stays in error. */
  flushPending(): Promise<boolean>;
  submitSheet(passphrase: string): Promise<SubmitProblem | null>;

  loadProgress(): Promise<void>;
  loadUnlockDossiers(): Promise<void>;
  loadSheetStatus(dossierId: string): Promise<void>;
  unlockSheet(dossierId: string, expertId: string, reason: string): Promise<AppErrorShape | null>;
}

const PERSONAL = {
  myDossiers: [] as AssignmentRow[],
  myFilter: 'all' as MyFilter,
  myError: null,
  sheet: null,
  sheetError: null,
  drafts: {},
  fieldSave: {},
  receipt: null,
  progress: null,
  progressError: null,
  unlockDossiers: [] as DossierRow[],
  sheetStatuses: null,
};

export const createScoringSlice: StateCreator<State, [], [], ScoringSlice> = (set, get) => {
  // Per store: the opinion's debounce, the saves in flight (awaited before submit or leaving the sheet),
  // and a sequence per field so a slow early answer never overwrites a later one.
  let opinionTimer: ReturnType<typeof setTimeout> | null = null;
  const inflight = new Set<Promise<unknown>>();
  const seqs = new Map<string, number>();
  /** The save in flight per field, so Enter then the blur that follows it send one request, not two. */
  const pending = new Map<string, { value: number | null; promise: Promise<boolean> }>();
  let sheetSeq = 0;

  const track = <T>(p: Promise<T>): Promise<T> => {
    inflight.add(p);
    const done = () => void inflight.delete(p);
    p.then(done, done);
    return p;
  };
  const nextSeq = (key: string): number => {
    const n = (seqs.get(key) ?? 0) + 1;
    seqs.set(key, n);
    return n;
  };
  const setField = (key: string, v: FieldSave | null) => {
    const fieldSave = { ...get().fieldSave };
    if (v) fieldSave[key] = v;
    else delete fieldSave[key];
    set({ fieldSave });
  };
  const sameSheet = (dossierId: string) => get().sheet?.dossier.id === dossierId;
  const patchRow = (dossierId: string, patch: Partial<AssignmentRow>) =>
    set({ myDossiers: get().myDossiers.map((r) => (r.dossierId === dossierId ? { ...r, ...patch } : r)) });

  const saveScore = (itemId: string, value: number | null): Promise<boolean> => {
    const dossierId = get().sheet?.dossier.id ?? '';
    const key = `${dossierId}/${itemId}`;
    const same = pending.get(key);
    if (same && same.value === value) return same.promise;
    const entry = { value, promise: sendScore(itemId, value) };
    pending.set(key, entry);
    void entry.promise.finally(() => {
      if (pending.get(key) === entry) pending.delete(key);
    });
    return entry.promise;
  };

  const sendScore = async (itemId: string, value: number | null): Promise<boolean> => {
    const view = get().sheet;
    const sessionId = get().sessionId;
    if (!view || !sessionId) return false;
    const dossierId = view.dossier.id;
    const key = `${dossierId}/${itemId}`;
    const seq = nextSeq(key);
    setField(itemId, { state: 'saving' });
    try {
      const ack = await track(call('saveScore', { sessionId, dossierId, itemId, value }));
      patchRow(dossierId, { status: 'draft', myTotal: ack.total });
      if (seqs.get(key) !== seq || !sameSheet(dossierId)) return true;
      const cur = get().sheet as ScoreSheetView;
      const scores = { ...cur.sheet.scores };
      if (value === null) delete scores[itemId];
      else scores[itemId] = value;
      set({ sheet: { ...cur, sheet: { ...cur.sheet, scores, total: ack.total, complete: ack.complete, updatedAt: ack.savedAt } } });
      setField(itemId, { state: 'saved', at: ack.savedAt });
      return true;
    } catch (err) {
      // The typed text stays in its field with the error beside it: nothing is silently dropped.
      if (seqs.get(key) === seq && sameSheet(dossierId)) setField(itemId, { state: 'error', error: errorShape(err) });
      return false;
    }
  };

  const saveOpinionNow = async (patch: { opinion?: string; recommendation?: Recommendation | null }, key: string): Promise<boolean> => {
    const view = get().sheet;
    const sessionId = get().sessionId;
    if (!view || !sessionId) return false;
    const dossierId = view.dossier.id;
    const seqKey = `${dossierId}/${key}`;
    const seq = nextSeq(seqKey);
    setField(key, { state: 'saving' });
    try {
      const ack = await track(call('saveOpinion', { sessionId, dossierId, ...patch }));
      patchRow(dossierId, { status: 'draft' });
      if (seqs.get(seqKey) === seq && sameSheet(dossierId)) setField(key, { state: 'saved', at: ack.savedAt });
      return true;
    } catch (err) {
      if (seqs.get(seqKey) === seq && sameSheet(dossierId)) setField(key, { state: 'error', error: errorShape(err) });
      return false;
    }
  };

  const flushOpinion = async (): Promise<boolean> => {
    if (!opinionTimer) return true;
    clearTimeout(opinionTimer);
    opinionTimer = null;
    const view = get().sheet;
    return view ? saveOpinionNow({ opinion: view.sheet.opinion }, OPINION) : true;
  };

  return {
    principal: LOCKED,
    identities: [],
    identitiesError: null,
    myLoading: false,
    sheetLoading: false,
    ...PERSONAL,

    resetScoring() {
      if (opinionTimer) clearTimeout(opinionTimer);
      opinionTimer = null;
      set({ ...PERSONAL, identities: [], identitiesError: null });
    },
    async loadPrincipal() {
      try {
        get().applyPrincipal(await call('getPrincipal', {}));
      } catch {
        // Without an answer the app stays locked.
      }
    },
    applyPrincipal(p) {
      const prev = get().principal;
      set(p.role === 'locked' ? { principal: p } : { principal: p, idleLocked: false });
      if (prev.role === p.role && prev.expertId === p.expertId) return;
      // Another person: nothing of the previous person's sheets stays on screen.
      if (opinionTimer) clearTimeout(opinionTimer);
      opinionTimer = null;
      set({ ...PERSONAL });
      get().principalChanged(p);
    },
    async loadIdentities() {
      const sessionId = get().sessionId;
      if (!sessionId) return;
      try {
        set({ identities: await call('listIdentities', { sessionId }), identitiesError: null });
      } catch (err) {
        set({ identitiesError: errorShape(err) });
      }
    },
    async enrollExpert(expertId, passphrase) {
      const sessionId = get().sessionId;
      if (!sessionId) return { error: { code: 'SESSION_NOT_FOUND', message: 'no session' } };
      try {
        const row = await call('enrollExpert', { sessionId, expertId, passphrase });
        set({ identities: get().identities.map((r) => (r.expertId === expertId ? row : r)) });
        return { row };
      } catch (err) {
        return { error: errorShape(err) };
      }
    },
    async signIn(expertId, passphrase, as) {
      const sessionId = get().sessionId;
      if (!sessionId) return { code: 'SESSION_NOT_FOUND', message: 'no session' };
      try {
        get().applyPrincipal(await call('signIn', { sessionId, expertId, passphrase, as }));
        return null;
      } catch (err) {
        return errorShape(err);
      }
    },
    async signInExaminer(passphrase) {
      await get().flushPending();
      try {
        get().applyPrincipal(await call('signInExaminer', { passphrase }));
        return null;
      } catch (err) {
        return errorShape(err);
      }
    },
    async lockDesk() {
      await get().flushPending();
      get().applyPrincipal(await call('lockDesk', {}));
    },
    async signInSecretary(passphrase) {
      // Whatever is typed is saved under the leaving expert before the desk changes hands.
      await get().flushPending();
      try {
        get().applyPrincipal(await call('signInSecretary', { passphrase }));
        return null;
      } catch (err) {
        return errorShape(err);
      }
    },
    async confirmExpertKey(expertId, keyid) {
      const sessionId = get().sessionId;
      if (!sessionId) return { code: 'SESSION_NOT_FOUND', message: 'no session' };
      try {
        const row = await call('confirmExpertKey', { sessionId, expertId, keyid });
        set({ identities: get().identities.map((r) => (r.expertId === expertId ? row : r)) });
        return null;
      } catch (err) {
        return errorShape(err);
      }
    },

    async loadMyDossiers() {
      const sessionId = get().sessionId;
      if (!sessionId) return;
      set({ myLoading: true, myError: null });
      try {
        set({ myDossiers: await call('listMyDossiers', { sessionId }) });
      } catch (err) {
        set({ myError: errorShape(err) });
      } finally {
        set({ myLoading: false });
      }
    },
    setMyFilter(myFilter) {
      set({ myFilter });
    },
    async openSheet(dossierId) {
      const sessionId = get().sessionId;
      if (!sessionId) return false;
      const seq = ++sheetSeq;
      set({ sheetLoading: true, sheetError: null });
      // An opinion still waiting for its pause is saved under the sheet it was typed on.
      await flushOpinion();
      try {
        const view = await call('getScoreSheet', { sessionId, dossierId });
        if (seq !== sheetSeq) return false;
        set({ sheet: view, drafts: initialDrafts(view.standard.items, view.sheet.scores), fieldSave: {}, receipt: null });
        return true;
      } catch (err) {
        if (seq === sheetSeq) set({ sheetError: errorShape(err) });
        return false;
      } finally {
        if (seq === sheetSeq) set({ sheetLoading: false });
      }
    },
    setDraft(itemId, text) {
      set({ drafts: { ...get().drafts, [itemId]: text } });
      // Typing again clears the field's error until it is committed again (the text itself is never dropped).
      const st = get().fieldSave[itemId]?.state;
      if (st === 'invalid' || st === 'error') setField(itemId, null);
    },
    async commitScore(itemId) {
      const view = get().sheet;
      if (!view || view.sheet.status === 'submitted') return true;
      const item = view.standard.items.find((i) => i.id === itemId);
      if (!item) return false;
      const text = (get().drafts[itemId] ?? '').trim();
      const saved = view.sheet.scores[itemId];
      const field = get().fieldSave[itemId];
      if (text === '') {
        if (saved === undefined) {
          if (field?.state === 'error' || field?.state === 'invalid') setField(itemId, null);
          return true;
        }
        return saveScore(itemId, null);
      }
      const problem = localFieldProblem(item, text);
      if (problem) {
        setField(itemId, problem);
        return false;
      }
      const value = parsePoints(text) as number;
      // Unchanged and not refused before: nothing to save.
      if (value === saved && field?.state !== 'error') return true;
      return saveScore(itemId, value);
    },
    async pickBand(itemId, score) {
      const view = get().sheet;
      if (!view || view.sheet.status === 'submitted') return false;
      set({ drafts: { ...get().drafts, [itemId]: scoreText(score) } });
      if (view.sheet.scores[itemId] === score && get().fieldSave[itemId]?.state !== 'error') return true;
      return saveScore(itemId, score);
    },
    setOpinion(opinion) {
      const view = get().sheet;
      if (!view || view.sheet.status === 'submitted') return;
      set({ sheet: { ...view, sheet: { ...view.sheet, opinion } } });
      if (opinionTimer) clearTimeout(opinionTimer);
      opinionTimer = setTimeout(() => {
        opinionTimer = null;
        void saveOpinionNow({ opinion }, OPINION);
      }, OPINION_DEBOUNCE_MS);
    },
    async setRecommendation(recommendation) {
      const view = get().sheet;
      if (!view || view.sheet.status === 'submitted') return;
      set({ sheet: { ...view, sheet: { ...view.sheet, recommendation } } });
      await saveOpinionNow({ recommendation }, RECOMMENDATION);
    },
    async flushPending() {
      const view = get().sheet;
      if (!view || view.sheet.status === 'submitted') return true;
      await flushOpinion();
      await Promise.all(view.standard.items.map((it) => get().commitScore(it.id)));
      await Promise.all([...inflight]);
      return !Object.values(get().fieldSave).some((f) => f.state === 'error' || f.state === 'invalid');
    },
    async submitSheet(passphrase) {
      const sessionId = get().sessionId;
      const view = get().sheet;
      if (!sessionId || !view) return { code: 'DOSSIER_NOT_FOUND', message: 'no sheet' };
      if (!(await get().flushPending())) return 'unsaved';
      const dossierId = view.dossier.id;
      try {
        const receipt = await call('submitSheet', { sessionId, dossierId, passphrase });
        patchRow(dossierId, { status: 'submitted' });
        const cur = get().sheet;
        if (cur && cur.dossier.id === dossierId) {
          set({
            receipt,
            sheet: {
              ...cur,
              sheet: { ...cur.sheet, status: 'submitted', version: receipt.version, submittedAt: receipt.submittedAt, keyid: receipt.keyid },
            },
          });
        }
        return null;
      } catch (err) {
        return errorShape(err);
      }
    },

    async loadProgress() {
      const sessionId = get().sessionId;
      if (!sessionId) return;
      try {
        set({ progress: await call('getScoringProgress', { sessionId }), progressError: null });
      } catch (err) {
        set({ progressError: errorShape(err) });
      }
    },
    async loadUnlockDossiers() {
      const sessionId = get().sessionId;
      if (!sessionId) return;
      try {
        set({ unlockDossiers: (await call('listDossiers', { sessionId })).rows });
      } catch (err) {
        set({ progressError: errorShape(err) });
      }
    },
    async loadSheetStatus(dossierId) {
      const sessionId = get().sessionId;
      if (!sessionId) return;
      set({ sheetStatuses: null });
      try {
        set({ sheetStatuses: await call('listSheetStatus', { sessionId, dossierId }) });
      } catch (err) {
        set({ progressError: errorShape(err) });
      }
    },
    async unlockSheet(dossierId, expertId, reason) {
      const sessionId = get().sessionId;
      if (!sessionId) return { code: 'SESSION_NOT_FOUND', message: 'no session' };
      try {
        const row = await call('unlockSheet', { sessionId, dossierId, expertId, reason });
        set({ sheetStatuses: (get().sheetStatuses ?? []).map((r) => (r.expertId === expertId ? row : r)) });
        void get().loadProgress();
        return null;
      } catch (err) {
        return errorShape(err);
      }
    },
  };
};
