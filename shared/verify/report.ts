// The verification report (docs/verify-report.md): numbered steps, each passed, failed or not
// applicable, every failure with a stable code and the path it concerns. One shape for every kind of
// file PanelDesk writes, so the CLI, the examiner's checklist and another implementation agree.

export type VerifiedKind = 'session' | 'expert-sheets' | 'result' | 'findings';
/**
 * 'not-run': not checked, because an earlier step failed (nothing after it can be trusted); it only ever follows a
 * failed step. 'not-applicable': there is nothing of that kind to check.
 */
export type StepStatus = 'passed' | 'failed' | 'not-applicable' | 'not-run';

export interface VerifyFailure {
  /** Stable code, e.g. RESULT_SIGNATURE_UNKNOWN_KEY; documented in docs/verify-report.md. */
  code: string;
  /** What it concerns: an entry path in the bundle, optionally with a JSON pointer (`data/results.json#/dossiers/3/passed`). */
  path: string;
  /** Plain facts for the message: expected and actual values, ids. Never prose in one language. */
  details?: Record<string, string | number | boolean | null>;
}

export interface VerifyStep {
  /** 1-based, in the order the spec lists the steps for this kind. */
  n: number;
  /** Stable step id, e.g. 'container', 'manifests', 'roster', 'signatures', 'rounds'. */
  id: string;
  status: StepStatus;
  /** How many things the step checked (entries, signatures, ballots…), for the report's evidence. */
  checked: number;
  failures: VerifyFailure[];
}

export interface VerifyReport {
  /** Version of this report shape (docs/verify-report.md). */
  reportVersion: 1;
  kind: VerifiedKind | null;
  /** SHA-256 (hex) of tagmanifest-sha256.txt's bytes once the container could be read; else null. */
  bundleHash: string | null;
  sessionId: string | null;
  valid: boolean;
  steps: VerifyStep[];
}

/** Exit codes of `paneldesk verify`: 0 valid, 1 invalid, 2 usage (bad arguments, unreadable key file). */
export const VERIFY_EXIT = { valid: 0, invalid: 1, usage: 2 } as const;

export function stepOf(n: number, id: string, checked: number, failures: VerifyFailure[], applicable = true): VerifyStep {
  return { n, id, checked, failures, status: !applicable ? 'not-applicable' : failures.length ? 'failed' : 'passed' };
}

/** A step an earlier failure kept from running. */
export function notRun(n: number, id: string): VerifyStep {
  return { n, id, checked: 0, failures: [], status: 'not-run' };
}

export function reportOf(kind: VerifiedKind | null, bundleHash: string | null, sessionId: string | null, steps: VerifyStep[]): VerifyReport {
  return { reportVersion: 1, kind, bundleHash, sessionId, steps, valid: kind !== null && steps.every((s) => s.status === 'passed' || s.status === 'not-applicable') };
}
