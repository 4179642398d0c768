// Result types of the contract (what the backend returns and the renderer shows).
import type { ConditionResult, EligibilityResult } from './domain/eligibility';
import type { CommitteeWarning } from './domain/rules';
import type { ExpertRole, Level, ReviewType, StandardDoc } from './bundle/schema';
import type { RowProblem } from './excel-problems';

/** 'locked': nobody signed in on a desk whose secretary passphrase is set. */
export type Role = 'secretary' | 'chair' | 'expert' | 'examiner' | 'locked';
export type Locale = 'zh-CN' | 'en-US';

export interface AppInfo {
  version: string;
  schemaVersion: number;
  dataDir: string;
  host: 'electron' | 'browser-test' | 'cli';
}

export interface Prefs {
  locale: Locale;
  zoom: number;
  lastSessionId: string | null;
}

export interface SessionSummary {
  id: string;
  name: string;
  committeeName: string;
  meetingDate: string;
  bundleVersion: number;
  importedAt: string;
  dossierCount: number;
}

export interface SessionOverview extends SessionSummary {
  committee: {
    name: string;
    authority: string | null;
    form: string;
    tier: string;
    series: string | null;
    size: number;
  };
  meetingPlace: string | null;
  status: 'setup' | 'scoring' | 'voting' | 'closed';
  counts: {
    dossiers: number;
    experts: number;
    groups: number;
    standards: number;
    attachments: number;
    greenChannel: number;
    eligibilityNotMet: number;
    conflicts: number;
  };
  warnings: CommitteeWarning[];
  issuer: string | null;
  bundleHash: string;
}

export interface FilterOptions {
  groups: Array<{ id: string; name: string }>;
  levels: Level[];
  specialties: string[];
}

export interface DossierRow {
  id: string;
  packetNo: string;
  name: string;
  employer: string;
  series: string;
  specialty: string;
  level: Level;
  reviewType: ReviewType;
  groupId: string;
  groupName: string;
  eligibility: EligibilityResult['overall'];
  attachmentCount: number;
}

export interface DossierList {
  total: number;
  rows: DossierRow[];
}

export interface AttachmentInfo {
  ord: number;
  sha256: string;
  name: string;
  mediaType: string;
  size: number;
}

export interface AchievementView {
  field: string;
  label: string;
  unit: string | null;
  kind: 'number' | 'money' | 'count' | 'text';
  value: number | string;
  note: string | null;
}

export interface DossierDetail {
  id: string;
  packetNo: string;
  name: string;
  gender: string;
  /** Masked unless the caller's role may see it. */
  idNumberMasked: string;
  education: string;
  major: string;
  workStart: string;
  employer: string;
  regionCode: string;
  currentTitle: string;
  currentTitleDate: string | null;
  series: string;
  specialty: string;
  level: Level;
  reviewType: ReviewType;
  commitmentSigned: boolean;
  greenChannelJustification: string | null;
  group: { id: string; name: string };
  standard: { id: string; name: string; version: string };
  eligibility: { overall: EligibilityResult['overall']; conditions: ConditionResult[] };
  achievements: AchievementView[];
  attachments: AttachmentInfo[];
  contentHash: string;
}

export interface ExpertRow {
  id: string;
  name: string;
  affiliation: string;
  specialty: string;
  title: string | null;
  role: ExpertRole;
  groups: string[];
  /** Attendance at the meeting; null until recorded. */
  present: boolean | null;
}

export interface GroupView {
  id: string;
  name: string;
  specialty: string | null;
  leaderId: string | null;
  members: Array<{ id: string; name: string; role: ExpertRole }>;
  size: number;
  tooSmall: boolean;
}

export interface AttendanceSummary {
  members: number;
  present: number;
  recorded: number;
  quorum: { needed: number; met: boolean; shortBy: number };
}

export interface ConflictView {
  expertId: string;
  expertName: string;
  dossierId: string;
  packetNo: string;
  applicantName: string;
  source: 'declared' | 'suggested' | 'manual';
  status: 'pending' | 'confirmed' | 'dismissed';
  reason: string;
  decidedAt: string | null;
}

export interface ConflictSuggestion {
  expertId: string;
  expertName: string;
  dossierId: string;
  packetNo: string;
  applicantName: string;
  employer: string;
}

export interface ConflictsView {
  conflicts: ConflictView[];
  suggestions: ConflictSuggestion[];
}

export interface ImportReport {
  sessionId: string;
  name: string;
  bundleVersion: number;
  dossiers: number;
  experts: number;
  attachments: number;
  bytes: number;
  signedBy: string | null;
  /** False for an update that was only previewed: nothing was written. */
  applied: boolean;
  /** For a newer version of a session already here: what it changes. */
  update: UpdatePreview | null;
}

