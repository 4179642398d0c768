// Stable error codes: the UI translates them (renderer/i18n), support quotes them.
export const ERROR_CODES = [
  // contract / transport
  'CONTRACT_UNKNOWN_METHOD',
  'CONTRACT_INVALID_INPUT',
  'CONTRACT_PAYLOAD_TOO_LARGE',
  'CONTRACT_FORBIDDEN',
  'CONTRACT_BAD_SENDER',
  'INTERNAL',
  // database / data folder
  'DB_NEWER_VERSION',
  'DB_CORRUPT',
  'DB_NOT_PANELDESK',
  'DB_MIGRATION_FAILED',
  'DATA_DIR_UNAVAILABLE',
  'DISK_FULL',
  // sessions and dossiers
  'SESSION_NOT_FOUND',
  'DOSSIER_NOT_FOUND',
  'AUTH_BAD_PASSPHRASE',
  'AUTH_RATE_LIMITED',
  'AUTH_NO_KEY',
  'AUTH_KEY_EXISTS',
  'AUTH_NOT_CHAIR',
  // roles on a shared laptop
  'AUTH_KEY_NOT_CONFIRMED',
  'AUTH_KEY_REMOTE',
  'AUTH_PRINCIPAL_CHANGED',
  'ENROLMENT_NOT_OPEN',
  'DESK_NOT_SET_UP',
  'DESK_ALREADY_SET_UP',
  'DESK_IDLE_LOCKED',
  'SCORE_NOT_ASSIGNED',
  'SCORE_RECUSED',
  'SCORE_LOCKED',
  'SCORE_OUT_OF_RANGE',
  'SCORE_NOT_ON_BAND',
  'SCORE_UNKNOWN_ITEM',
  'SCORE_INCOMPLETE',
  'SCORE_NOT_SUBMITTED',
  'MERGE_KEY_MISMATCH',
  'MERGE_KEY_NOT_CONFIRMED',
  'EXPERT_NOT_FOUND',
  'CONFLICT_NOT_FOUND',
  'BLOB_NOT_FOUND',
  'JOB_NOT_FOUND',
  'JOB_CANCELLED',
  // bundles
  'BUNDLE_UNREADABLE',
  'BUNDLE_TRUNCATED',
  'BUNDLE_BAD_ENTRY_NAME',
  'BUNDLE_DUPLICATE_ENTRY',
  'BUNDLE_SYMLINK',
  'BUNDLE_BAD_COMPRESSION',
  'BUNDLE_TOO_MANY_ENTRIES',
  'BUNDLE_TOO_LARGE',
  'BUNDLE_SIZE_MISMATCH',
  'BUNDLE_ENCRYPTED_ENTRY',
  'BUNDLE_NOT_BAGIT',
  'BUNDLE_UNSUPPORTED_VERSION',
  'BUNDLE_MANIFEST_INVALID',
  'BUNDLE_FILE_NOT_IN_MANIFEST',
  'BUNDLE_FILE_MISSING',
  'BUNDLE_HASH_MISMATCH',
  'BUNDLE_SCHEMA_INVALID',
  'BUNDLE_BAD_REFERENCE',
  'BUNDLE_SIGNATURE_INVALID',
  'BUNDLE_SIGNATURE_REQUIRED',
  'BUNDLE_UNTRUSTED_ISSUER',
  'BUNDLE_DECRYPT_FAILED',
  'BUNDLE_SAME_VERSION',
  'BUNDLE_OLDER_VERSION',
  'BUNDLE_UPDATE_NEEDS_REVIEW',
  'BUNDLE_UPDATE_CHANGED',
  'BUNDLE_UPDATE_WOULD_DROP_SCORES',
  // Excel import (rosters, applicant lists)
  'EXCEL_UNREADABLE',
  'EXCEL_HAS_PROBLEMS',
  // age-encrypted bundles and the issuers the secretary trusts
  'BUNDLE_ENCRYPTED_NEEDS_KEY',
  'ISSUER_NOT_FOUND',
  // audit log and prints (audit engineer)
  'AUDIT_NO_SIGNING_KEY',
  'PRINT_FAILED',
  // the shell boundary: file tokens from dialogs, attachment capabilities
  'FILE_TOKEN_INVALID',
  'DOSSIER_FORBIDDEN',
  // one import or update at a time per data folder (speed / issue 8 item 8)
  'IMPORT_BUSY',
  // the committee meeting (issue 9): check-in, ballots, quotas, results
  'MEETING_NOT_OPEN',
  'MEETING_ALREADY_OPEN',
  'MEETING_NO_QUORUM',
  'MEETING_NOT_PRESENT',
  'MEETING_ALREADY_PRESENT',
  'MEETING_OFFICERS_INVALID',
  'MEETING_COMMITMENT_MISSING',
  'MEETING_COMMITMENT_SIGNED',
  'BALLOT_ROUND_NOT_FOUND',
  'BALLOT_ROUND_OPEN',
  'BALLOT_ROUND_CLOSED',
  'BALLOT_NOTHING_TO_VOTE',
  'BALLOT_NOT_ON_ROLL',
  'BALLOT_RECUSED',
  'BALLOT_ALREADY_VOTED',
  'BALLOT_INCOMPLETE',
  'RECONCILE_MISMATCH',
  'QUOTA_NOT_FOUND',
  'QUOTA_NO_TIE',
  'QUOTA_DECISION_INVALID',
  'QUOTA_TIE_UNRESOLVED',
  'RESULTS_HIDDEN',
  'RESULTS_SIGNED',
  'BALLOT_PAPER_ROUND',
  'PAPER_NOT_OFFICER',
  'PAPER_SELF_CONFIRM',
  'PAPER_COUNTS_EXCEED_PRESENT',
  'PAPER_NOT_CONFIRMED',
  // the meeting's open points: co-signed counts (计票结果报告单), arbitration of paper entries
  'COUNTS_NOT_OFFICER',
  'COUNTS_NOTHING_TO_SIGN',
  'COUNTS_ALREADY_SIGNED',
  'COUNTS_NOT_COSIGNED',
  'PAPER_ARBITRATION_INVALID',
  'MEETING_SETTINGS_LOCKED',
  // bundle work: an Excel workbook over the caps on its size, inflated size, rows or cells
  'EXCEL_TOO_LARGE',
  // bundle work: an update that changes who signed the session (downgrade or another key)
  'BUNDLE_UPDATE_TRUST_CHANGED',
  'BUNDLE_UPDATE_TRUST_REFUSED',
  // meeting prints and the results workbook (issue 9 items 6–7)
  'PRINT_NO_ROUND',
  'PRINT_NO_RESULTS',
  'RESULTS_EXCEL_NO_VOTE',
  // paneldesk verify (docs/verify-report.md): a sheet bundle checked against its session
  'VERIFY_SESSION_MISMATCH',
  'VERIFY_NOT_ON_ROSTER',
  'VERIFY_DOSSIER_UNKNOWN',
  'VERIFY_NOT_ASSIGNED',
  'VERIFY_RECUSED',
  'VERIFY_CONTENT_CHANGED',
  'VERIFY_SCORES_INVALID',
  // completed demo (paneldesk demo --completed)
  'DEMO_TOO_SMALL',
  // the signed result bundle (docs/bundle-format.md §12; rbundle engineer)
  'RESULT_BUNDLE_NOT_SIGNED',
  'RESULT_BUNDLE_SEAL_NEEDED',
  'RESULT_BUNDLE_SIGNER_KEY_CHANGED',
  'RESULT_BUNDLE_BLOB_CORRUPT',
  'RESULT_BUNDLE_INVALID_DOCUMENT',
  'RESULT_BUNDLE_BAD_RECIPIENT',
  'RESULT_BUNDLE_PRINT_INVALID',
  // the examiner's workspace (issue 11): spot checks, findings, thresholds
  'EXAMINER_SAMPLE_TOO_LARGE',
  'EXAMINER_SAMPLE_EMPTY',
  'EXAMINER_SAMPLE_NOT_FOUND',
  'EXAMINER_NOT_IN_SAMPLE',
  'EXAMINER_REASON_REQUIRED',
  'EXAMINER_FINDINGS_INCOMPLETE',
  'EXAMINER_UNKNOWN_ANOMALY',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Where the problem is: any of these that apply. */
export interface ErrorDetails {
  file?: string;
  entry?: string;
  sheet?: string;
  row?: number;
  column?: string;
  field?: string;
  path?: string;
  expected?: string;
  actual?: string;
  limit?: number | string;
  [key: string]: string | number | boolean | undefined;
}

export interface AppErrorShape {
  code: ErrorCode;
  /** English fallback for logs; the UI renders `code` + `details` through i18n. */
  message: string;
  details?: ErrorDetails;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, details?: ErrorDetails): Result<never> => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});

/** Thrown inside the backend; the dispatcher turns it into `{ok:false}`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: ErrorDetails;
  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (details) this.details = details;
  }
  toShape(): AppErrorShape {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

export function isErrorCode(v: unknown): v is ErrorCode {
  return typeof v === 'string' && (ERROR_CODES as readonly string[]).includes(v);
}
