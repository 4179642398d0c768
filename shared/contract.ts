// The one contract between the renderer and the backend: names, input schemas, result types.
// The preload, the browser test host's shim, the renderer's client and the backend dispatcher all derive from it.
import { z } from 'zod';
import { Id, LEVELS, type StandardDoc } from './bundle/schema';
import type { AppErrorShape, Result } from './errors';
import type {
  AppInfo,
  AssignmentRow,
  AttendanceSummary,
  AuditReport,
  ExcelImportResult,
  MergePreview,
  IdentityRow,
  Principal,
  Recommendation,
  SaveAck,
  ScoreSheetView,
  ScoringProgress,
  SubmitReceipt,
  SubmittedSheetSummary,
  ConflictsView,
  DossierDetail,
  GroupView,
  DossierList,
  ExpertRow,
  FilterOptions,
  ImportReport,
  JobStarted,
  Prefs,
  Role,
  SessionOverview,
  SessionSummary,
} from './types';

const Empty = z.object({}).strict();
const SessionRef = z.object({ sessionId: Id }).strict();
const DossierRef = z.object({ sessionId: Id, dossierId: Id }).strict();
/** A new passphrase: long enough to resist guessing on a stolen laptop. */
const Passphrase = z.string().min(8).max(256);
/** A path chosen by the user through the shell's file dialog. */
const FilePath = z.string().min(1).max(4096);

interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  /** Phantom: the result type. */
  output: O;
  /** Roles allowed to call it. */
  roles: readonly Role[];
}

const ALL: readonly Role[] = ['secretary', 'chair', 'expert', 'examiner'];
/** Also while the desk is locked: what the lock screen and signing in need (no scores, no decisions). */
const ANYONE: readonly Role[] = [...ALL, 'locked'];
const STAFF: readonly Role[] = ['secretary', 'chair', 'examiner'];

function method<I extends z.ZodType, O>(input: I, roles: readonly Role[] = ALL): MethodSpec<I, O> {
  return { input, output: undefined as unknown as O, roles };
}