export interface ChangeList {
  added: Array<{ id: string; label: string }>;
  removed: Array<{ id: string; label: string }>;
  changed: Array<{ id: string; label: string; fields: string[] }>;
}

export interface UpdatePreview {
  sessionId: string;
  fromVersion: number;
  toVersion: number;
  /** SHA-256 of the new bundle's tag manifest: confirming applies exactly this bundle. */
  bundleHash: string;
  session: string[];
  experts: ChangeList;
  groups: ChangeList;
  standards: ChangeList;
  dossiers: ChangeList;
  conflicts: ChangeList;
  quotas: ChangeList;
  /** Changes that would drop or invalidate scores already entered: the update can't be applied. */
  blocked: Array<{ kind: 'dossier_removed' | 'expert_removed' | 'standard_items_changed' | 'dossier_moved'; id: string; label: string; sheets: number }>;
  /** Dossiers whose content changed after experts scored them: their sheets keep the old content hash. */
  rescore: Array<{ id: string; label: string; sheets: number }>;
  /**
   * Who signed the session before and who signs this version (issuer key ids, null = unsigned). A change
   * other than 'same' or 'signed' (unsigned → signed) is applied only with acceptTrustChange, and never
   * when the desk refuses trust downgrades (bundle work, issue 8 item 5).
   */
  trust?: { from: string | null; to: string | null; change: 'same' | 'signed' | 'unsigned' | 'other_key' };
}

export interface JobStarted {
  jobId: string;
}

/** Who is using the app now; set by the backend after a passphrase, never by the renderer. */
export interface Principal {
  role: Role;
  sessionId: string | null;
  expertId: string | null;
  expertName: string | null;
  fingerprint: string | null;
  /** A secretary passphrase is set: returning to the secretary asks for it, and the app starts locked. */
  deskProtected: boolean;
  /** An examiner passphrase is set: examiners (审核监督) can sign in. */
  examinerEnabled: boolean;
  /** The desk locks itself after this many minutes without a user action. */
  idleLockMinutes: number;
  /** The enrolment ceremony the secretary has open, if any. */
  enrolment: { sessionId: string; expertId: string } | null;
}


export interface IdentityRow {
  expertId: string;
  name: string;
  role: ExpertRole;
  hasKey: boolean;
  /** Short fingerprint of the public key ("ab12 cd34 ef56 7890"), printed on the minutes. */
  fingerprint: string | null;
  keyid: string | null;
  confirmed: boolean;
  /** Keys revoked before the live one: each is a re-enrolment, shown in progress, the minutes and the audit log. */
  revokedKeys: number;
}

export type Recommendation = 'agree' | 'disagree' | 'abstain';
export type SheetStatus = 'unscored' | 'draft' | 'submitted' | 'recused';

/** One row of the expert's list: only what the list shows (1,000 rows travel on every open of the list). */
export interface AssignmentRow {
  dossierId: string;
  packetNo: string;
  name: string;
  employer: string;
  level: Level;
  reviewType: ReviewType;
  eligibility: 'met' | 'not_met' | 'waived';
  status: SheetStatus;
  recusalReason: string | null;
  /** My own total (hundredths); never anyone else's. */
  myTotal: number | null;
}

export interface SheetState {
  version: number;
  status: 'draft' | 'submitted';
  scores: Record<string, number>;
  opinion: string;
  recommendation: Recommendation | null;
  total: number;
  complete: boolean;
  updatedAt: string | null;
  submittedAt: string | null;
  keyid: string | null;
  /** Short fingerprint of the signing key, for the locked sheet and the minutes. */
  fingerprint: string | null;
  unlockReason: string | null;
}

export interface ScoreSheetView {
  dossier: DossierDetail;
  standard: StandardDoc;
  sheet: SheetState;
  recommendationEnabled: boolean;
  /** Position in my list, for next/previous. */
  prevDossierId: string | null;
  nextDossierId: string | null;
}

export interface SaveAck {
  savedAt: string;
  total: number;
  complete: boolean;
}

export interface SubmitReceipt {
  version: number;
  submittedAt: string;
  keyid: string;
  fingerprint: string;
}

export interface ProgressRow {
  expertId: string;
  name: string;
  groups: string[];
  assigned: number;
  scored: number;
  submitted: number;
  remaining: number;
  recused: number;
}

export interface GroupProgressRow {
  groupId: string;
  name: string;
  dossiers: number;
  sheetsExpected: number;
  submitted: number;
  remaining: number;
  recused: number;
}

export interface ScoringProgress {
  experts: ProgressRow[];
  groups: GroupProgressRow[];
}

export interface SheetStatusRow {
  expertId: string;
  expertName: string;
  version: number;
  status: 'draft' | 'submitted';
  submittedAt: string | null;
  unlockReason: string | null;
}

