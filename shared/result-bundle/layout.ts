// Result bundles (docs/bundle-format.md §12): entry names, payload types and the verification steps. Pure: the
// writer (electron/backend/result-bundle), the verifier and the tests share these names.
import { SESSION_DOCUMENTS, type SessionDocumentName } from '../bundle/schema';

export const BUNDLE_TYPE_RESULT = 'result';
export const RESULT_SEAL = 'seal.dsse.json';
export const RESULT_FILE_EXTENSION = '.pdresult';

export const SEAL_PAYLOAD_TYPE = 'application/vnd.paneldesk.result-seal+json';
/** The officers' co-signed counts (计票结果报告单), as the meeting signs them (services/count-report.ts). */
export const COUNT_REPORT_PAYLOAD_TYPE = 'application/vnd.paneldesk.counts+json';

/** The embedded session (§12.3.2): the session bundle's data/ tree, re-rooted here. */
export const SESSION_DIR = 'data/session/';
export const SESSION_ATTACHMENT_DIR = 'data/session/attachments/';

/** data/session.json → data/session/session.json */
export function embeddedSessionEntry(doc: SessionDocumentName): string {
  return `${SESSION_DIR}${doc.slice('data/'.length)}`;
}
export function embeddedAttachmentEntry(sha256: string): string {
  return `${SESSION_ATTACHMENT_DIR}${sha256}`;
}
export const EMBEDDED_SESSION_ENTRIES: readonly string[] = (Object.keys(SESSION_DOCUMENTS) as SessionDocumentName[]).map(embeddedSessionEntry);

/** The result documents (§12.3), required unless listed in OPTIONAL_RESULT_DOCUMENTS. */
export const RESULT_DOCS = {
  header: 'data/result.json',
  roster: 'data/roster.json',
  recusals: 'data/recusals.json',
  sheets: 'data/sheets.json',
  meeting: 'data/meeting.json',
  commitments: 'data/commitments.json',
  attendance: 'data/attendance.json',
  rounds: 'data/rounds.json',
  results: 'data/results.json',
  statements: 'data/statements.json',
  countReports: 'data/count-reports.json',
  auditLog: 'data/audit/log.json',
  checkpoints: 'data/audit/checkpoints.json',
} as const;
export type ResultDocKey = keyof typeof RESULT_DOCS;
export const OPTIONAL_RESULT_DOCUMENTS: ReadonlySet<string> = new Set([RESULT_DOCS.countReports]);

/** The prints (§12.3.14), optional, stored. */
export const PRINT_KINDS = ['minutes', 'notice', 'tally'] as const;
export type PrintKind = (typeof PRINT_KINDS)[number];
export function printEntry(kind: PrintKind): string {
  return `data/prints/${kind}.pdf`;
}

/** Folder entries a reader accepts (empty). */
export const RESULT_FOLDERS: ReadonlySet<string> = new Set(['data/', SESSION_DIR, SESSION_ATTACHMENT_DIR, 'data/audit/', 'data/prints/']);

/** §12.5: the verification steps, in order; the report numbers them n = index + 1. */
export const RESULT_VERIFY_STEPS = [
  'container',
  'manifests',
  'roster-keys',
  'signatures',
  'commitments',
  'attendance-quorum',
  'rounds-recount',
  'aggregation',
  'pass-fail',
  'quotas-ties',
  'decisions',
  'audit-chain',
  'pdfs',
] as const;
export type ResultVerifyStep = (typeof RESULT_VERIFY_STEPS)[number];

/** §12.5's failure codes (beyond the BUNDLE_* codes of §8), with the step that reports each. */
export const RESULT_FAILURE_CODES = {
  RESULT_NOT_RESULT_BUNDLE: 'container',
  RESULT_SCHEMA_INVALID: 'manifests',
  RESULT_HEADER_MISMATCH: 'manifests',
  RESULT_ORDER: 'manifests',
  RESULT_ROSTER_KEYID_MISMATCH: 'roster-keys',
  RESULT_ROSTER_DUPLICATE_KEY: 'roster-keys',
  RESULT_ROSTER_UNKNOWN_EXPERT: 'roster-keys',
  RESULT_ROSTER_NO_KEY: 'roster-keys',
  RESULT_UNTRUSTED_KEY: 'roster-keys',
  RESULT_SEAL_MISSING: 'signatures',
  RESULT_SEAL_WRONG_BUNDLE: 'signatures',
  RESULT_SEAL_SIGNER_MISSING: 'signatures',
  RESULT_SIGNATURE_UNKNOWN_KEY: 'signatures',
  RESULT_SIGNATURE_INVALID: 'signatures',
  RESULT_PAYLOAD_NOT_CANONICAL: 'signatures',
  RESULT_PAYLOAD_MISMATCH: 'signatures',
  RESULT_COMMITMENT_TEXT: 'commitments',
  RESULT_COMMITMENT_MISSING: 'commitments',
  RESULT_ROLL_NOT_PRESENT: 'attendance-quorum',
  RESULT_QUORUM_NOT_MET: 'attendance-quorum',
  RESULT_ATTENDANCE_MISMATCH: 'attendance-quorum',
  RESULT_ROUND_NUMBERING: 'rounds-recount',
  RESULT_VOTER_NOT_ON_ROLL: 'rounds-recount',
  RESULT_TRACKER_COUNT: 'rounds-recount',
  RESULT_BALLOT_UNKNOWN_DOSSIER: 'rounds-recount',
  RESULT_RECOUNT_MISMATCH: 'rounds-recount',
  RESULT_PAPER_ENTRY_MISMATCH: 'rounds-recount',
  RESULT_SHEET_CONTENT_HASH: 'aggregation',
  RESULT_AGGREGATION_MISMATCH: 'aggregation',
  RESULT_PASS_MISMATCH: 'pass-fail',
  RESULT_QUOTA_MISMATCH: 'quotas-ties',
  RESULT_TIE_UNRESOLVED: 'quotas-ties',
  RESULT_TIE_BREAK_INVALID: 'quotas-ties',
  RESULT_DECISION_MISMATCH: 'decisions',
  RESULT_PASSED_BELOW_TWO_THIRDS: 'decisions',
  RESULT_CUT_WITHOUT_REASON: 'decisions',
  RESULT_STATEMENT_MISMATCH: 'decisions',
  RESULT_STATEMENT_CHAIN: 'decisions',
  RESULT_AUDIT_BROKEN: 'audit-chain',
  RESULT_AUDIT_HEAD_MISMATCH: 'audit-chain',
  RESULT_CHECKPOINT_INVALID: 'audit-chain',
  RESULT_ANCHOR_NOT_ON_CHAIN: 'audit-chain',
  RESULT_PDF_INVALID: 'pdfs',
} as const satisfies Record<string, ResultVerifyStep>;
export type ResultFailureCode = keyof typeof RESULT_FAILURE_CODES;
