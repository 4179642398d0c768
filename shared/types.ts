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
}

export interface AuditReport {
  entries: number;
  /** The hash chain holds: no entry altered, removed or reordered. */
  ok: boolean;
  brokenAt: { seq: number; reason: 'prev_hash' | 'hash' | 'seq' } | null;
  head: string;
  /** The session's latest entries (what and who, not the payload). */
  recent: Array<{ seq: number; at: string; actor: string; kind: string }>;
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
}

export type Recommendation = 'agree' | 'disagree' | 'abstain';
export type SheetStatus = 'unscored' | 'draft' | 'submitted' | 'recused';

export interface AssignmentRow {
  dossierId: string;
  packetNo: string;
  name: string;
  employer: string;
  specialty: string;
  level: Level;
  reviewType: ReviewType;
  eligibility: 'met' | 'not_met' | 'waived';
  groupName: string;
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

export interface SubmittedSheetSummary {
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