export interface ExcelImportResult {
  kind: 'roster' | 'dossiers';
  /** Clean rows found. */
  rows: number;
  /** Every bad cell, by sheet, row and column. */
  problems: RowProblem[];
  /** False when problems stopped the import (nothing was written). */
  applied: boolean;
  imported: number;
  skippedRows: number;
}

export interface MergeSheetRow {
  dossierId: string;
  packetNo: string;
  applicant: string;
  version: number;
  /** new: will be merged; identical: already here; conflict: left out, with the reason. */
  status: 'new' | 'identical' | 'conflict';
  reason: 'different_content' | 'older_version' | 'recused' | 'not_assigned' | 'bad_signature' | 'invalid_scores' | 'content_changed' | 'unknown_key' | null;
}

export interface MergePreview {
  expertId: string;
  expertName: string;
  keyid: string;
  fingerprint: string;
  /** confirmed: matches the key on record; new/unconfirmed: the secretary must confirm the fingerprint; mismatch: refused. */
  keyStatus: 'confirmed' | 'unconfirmed' | 'new' | 'mismatch';
  bundleHash: string;
  sheets: MergeSheetRow[];
  applied: boolean;
}

// ---- audit log (audit engineer): anchored verification and the readable, filterable log ----

/** Who signed or did something, resolved to a name where the log names an expert. */
export interface AuditPerson {
  /** 'secretary' | 'examiner' | 'chair' | 'expert' | 'desk' (a failed desk sign-in) | another stored role. */
  role: string;
  expertId: string | null;
  name: string | null;
}

export type AuditAnchorProblem = 'beyond_end' | 'not_on_chain' | 'bad_signature' | 'unknown_key' | 'key_not_recorded';

/** A signed position that did not hold: where it points, who signed it, what is wrong. */
export interface AuditAnchorIssue {
  source: 'checkpoint' | 'sheet';
  count: number;
  head: string;
  problem: AuditAnchorProblem;
  signer: AuditPerson;
  /** For a sheet: which dossier (masked nothing: names only) and version. */
  dossierId: string | null;
  dossierName: string | null;
  version: number | null;
  at: string;
}

export interface AuditCheckpointView {
  count: number;
  head: string;
  signer: AuditPerson;
  fingerprint: string;
  at: string;
}

/** What checkAuditAnchors checked, and what it found. Nothing here claims more than was checked. */
export interface AuditIntegrity {
  entries: number;
  head: string;
  /** Every entry links to the one before and hashes to its stored hash (edits without re-hashing). */
  chain: { ok: boolean; firstBrokenLink: { seq: number; reason: 'prev_hash' | 'hash' | 'seq' } | null };
  /** Signed checkpoints: each signature verified against a key whose creation is on the chain before it. */
  checkpoints: { total: number; valid: number; latest: AuditCheckpointView | null; signers: AuditCheckpointView[] };
  /** Signed score sheets: each signed head found on this chain at its position, or signed on another desk. */
  sheets: { total: number; onChain: number; otherDesk: number };
  problems: AuditAnchorIssue[];
  /** Entries after the latest valid checkpoint: no signature covers them yet. */
  uncovered: number;
  ok: boolean;
  checkedAt: string;
}

export interface AuditQuery {
  sessionId: string;
  kinds?: string[] | undefined;
  /** An expert id, or 'secretary' / 'examiner': entries by or about them. */
  person?: string | undefined;
  dossierId?: string | undefined;
  /** ISO times, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  /** Matches names, packet numbers and reasons; `searchKinds` are the kinds whose translated label matched. */
  search?: string | undefined;
  searchKinds?: string[] | undefined;
  order?: 'asc' | 'desc' | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}

/** One entry as people read it: names resolved; only fields that are safe to show (never a score). */
export interface AuditEventView {
  seq: number;
  at: string;
  kind: string;
  actor: AuditPerson;
  subject: { expertId: string | null; expertName: string | null; dossierId: string | null; dossierName: string | null; packetNo: string | null };
  details: Record<string, string | number | boolean | null>;
  hash: string;
}

export interface AuditPage {
  total: number;
  offset: number;
  rows: AuditEventView[];
}

export interface AuditFilterOptions {
  kinds: string[];
  people: Array<{ id: string; name: string; role: string }>;
  dossiers: Array<{ id: string; name: string; packetNo: string }>;
}

/** The words of an exported workbook, in the user's language (the renderer's i18n). */
export interface AuditExportLabels {
  sheet: string;
  verifySheet: string;
  columns: Record<string, string>;
  kinds: Record<string, string>;
  roles: Record<string, string>;
  details: Record<string, string>;
  /** The verification message as shown on screen, line by line. */
  summary: string[];
}
