// A report as display rows (examiner workspace, CLI): one row per step, then one per failure, each with
// the i18n key of its text (verify.step.* / verify.code.*) and the facts to show beside it.
import type { StepStatus, VerifyReport } from './report';

export interface VerifyRow {
  kind: 'step' | 'failure';
  /** Step number; a failure row carries its step's. */
  n: number;
  /** `verify.step.<id>` or `verify.code.<CODE>`. */
  textKey: string;
  status: StepStatus;
  /** Steps: how many things were checked. */
  checked?: number;
  /** Failures: the code, where, and plain details ("key=value", in a stable order). */
  code?: string;
  path?: string;
  details?: string;
}

export function reportRows(report: VerifyReport): VerifyRow[] {
  const rows: VerifyRow[] = [];
  for (const s of report.steps) {
    rows.push({ kind: 'step', n: s.n, textKey: `verify.step.${s.id}`, status: s.status, checked: s.checked });
    for (const f of s.failures) {
      const details = f.details ? Object.entries(f.details).map(([k, v]) => `${k}=${v === null ? 'null' : String(v)}`).join(' ') : '';
      rows.push({ kind: 'failure', n: s.n, textKey: `verify.code.${f.code}`, status: 'failed', code: f.code, path: f.path, ...(details ? { details } : {}) });
    }
  }
  return rows;
}