export const contract = {
  getAppInfo: method<typeof Empty, AppInfo>(Empty, ANYONE),
  getPrefs: method<typeof Empty, Prefs>(Empty, ANYONE),
  setPrefs: method<z.ZodType<Partial<Prefs>>, Prefs>(
    z
      .object({
        locale: z.enum(['zh-CN', 'en-US']).optional(),
        zoom: z.number().min(0.5).max(3).optional(),
        lastSessionId: Id.nullable().optional(),
      })
      .strict(),
    ANYONE,
  ),
  listSessions: method<typeof Empty, SessionSummary[]>(Empty, ANYONE),
  /** Imports the built-in demo session if absent; returns its id. */
  openDemo: method<typeof Empty, { sessionId: string }>(Empty, ['secretary']),
  getOverview: method<typeof SessionRef, SessionOverview>(SessionRef, ANYONE),
  getFilterOptions: method<typeof SessionRef, FilterOptions>(SessionRef),
  listDossiers: method<z.ZodType<DossierQuery>, DossierList>(
    z
      .object({
        sessionId: Id,
        search: z.string().max(100).optional(),
        groupId: Id.optional(),
        level: z.enum(LEVELS).optional(),
        specialty: z.string().max(100).optional(),
        greenChannel: z.boolean().optional(),
      })
      .strict(),
  ),
  getDossier: method<z.ZodType<{ sessionId: string; dossierId: string }>, DossierDetail>(
    z.object({ sessionId: Id, dossierId: Id }).strict(),
  ),
  listExperts: method<typeof SessionRef, ExpertRow[]>(SessionRef, STAFF),
  listGroups: method<typeof SessionRef, GroupView[]>(SessionRef, STAFF),
  listStandards: method<typeof SessionRef, StandardDoc[]>(SessionRef),
  getAttendance: method<typeof SessionRef, AttendanceSummary>(SessionRef, STAFF),
  setAttendance: method<z.ZodType<{ sessionId: string; expertId: string; present: boolean }>, AttendanceSummary>(
    z.object({ sessionId: Id, expertId: Id, present: z.boolean() }).strict(),
    ['secretary'],
  ),
  /** Conflicts of interest and the suggestions to decide; never shown to experts. */
  listConflicts: method<typeof SessionRef, ConflictsView>(SessionRef, STAFF),
  decideConflict: method<z.ZodType<ConflictDecision>, ConflictsView>(
    z
      .object({
        sessionId: Id,
        expertId: Id,
        dossierId: Id,
        decision: z.enum(['confirm', 'dismiss']),
        reason: z.string().trim().min(1).max(500),
      })
      .strict(),
    ['secretary'],
  ),
  declareConflict: method<z.ZodType<{ sessionId: string; expertId: string; dossierId: string; reason: string }>, ConflictsView>(
    z.object({ sessionId: Id, expertId: Id, dossierId: Id, reason: z.string().trim().min(1).max(500) }).strict(),
    ['secretary'],
  ),
  // ---- identities and roles (scoring) ----
  getPrincipal: method<typeof Empty, Principal>(Empty, ANYONE),
  listIdentities: method<typeof SessionRef, IdentityRow[]>(SessionRef, ANYONE),
  /** Creates the expert's key pair on this laptop, the private key sealed under the passphrase. */
  enrollExpert: method<z.ZodType<{ sessionId: string; expertId: string; passphrase: string }>, IdentityRow>(
    z.object({ sessionId: Id, expertId: Id, passphrase: Passphrase }).strict(),
    ANYONE,
  ),
  /** Switches the active person: an expert (or the chair, as chair) after their passphrase. */
  signIn: method<z.ZodType<{ sessionId: string; expertId: string; passphrase: string; as: 'expert' | 'chair' }>, Principal>(
    z.object({ sessionId: Id, expertId: Id, passphrase: z.string().min(1).max(256), as: z.enum(['expert', 'chair']) }).strict(),
    ANYONE,
  ),
  /** Back to the secretary's desk; asks the secretary's passphrase once one is set. */
  signOut: method<z.ZodType<{ passphrase?: string | undefined }>, Principal>(z.object({ passphrase: z.string().min(1).max(256).optional() }).strict(), ANYONE),
  /** Locks the desk (only when a secretary passphrase is set; otherwise back to the secretary). */
  lockDesk: method<typeof Empty, Principal>(Empty, ANYONE),
  /** Sets or changes the secretary's passphrase (the current one is asked when changing). */
  setSecretaryPassphrase: method<z.ZodType<{ current?: string | undefined; passphrase: string }>, Principal>(
    z.object({ current: z.string().min(1).max(256).optional(), passphrase: Passphrase }).strict(),
    ['secretary'],
  ),
  /** The secretary records that the expert confirmed this key fingerprint at the meeting. */
  confirmExpertKey: method<z.ZodType<{ sessionId: string; expertId: string; keyid: string }>, IdentityRow>(
    z.object({ sessionId: Id, expertId: Id, keyid: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
    ['secretary'],
  ),
  /** The secretary sets the examiners' passphrase; examiners sign in with it (read-only role). */
  setExaminerPassphrase: method<z.ZodType<{ passphrase: string }>, Principal>(z.object({ passphrase: Passphrase }).strict(), ['secretary']),
  signInExaminer: method<z.ZodType<{ passphrase: string }>, Principal>(z.object({ passphrase: z.string().min(1).max(256) }).strict(), ANYONE),
  /** Recomputes the audit log's hash chain and lists the session's latest entries. */
  verifyAuditLog: method<typeof SessionRef, AuditReport>(SessionRef, STAFF),
  // ---- scoring (an expert's own sheets only) ----
  listMyDossiers: method<typeof SessionRef, AssignmentRow[]>(SessionRef, ['expert', 'chair']),
  getScoreSheet: method<typeof DossierRef, ScoreSheetView>(DossierRef, ['expert', 'chair']),
  saveScore: method<z.ZodType<{ sessionId: string; dossierId: string; itemId: string; value: number | null }>, SaveAck>(
    z.object({ sessionId: Id, dossierId: Id, itemId: Id, value: z.number().int().min(0).max(100_000).nullable() }).strict(),
    ['expert', 'chair'],
  ),
  saveOpinion: method<z.ZodType<{ sessionId: string; dossierId: string; opinion?: string; recommendation?: Recommendation | null }>, SaveAck>(
    z
      .object({
        sessionId: Id,
        dossierId: Id,
        opinion: z.string().max(5000).optional(),
        recommendation: z.enum(['agree', 'disagree', 'abstain']).nullable().optional(),
      })
      .strict(),
    ['expert', 'chair'],
  ),
  /** Signs (DSSE over RFC 8785 JSON) and locks the sheet; asks the passphrase again. */
  submitSheet: method<z.ZodType<{ sessionId: string; dossierId: string; passphrase: string }>, SubmitReceipt>(
    z.object({ sessionId: Id, dossierId: Id, passphrase: z.string().min(1).max(256) }).strict(),
    ['expert', 'chair'],
  ),
  /** Chair only: reopens a submitted sheet with a recorded reason; earlier versions are kept. */
  unlockSheet: method<z.ZodType<{ sessionId: string; dossierId: string; expertId: string; reason: string }>, SubmittedSheetSummary>(
    z.object({ sessionId: Id, dossierId: Id, expertId: Id, reason: z.string().trim().min(1).max(500) }).strict(),
    ['chair'],
  ),
  /** Submitted / draft status per expert for one dossier (no scores): for the chair's unlock. */
  listSheetStatus: method<typeof DossierRef, SubmittedSheetSummary[]>(DossierRef, ['chair', 'secretary']),
  getScoringProgress: method<typeof SessionRef, ScoringProgress>(SessionRef, ['secretary', 'chair', 'examiner']),
  // ---- experts on their own laptops ----
  /** Secretary: the expert's part of the session, age-encrypted to a passphrase, written to `path`. */
  exportExpertPackage: method<z.ZodType<{ sessionId: string; expertId: string; path: string; passphrase: string }>, { path: string; dossiers: number; bytes: number }>(
    z.object({ sessionId: Id, expertId: Id, path: FilePath, passphrase: Passphrase }).strict(),
    ['secretary'],
  ),
  /** Expert: every submitted sheet version, in a bag signed with the expert's key. */
  exportSheetBundle: method<z.ZodType<{ sessionId: string; path: string; passphrase: string }>, { path: string; sheets: number }>(
    z.object({ sessionId: Id, path: FilePath, passphrase: z.string().min(1).max(256) }).strict(),
    ['expert', 'chair'],
  ),
  previewSheetMerge: method<z.ZodType<{ sessionId: string; path: string }>, MergePreview>(z.object({ sessionId: Id, path: FilePath }).strict(), ['secretary']),
  applySheetMerge: method<z.ZodType<{ sessionId: string; path: string; bundleHash: string; acceptKeyid?: string | undefined }>, MergePreview>(
    z
      .object({ sessionId: Id, path: FilePath, bundleHash: z.string().regex(/^[0-9a-f]{64}$/), acceptKeyid: z.string().regex(/^[0-9a-f]{64}$/).optional() })
      .strict(),
    ['secretary'],
  ),
  // ---- Excel (secretary) ----
  /** Reads a roster or dossier sheet; writes nothing while it has problems unless skipProblemRows. */
  importExcel: method<z.ZodType<{ sessionId: string; kind: 'roster' | 'dossiers'; path: string; skipProblemRows: boolean }>, ExcelImportResult>(
    z.object({ sessionId: Id, kind: z.enum(['roster', 'dossiers']), path: FilePath, skipProblemRows: z.boolean() }).strict(),
    ['secretary'],
  ),
  exportExcelTemplate: method<z.ZodType<{ sessionId: string; kind: 'roster' | 'dossiers'; path: string }>, { path: string }>(
    z.object({ sessionId: Id, kind: z.enum(['roster', 'dossiers']), path: FilePath }).strict(),
    ['secretary'],
  ),
  // ---- trusted issuers (docs/bundle-format.md §6.6; the whole installation, not one session) ----
  getIssuerTrust: method<typeof Empty, IssuerTrustView>(Empty, ['secretary']),
  addTrustedIssuer: method<z.ZodType<{ label: string; publicKeyHex: string }>, IssuerTrustView>(
    z.object({ label: z.string().trim().min(1).max(100), publicKeyHex: z.string().regex(/^[0-9a-fA-F]{64}$/) }).strict(),
    ['secretary'],
  ),
  removeTrustedIssuer: method<z.ZodType<{ keyid: string }>, IssuerTrustView>(z.object({ keyid: z.string().regex(/^[0-9a-f]{64}$/) }).strict(), ['secretary']),
  setSignatureRequired: method<z.ZodType<{ required: boolean }>, IssuerTrustView>(z.object({ required: z.boolean() }).strict(), ['secretary']),
  /** Starts importing a session bundle from a path; progress arrives as job events. */
  startImport: method<z.ZodType<ImportRequest>, JobStarted>(
    z
      .object({
        path: FilePath,
        /** Apply a newer version of an imported session, as previewed (the bundle must still hash the same). */
        applyUpdate: z.object({ bundleHash: z.string().regex(/^[0-9a-f]{64}$/), acceptTrustChange: z.literal(true).optional() }).strict().optional(),
        /** For an age-encrypted bundle (§7): its passphrase, and/or the committee's X25519 identity. */
        passphrase: z.string().min(1).max(256).optional(),
        identity: z.string().trim().max(200).regex(/^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]+$/).optional(),
      })
      .strict(),
    ['secretary'],
  ),
  cancelJob: method<z.ZodType<{ jobId: string }>, { cancelled: boolean }>(z.object({ jobId: z.string().max(64) }).strict()),
} as const;

export interface ImportRequest {
  path: string;
  applyUpdate?: { bundleHash: string; acceptTrustChange?: true | undefined } | undefined;
  passphrase?: string | undefined;
  identity?: string | undefined;
}

export interface TrustedIssuerView {
  keyid: string;
  /** fingerprintOf(keyid): what the secretary checks with the issuer. */
  fingerprint: string;
  label: string;
  publicKeyHex: string;
  /** ISO time; null for keys stored before labels were kept. */
  addedAt: string | null;
}

export interface IssuerTrustView {
  required: boolean;
  keys: TrustedIssuerView[];
}

export interface ConflictDecision {
  sessionId: string;
  expertId: string;
  dossierId: string;
  decision: 'confirm' | 'dismiss';
  reason: string;
}

export interface DossierQuery {
  sessionId: string;
  search?: string | undefined;
  groupId?: string | undefined;
  level?: (typeof LEVELS)[number] | undefined;
  specialty?: string | undefined;
  greenChannel?: boolean | undefined;
}

export type Contract = typeof contract;
export type MethodName = keyof Contract;
/** What callers pass: the schema's output shape (inputs carry no transforms, so the two agree). */
export type MethodInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = Contract[M]['output'];
export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(v: unknown): v is MethodName {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(contract, v);
}

/** Events pushed from the backend. */
export type JobKind = 'import';
export type AppEvent =
  | { type: 'job.progress'; jobId: string; kind: JobKind; phase: string; bytesDone: number; bytesTotal: number; filesDone: number; filesTotal: number }
  | { type: 'job.done'; jobId: string; kind: JobKind; result: ImportReport }
  | { type: 'job.failed'; jobId: string; kind: JobKind; error: AppErrorShape }
  /** A native menu item the renderer carries out (so its own progress and error views show). */
  | { type: 'menu'; action: 'importBundle' };

/** What window.api exposes: one function per contract method, plus events and the shell's dialogs. */
export type Api = { [M in MethodName]: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>> } & {
  onEvent(listener: (event: AppEvent) => void): () => void;
  shell: ShellApi;
};

/** Things only the host (Electron main, or the test host) can do: dialogs and file paths. */
export interface ShellApi {
  /** Shows an open-file dialog for bundles; null when cancelled. */
  pickBundle(): Promise<string | null>;
  /** Shows an open-file dialog for Excel workbooks (.xlsx); null when cancelled. */
  pickExcel(): Promise<string | null>;
  /** Shows a save dialog proposing `suggestedName` (ASCII or Chinese file name); null when cancelled. */
  pickSavePath(suggestedName: string): Promise<string | null>;
  /** Path of a dropped file (Electron's webUtils.getPathForFile; the test host uploads it). */
  pathForFile(file: { readonly name: string; readonly size: number }): Promise<string | null>;
}
