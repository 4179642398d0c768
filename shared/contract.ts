// The one contract between the renderer and the backend: names, input schemas, result types.
// The preload, the browser test host's shim, the renderer's client and the backend dispatcher all derive from it.
import { z } from 'zod';
import { Id, LEVELS, type StandardDoc } from './bundle/schema';
import { OpenFile, SaveFile } from './file-token';
import type { AppErrorShape, Result } from './errors';
import type { PrintRequest } from './print';
import type {
  AppInfo,
  AssignmentRow,
  AttendanceSummary,
  AuditCheckpointView,
  AuditExportLabels,
  AuditFilterOptions,
  AuditIntegrity,
  AuditPage,
  AuditQuery,
  ExcelImportResult,
  MergePreview,
  IdentityRow,
  Principal,
  Recommendation,
  SaveAck,
  ScoreSheetView,
  ScoringProgress,
  SubmitReceipt,
  SheetStatusRow,
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
import type { DsseEnvelope } from './crypto/dsse';
import type { BallotSheet, CastReceipt, CountReport, MeetingResults, MeetingView, PaperBallots, PaperCount, PaperEntryResult, PaperRecord, RoundSummary, RoundTally } from './meeting-types';
import type { ExportResultBundleInput, ResultExportReport } from './result-bundle/export-types';
// meeting prints and the results workbook (issue 9 items 6–7)
import { isIsoDay } from './domain/notice-period';
import type { HolidaysView, PrintDossier, PrintScoreSheet } from './print-types';
import { THRESHOLD_BOUNDS, THRESHOLD_KEYS, type ExaminerThresholds } from './examiner/thresholds';
import type { ExaminerAnalysisView, ExaminerDossierView, FindingsStatementView, SpotCheckView } from './examiner/views';

const Empty = z.object({}).strict();
const SessionRef = z.object({ sessionId: Id }).strict();
const DossierRef = z.object({ sessionId: Id, dossierId: Id }).strict();
/** A new passphrase: long enough to resist guessing on a stolen laptop. */
const Passphrase = z.string().min(8).max(256);
// Files: opaque tokens from the host's dialogs, never paths (shared/file-token.ts).

const AuditKind = z.string().regex(/^[a-z_]+(\.[a-zA-Z_]+)*$/).max(64);
const AuditQuerySchema = z
  .object({
    sessionId: Id,
    kinds: z.array(AuditKind).max(100).optional(),
    person: z.string().min(1).max(64).optional(),
    dossierId: Id.optional(),
    from: z.string().max(40).optional(),
    to: z.string().max(40).optional(),
    search: z.string().max(100).optional(),
    searchKinds: z.array(AuditKind).max(100).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(500).optional(),
  })
  .strict();
const Words = z.record(z.string().max(64), z.string().max(200)).refine((r) => Object.keys(r).length <= 200, 'too many labels');
const AuditExportLabelsSchema = z
  .object({ sheet: z.string().min(1).max(31), verifySheet: z.string().min(1).max(31), columns: Words, kinds: Words, roles: Words, details: Words, summary: z.array(z.string().max(1000)).max(30) })
  .strict();

/** Each threshold within its documented bounds (shared/examiner/thresholds.ts). */
const ThresholdPatch = z
  .object(
    Object.fromEntries(
      THRESHOLD_KEYS.map((k) => {
        const b = THRESHOLD_BOUNDS[k];
        const n = b.integer ? z.number().int() : z.number();
        return [k, n.min(b.min).max(b.max).optional()];
      }),
    ) as Record<keyof ExaminerThresholds, z.ZodOptional<z.ZodNumber>>,
  )
  .strict();
const ExaminerExportLabelsSchema = z
  .object({ sheets: Words, columns: Words, rules: Words, severities: Words, summary: z.array(z.string().max(1000)).max(30) })
  .strict();
/** Who reads the examiner's analysis; only the examiner draws, records and signs. */
// Only the examiner: the analysis shows every expert's scores, which the secretary never reads (docs/threat-model.md).
const EXAMINER_READERS: readonly Role[] = ['examiner'];

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
  /** Imports the built-in demo session if absent (or the small rule-breach demo for training warnings); returns its id. */
  openDemo: method<z.ZodType<{ variant?: 'breach' | undefined }>, { sessionId: string }>(z.object({ variant: z.literal('breach').optional() }).strict(), ['secretary']),
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
  // ---- roles on a shared laptop (docs/architecture.md, threat model) ----
  /** First run of a data folder: the secretary's passphrase, before anything else. */
  setUpDesk: method<z.ZodType<{ passphrase: string }>, Principal>(z.object({ passphrase: Passphrase }).strict(), ANYONE),
  /** The secretary takes the desk back: always asks the secretary's passphrase. */
  signInSecretary: method<z.ZodType<{ passphrase: string }>, Principal>(z.object({ passphrase: z.string().min(1).max(256) }).strict(), ANYONE),
  /** Locks the desk: nobody is signed in until someone gives their passphrase. */
  lockDesk: method<typeof Empty, Principal>(Empty, ANYONE),
  /** A user action (key, click) on a screen that calls nothing else: keeps the idle lock from firing. */
  keepAlive: method<typeof Empty, Principal>(Empty, ANYONE),
  /** Minutes without a user action before the desk locks itself. */
  setIdleLock: method<z.ZodType<{ minutes: number }>, Principal>(z.object({ minutes: z.number().int().min(1).max(120) }).strict(), ['secretary']),
  /** Changes the secretary's passphrase; the current one is always asked. */
  setSecretaryPassphrase: method<z.ZodType<{ current: string; passphrase: string }>, Principal>(
    z.object({ current: z.string().min(1).max(256), passphrase: Passphrase }).strict(),
    ['secretary'],
  ),
  /** Opens the enrolment ceremony for one expert at the secretary's desk. */
  openEnrolment: method<z.ZodType<{ sessionId: string; expertId: string }>, IdentityRow>(z.object({ sessionId: Id, expertId: Id }).strict(), ['secretary']),
  closeEnrolment: method<typeof Empty, Principal>(Empty, ['secretary']),
  /** In the open ceremony: the expert types their own passphrase; their key pair is made and sealed under it. */
  enrollExpert: method<z.ZodType<{ sessionId: string; expertId: string; passphrase: string }>, IdentityRow>(
    z.object({ sessionId: Id, expertId: Id, passphrase: Passphrase }).strict(),
    ['secretary'],
  ),
  /** In the open ceremony: the expert read this fingerprint aloud and the secretary heard the same; ends the ceremony. */
  confirmExpertKey: method<z.ZodType<{ sessionId: string; expertId: string; keyid: string }>, IdentityRow>(
    z.object({ sessionId: Id, expertId: Id, keyid: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
    ['secretary'],
  ),
  /** Revokes an expert's key with a recorded reason, so that a new ceremony may give them another. */
  revokeExpertKey: method<z.ZodType<{ sessionId: string; expertId: string; reason: string }>, IdentityRow>(
    z.object({ sessionId: Id, expertId: Id, reason: z.string().trim().min(1).max(500) }).strict(),
    ['secretary'],
  ),
  /** Switches the active person: an expert (or the chair, as chair) after their passphrase. */
  signIn: method<z.ZodType<{ sessionId: string; expertId: string; passphrase: string; as: 'expert' | 'chair' }>, Principal>(
    z.object({ sessionId: Id, expertId: Id, passphrase: z.string().min(1).max(256), as: z.enum(['expert', 'chair']) }).strict(),
    ANYONE,
  ),
  /** The examiner types their own passphrase at the secretary's desk; examiners sign in with it (read-only role). */
  setExaminerPassphrase: method<z.ZodType<{ passphrase: string }>, Principal>(z.object({ passphrase: Passphrase }).strict(), ['secretary']),
  signInExaminer: method<z.ZodType<{ passphrase: string }>, Principal>(z.object({ passphrase: z.string().min(1).max(256) }).strict(), ANYONE),
  /** Recomputes the hash chain and checks every signed anchor on it (checkpoints, signed sheets' heads); docs/audit-log.md. */
  checkAuditAnchors: method<typeof SessionRef, AuditIntegrity>(SessionRef, STAFF),
  // ---- scoring (an expert's own sheets only; the chair signs in again as an expert to score) ----
  listMyDossiers: method<typeof SessionRef, AssignmentRow[]>(SessionRef, ['expert']),
  getScoreSheet: method<typeof DossierRef, ScoreSheetView>(DossierRef, ['expert']),
  saveScore: method<z.ZodType<{ sessionId: string; dossierId: string; itemId: string; value: number | null }>, SaveAck>(
    z.object({ sessionId: Id, dossierId: Id, itemId: Id, value: z.number().int().min(0).max(100_000).nullable() }).strict(),
    ['expert'],
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
    ['expert'],
  ),
  /** Signs (DSSE over RFC 8785 JSON) and locks the sheet; asks the passphrase again. */
  submitSheet: method<z.ZodType<{ sessionId: string; dossierId: string; passphrase: string }>, SubmitReceipt>(
    z.object({ sessionId: Id, dossierId: Id, passphrase: z.string().min(1).max(256) }).strict(),
    ['expert'],
  ),
  /** Chair only: reopens a submitted sheet with a recorded reason; earlier versions are kept. */
  unlockSheet: method<z.ZodType<{ sessionId: string; dossierId: string; expertId: string; reason: string }>, SheetStatusRow>(
    z.object({ sessionId: Id, dossierId: Id, expertId: Id, reason: z.string().trim().min(1).max(500) }).strict(),
    ['chair'],
  ),
  /** Submitted / draft status per expert for one dossier (no scores): for the chair's unlock. */
  listSheetStatus: method<typeof DossierRef, SheetStatusRow[]>(DossierRef, ['chair', 'secretary']),
  getScoringProgress: method<typeof SessionRef, ScoringProgress>(SessionRef, ['secretary', 'chair', 'examiner']),
  // ---- experts on their own laptops ----
  /** Secretary: the expert's part of the session, age-encrypted to a passphrase, written to `path`. */
  exportExpertPackage: method<z.ZodType<{ sessionId: string; expertId: string; path: string; passphrase: string }>, { path: string; dossiers: number; bytes: number }>(
    z.object({ sessionId: Id, expertId: Id, path: SaveFile, passphrase: Passphrase }).strict(),
    ['secretary'],
  ),
  /** Expert: every submitted sheet version, in a bag signed with the expert's key. */
  exportSheetBundle: method<z.ZodType<{ sessionId: string; path: string; passphrase: string }>, { path: string; sheets: number }>(
    z.object({ sessionId: Id, path: SaveFile, passphrase: z.string().min(1).max(256) }).strict(),
    ['expert'],
  ),
  previewSheetMerge: method<z.ZodType<{ sessionId: string; path: string }>, MergePreview>(z.object({ sessionId: Id, path: OpenFile }).strict(), ['secretary']),
  applySheetMerge: method<z.ZodType<{ sessionId: string; path: string; bundleHash: string; acceptKeyid?: string | undefined }>, MergePreview>(
    z
      .object({ sessionId: Id, path: OpenFile, bundleHash: z.string().regex(/^[0-9a-f]{64}$/), acceptKeyid: z.string().regex(/^[0-9a-f]{64}$/).optional() })
      .strict(),
    ['secretary'],
  ),
  // ---- Excel (secretary) ----
  /** Reads a roster or dossier sheet; writes nothing while it has problems unless skipProblemRows. */
  importExcel: method<z.ZodType<{ sessionId: string; kind: 'roster' | 'dossiers'; path: string; skipProblemRows: boolean }>, ExcelImportResult>(
    z.object({ sessionId: Id, kind: z.enum(['roster', 'dossiers']), path: OpenFile, skipProblemRows: z.boolean() }).strict(),
    ['secretary'],
  ),
  exportExcelTemplate: method<z.ZodType<{ sessionId: string; kind: 'roster' | 'dossiers'; path: string }>, { path: string }>(
    z.object({ sessionId: Id, kind: z.enum(['roster', 'dossiers']), path: SaveFile }).strict(),
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
  /** Refuse, rather than confirm, an update that changes who signed the session (docs/bundle-format.md §6.5). */
  setRefuseTrustChange: method<z.ZodType<{ refuse: boolean }>, IssuerTrustView>(z.object({ refuse: z.boolean() }).strict(), ['secretary']),
  /** Starts importing a session bundle from a path; progress arrives as job events. */
  startImport: method<z.ZodType<ImportRequest>, JobStarted>(
    z
      .object({
        path: OpenFile,
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
  // ---- audit log (audit engineer) ----
  /** The signed-in secretary, examiner or chair signs the chain as it stands (their own passphrase). */
  checkpointAuditLog: method<z.ZodType<{ passphrase: string }>, AuditCheckpointView>(
    z.object({ passphrase: z.string().min(1).max(256) }).strict(),
    ['secretary', 'examiner', 'chair'],
  ),
  /** One page of the readable log, filtered in SQL. */
  listAuditEvents: method<z.ZodType<AuditQuery>, AuditPage>(AuditQuerySchema, STAFF),
  getAuditFilterOptions: method<typeof SessionRef, AuditFilterOptions>(SessionRef, STAFF),
  /** Every entry matching the filters, with the verification result, as an Excel workbook at `path`. */
  exportAuditLog: method<z.ZodType<{ query: AuditQuery; path: string; labels: AuditExportLabels }>, { path: string; rows: number }>(
    z.object({ query: AuditQuerySchema, path: SaveFile, labels: AuditExportLabelsSchema }).strict(),
    STAFF,
  ),
  // ---- the shell boundary ----
  /** A capability URL for one attachment of one dossier, valid for the current person only (relative to the page). */
  openAttachment: method<z.ZodType<{ sessionId: string; dossierId: string; sha256: string }>, { url: string }>(
    z.object({ sessionId: Id, dossierId: Id, sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
  ),
  // ---- the committee meeting (issue 9): check-in, commitments, ballot rounds, results; docs/meeting-rules.md ----
  getMeeting: method<typeof SessionRef, MeetingView>(SessionRef, STAFF),
  /** The chair (or a vice chair presiding, signed in as chair) opens the meeting with its settings. */
  openMeeting: method<z.ZodType<OpenMeetingInput>, MeetingView>(
    z
      .object({
        sessionId: Id,
        quorumBase: z.enum(['all_members', 'sitting_members']).optional(),
        recusedCountInA: z.boolean().optional(),
        maxRevotes: z.number().int().min(0).max(5).optional(),
        commitmentText: z.string().trim().min(1).max(5000).optional(),
      })
      .strict(),
    ['chair'],
  ),
  /** An expert checks in at the desk with their own passphrase; after the meeting opened it is a late arrival. */
  checkIn: method<z.ZodType<{ sessionId: string; expertId: string; passphrase: string }>, MeetingView>(
    z.object({ sessionId: Id, expertId: Id, passphrase: z.string().min(1).max(256) }).strict(),
    ['secretary', 'chair'],
  ),
  /** An early departure, with the time. */
  checkOut: method<z.ZodType<{ sessionId: string; expertId: string }>, MeetingView>(z.object({ sessionId: Id, expertId: Id }).strict(), ['secretary', 'chair']),
  designateOfficers: method<z.ZodType<{ sessionId: string; tellerId: string; scrutineerId: string }>, MeetingView>(
    z.object({ sessionId: Id, tellerId: Id, scrutineerId: Id }).strict(),
    ['secretary', 'chair'],
  ),
  /** The expert signs the commitment (承诺书) with their own key. */
  signCommitment: method<z.ZodType<{ sessionId: string; expertId: string; passphrase: string }>, MeetingView>(
    z.object({ sessionId: Id, expertId: Id, passphrase: z.string().min(1).max(256) }).strict(),
    ['secretary', 'chair', 'expert'],
  ),
  /** Opens a ballot round for the dossiers given (all when empty); refused below quorum. */
  openBallotRound: method<z.ZodType<{ sessionId: string; dossierIds?: string[] | undefined; paper?: boolean | undefined }>, RoundSummary>(
    z.object({ sessionId: Id, dossierIds: z.array(Id).max(100_000).optional(), paper: z.boolean().optional() }).strict(),
    ['chair'],
  ),
  /** Paper round: the teller or the scrutineer enters every dossier's counts; the other confirms blind. */
  enterPaperCounts: method<z.ZodType<{ sessionId: string; roundId: string; entrantId: string; passphrase: string; counts: PaperCount[] }>, PaperEntryResult>(
    z
      .object({
        sessionId: Id,
        roundId: Id,
        entrantId: Id,
        passphrase: z.string().min(1).max(256),
        counts: z
          .array(
            z
              .object({
                dossierId: Id,
                issued: z.number().int().min(0).max(1000),
                returned: z.number().int().min(0).max(1000),
                valid: z.number().int().min(0).max(1000),
                invalid: z.number().int().min(0).max(1000),
                agree: z.number().int().min(0).max(1000),
                disagree: z.number().int().min(0).max(1000),
                abstain: z.number().int().min(0).max(1000),
              })
              .strict(),
          )
          .min(1)
          .max(100_000),
      })
      .strict(),
    ['secretary', 'chair'],
  ),
  closeBallotRound: method<z.ZodType<{ sessionId: string; roundId: string }>, RoundSummary>(z.object({ sessionId: Id, roundId: Id }).strict(), ['chair']),
  /** The voting laptop: the open round's dossiers for the expert about to vote (nothing of other ballots). */
  getBallotSheet: method<z.ZodType<{ sessionId: string; expertId: string }>, BallotSheet>(z.object({ sessionId: Id, expertId: Id }).strict(), ['secretary', 'chair']),
  /** One anonymous ballot, confirmed with the voter's passphrase; returns the voter's tracker code only. */
  castBallot: method<z.ZodType<CastBallotInput>, CastReceipt>(
    z
      .object({
        sessionId: Id,
        roundId: Id,
        expertId: Id,
        passphrase: z.string().min(1).max(256),
        choices: z.array(z.object({ dossierId: Id, choice: z.enum(['agree', 'disagree', 'abstain']) }).strict()).min(1).max(100_000),
      })
      .strict(),
    ['secretary', 'chair'],
  ),
  /** A closed round's counts and every tracker with its choices. */
  getRoundTally: method<z.ZodType<{ sessionId: string; roundId: string }>, RoundTally>(z.object({ sessionId: Id, roundId: Id }).strict(), STAFF),
  /** Results once every round is closed. */
  getMeetingResults: method<typeof SessionRef, MeetingResults>(SessionRef, STAFF),
  /** A re-vote among the experts' candidates tied at a quota cut line, as a new round. */
  openTieBreakRound: method<z.ZodType<{ sessionId: string; quotaId: string }>, RoundSummary>(z.object({ sessionId: Id, quotaId: Id }).strict(), ['chair']),
  /** After the configured re-votes: the chair's reasoned decision among the tied. */
  decideQuotaTie: method<z.ZodType<{ sessionId: string; quotaId: string; chosen: string[]; reason: string }>, MeetingResults>(
    z.object({ sessionId: Id, quotaId: Id, chosen: z.array(Id).min(1).max(1000), reason: z.string().trim().min(1).max(1000) }).strict(),
    ['chair'],
  ),
  /** The chair signs the results statement; again only as a reasoned correction (earlier versions stay). */
  signResults: method<z.ZodType<{ sessionId: string; passphrase: string; correctionReason?: string | undefined }>, SignedStatement>(
    z.object({ sessionId: Id, passphrase: z.string().min(1).max(256), correctionReason: z.string().trim().min(1).max(1000).optional() }).strict(),
    ['chair'],
  ),
  // ---- the meeting's open points: per-ballot paper entry, arbitration, co-signed counts (计票结果报告单) ----
  /** Paper round, ballot by ballot: one mark per dossier of the round (in its order) for every ballot; the other enters blind. */
  enterPaperBallots: method<z.ZodType<{ sessionId: string; roundId: string; entrantId: string; passphrase: string; ballots: PaperBallots }>, PaperEntryResult>(
    z
      .object({
        sessionId: Id,
        roundId: Id,
        entrantId: Id,
        passphrase: z.string().min(1).max(256),
        ballots: z.array(z.array(z.enum(['agree', 'disagree', 'abstain', 'invalid'])).min(1).max(10_000)).min(1).max(1000),
      })
      .strict(),
    ['secretary', 'chair'],
  ),
  /** The chair accepts one officer's latest paper entry when the two still differ, with a reason. */
  arbitratePaperEntry: method<z.ZodType<{ sessionId: string; roundId: string; entrantId: string; reason: string }>, PaperRecord | null>(
    z.object({ sessionId: Id, roundId: Id, entrantId: Id, reason: z.string().trim().min(1).max(1000) }).strict(),
    ['chair'],
  ),
  /** 计票结果报告单: every closed round's counts and the officers' signatures over them. */
  getCountReport: method<typeof SessionRef, CountReport>(SessionRef, STAFF),
  /** The teller or the scrutineer signs the counts with their own passphrase, at the meeting desk. */
  coSignCounts: method<z.ZodType<{ sessionId: string; expertId: string; passphrase: string }>, CountReport>(
    z.object({ sessionId: Id, expertId: Id, passphrase: z.string().min(1).max(256) }).strict(),
    ['secretary', 'chair'],
  ),
  /** The chair or the secretary changes the meeting's settings until the first round opens. */
  updateMeetingSettings: method<z.ZodType<OpenMeetingInput>, MeetingView>(
    z
      .object({
        sessionId: Id,
        quorumBase: z.enum(['all_members', 'sitting_members']).optional(),
        recusedCountInA: z.boolean().optional(),
        maxRevotes: z.number().int().min(0).max(5).optional(),
        commitmentText: z.string().trim().min(1).max(5000).optional(),
      })
      .strict(),
    ['secretary', 'chair'],
  ),
  // ---- meeting prints and the results workbook (issue 9 items 6–7; docs/user-guide.md "会议") ----
  /** The holidays the 公示 period skips (the installation's, not one session's). */
  getNoticeHolidays: method<typeof Empty, HolidaysView>(Empty, STAFF),
  setNoticeHolidays: method<z.ZodType<{ days: string[] }>, HolidaysView>(
    z.object({ days: z.array(z.string().refine(isIsoDay, 'a calendar day YYYY-MM-DD')).max(400) }).strict(),
    ['secretary'],
  ),
  /** Every dossier's public facts (packet, name, employer, series, specialty, level) once the meeting is open. */
  listPrintDossiers: method<typeof SessionRef, PrintDossier[]>(SessionRef, STAFF),
  /** Every expert's (or one expert's) submitted score sheets, item by item, for printing; only once no round is open. */
  listScoreSheetsForPrint: method<z.ZodType<{ sessionId: string; expertId?: string | undefined }>, PrintScoreSheet[]>(
    z.object({ sessionId: Id, expertId: Id.optional() }).strict(),
    STAFF,
  ),
  /** The provincial results workbook (full ID numbers: secretary only) at `path`. */
  exportResultsExcel: method<z.ZodType<{ sessionId: string; path: string }>, { path: string; rows: number }>(z.object({ sessionId: Id, path: SaveFile }).strict(), ['secretary']),
  // ---- the signed result bundle (docs/bundle-format.md §12; rbundle engineer) ----
  /**
   * Secretary, after the chair signed: writes the result bundle as a job (progress, cancel). The first export of this
   * content is sealed by the chair, the teller and the scrutineer, each typing their own passphrase at the desk.
   */
  exportResultBundle: method<z.ZodType<ExportResultBundleInput>, JobStarted>(
    z
      .object({
        sessionId: Id,
        path: SaveFile,
        encryption: z
          .union([
            z.object({ passphrase: Passphrase }).strict(),
            z.object({ recipients: z.array(z.string().trim().regex(/^age1[0-9a-z]{20,200}$/, 'an age X25519 recipient (age1…)')).min(1).max(20) }).strict(),
          ])
          .optional(),
        chairPassphrase: z.string().min(1).max(256).optional(),
        tellerPassphrase: z.string().min(1).max(256).optional(),
        scrutineerPassphrase: z.string().min(1).max(256).optional(),
        minutesPdf: OpenFile.optional(),
        tallyPdf: OpenFile.optional(),
        noticePdf: OpenFile.optional(),
      })
      .strict(),
    ['secretary'],
  ),
  // ---- the examiner's workspace (issue 11): analysis, spot checks, signed findings; docs/examiner.md ----
  /** Statistics per expert and group, anomalies with their evidence, votes per round, the thresholds in force. */
  getExaminerAnalysis: method<typeof SessionRef, ExaminerAnalysisView>(SessionRef, EXAMINER_READERS),
  /** One dossier: every expert's current sheet item by item, and the group members without one. */
  getExaminerDossier: method<typeof DossierRef, ExaminerDossierView>(DossierRef, EXAMINER_READERS),
  setExaminerThresholds: method<z.ZodType<{ patch: Partial<ExaminerThresholds>; reset?: boolean | undefined }>, ExaminerThresholds>(
    z.object({ patch: ThresholdPatch, reset: z.boolean().optional() }).strict(),
    ['examiner'],
  ),
  /** A reproducible sample (size or rate), seeded by the imported bundle's hash and the salt; recorded and audited. */
  drawSpotCheck: method<z.ZodType<{ sessionId: string; size?: number | undefined; rate?: number | undefined; stratified: boolean; salt: string }>, SpotCheckView>(
    z
      .object({
        sessionId: Id,
        size: z.number().int().min(1).max(1_000_000).optional(),
        rate: z.number().gt(0).max(1).optional(),
        stratified: z.boolean(),
        salt: z.string().max(200),
      })
      .strict()
      .refine((v) => (v.size === undefined) !== (v.rate === undefined), { message: 'give a size or a rate', path: ['size'] }),
    ['examiner'],
  ),
  getSpotCheck: method<typeof SessionRef, SpotCheckView | null>(SessionRef, EXAMINER_READERS),
  recordFinding: method<z.ZodType<{ sessionId: string; sampleId: number; dossierId: string; conforms: boolean; reason: string }>, SpotCheckView>(
    z.object({ sessionId: Id, sampleId: z.number().int().min(1), dossierId: Id, conforms: z.boolean(), reason: z.string().max(2000) }).strict(),
    ['examiner'],
  ),
  /** The examiner signs the findings statement with the examiner's key (their passphrase). */
  signFindings: method<z.ZodType<{ sessionId: string; passphrase: string; acknowledged: string[] }>, FindingsStatementView>(
    z.object({ sessionId: Id, passphrase: z.string().min(1).max(256), acknowledged: z.array(z.string().max(500)).max(100_000) }).strict(),
    ['examiner'],
  ),
  getFindingsStatement: method<typeof SessionRef, FindingsStatementView | null>(SessionRef, EXAMINER_READERS),
  exportFindingsExcel: method<z.ZodType<{ sessionId: string; path: string; labels: z.infer<typeof ExaminerExportLabelsSchema> }>, { path: string; rows: number }>(
    z.object({ sessionId: Id, path: SaveFile, labels: ExaminerExportLabelsSchema }).strict(),
    EXAMINER_READERS,
  ),
} as const;

// ---- the committee meeting (issue 9) ----
export interface OpenMeetingInput {
  sessionId: string;
  quorumBase?: 'all_members' | 'sitting_members' | undefined;
  recusedCountInA?: boolean | undefined;
  maxRevotes?: number | undefined;
  commitmentText?: string | undefined;
}

export interface CastBallotInput {
  sessionId: string;
  roundId: string;
  expertId: string;
  passphrase: string;
  choices: Array<{ dossierId: string; choice: 'agree' | 'disagree' | 'abstain' }>;
}

export interface SignedStatement {
  version: number;
  keyid: string;
  fingerprint: string;
  payloadSha256: string;
  signedAt: string;
  envelope: DsseEnvelope;
}

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
  /** A newer session version signed differently (unsigned, or by another key) is refused outright, not just confirmed. */
  refuseTrustChange: boolean;
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
export type JobKind = 'import' | 'resultExport';
/** What each kind of job reports when it is done. */
export interface JobResults {
  import: ImportReport;
  resultExport: ResultExportReport;
}
export type AppEvent =
  | { type: 'job.progress'; jobId: string; kind: JobKind; phase: string; bytesDone: number; bytesTotal: number; filesDone: number; filesTotal: number }
  | { type: 'job.done'; jobId: string; kind: 'import'; result: ImportReport }
  | { type: 'job.done'; jobId: string; kind: 'resultExport'; result: ResultExportReport }
  | { type: 'job.failed'; jobId: string; kind: JobKind; error: AppErrorShape }
  /** A native menu item the renderer carries out (so its own progress and error views show). */
  | { type: 'menu'; action: 'importBundle' };

/** What window.api exposes: one function per contract method, plus events and the shell's dialogs. */
export type Api = { [M in MethodName]: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>> } & {
  onEvent(listener: (event: AppEvent) => void): () => void;
  shell: ShellApi;
};

/**
 * Things only the host (Electron main, or the test host) can do: dialogs. Each answer is an opaque file
 * token (shared/file-token.ts), never a path: the backend maps it to the chosen file, once, for its purpose.
 */
export interface ShellApi {
  /** Shows an open-file dialog for bundles; an open token, null when cancelled. */
  pickBundle(): Promise<string | null>;
  /** Shows an open-file dialog for Excel workbooks (.xlsx); an open token, null when cancelled. */
  pickExcel(): Promise<string | null>;
  /** Shows a save dialog proposing `suggestedName` (ASCII or Chinese file name); a save token, null when cancelled. */
  pickSavePath(suggestedName: string): Promise<string | null>;
  /** An open token for a dropped file (Electron's webUtils.getPathForFile; the test host uploads it). */
  pathForFile(file: { readonly name: string; readonly size: number }): Promise<string | null>;
  /** Print pipeline (audit engineer): renders a print view to an A4 PDF and saves it where the user chooses; value null when cancelled. */
  printToPdf(request: PrintRequest): Promise<Result<{ file: string } | null>>;
}
