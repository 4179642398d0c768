// Problems found in a secretary's Excel sheet, one per cell. Pure (no Node), so it can move to shared/.
import { AppError } from './errors';

export const ROW_PROBLEM_CODES = [
  'MISSING_COLUMN',
  'REQUIRED',
  'BAD_ID_CHECKSUM',
  'BAD_ID_FORMAT',
  'BAD_DATE',
  'BAD_ENUM',
  'UNKNOWN_STANDARD',
  'UNKNOWN_GROUP',
  'DUPLICATE',
  'BAD_REGION',
  'BAD_EDUCATION',
  'TOO_LONG',
] as const;
export type RowProblemCode = (typeof ROW_PROBLEM_CODES)[number];

export interface RowProblem {
  sheet: string;
  /** 1-based Excel row, counting the header and anything above it. */
  row: number;
  /** The header as written in the file, or the expected header when the column is missing. */
  column: string;
  code: RowProblemCode;
  value?: string;
}

/** i18n key of a problem's message: excel.problem.<CODE>. */
export function problemKey(code: RowProblemCode): `excel.problem.${RowProblemCode}` {
  return `excel.problem.${code}`;
}

/** How many distinct rows have at least one problem (what EXCEL_HAS_PROBLEMS counts). */
export function problemRowCount(problems: readonly RowProblem[]): number {
  return new Set(problems.map((p) => `${p.sheet}\u0000${p.row}`)).size;
}

/** The error a caller throws when it must import nothing because the sheet has problems. */
export function excelProblemsError(file: string, problems: readonly RowProblem[]): AppError {
  const count = problemRowCount(problems);
  return new AppError('EXCEL_HAS_PROBLEMS', `${String(count)} row(s) of ${file} have problems; nothing was imported`, { file, count });
}
