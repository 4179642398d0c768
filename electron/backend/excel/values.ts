// Cell values as exceljs returns them, turned into the plain values of the bundle documents.
import type { CellValue } from 'exceljs';
import { educationRank } from '../../../shared/domain/education';
import { checkIdNumber } from '../../../shared/domain/id-number';
import { EDUCATION_LABELS } from './columns';

/** What a cell holds once formulas, rich text and hyperlinks are unwrapped. */
export type CellInput = string | number | boolean | Date | null;

export function cellInput(v: CellValue | undefined): CellInput {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    const result: unknown = (v as { result?: unknown }).result;
    return result === undefined ? null : cellInput(result as CellValue);
  }
  if ('hyperlink' in v) return cellInput(v.text as CellValue);
  if ('error' in v) return String(v.error);
  return null;
}

const INVISIBLE = /[\u200B-\u200D\uFEFF]/g;

/** Trimmed text, whitespace runs (including the ideographic space) collapsed to one space. */
export function cellText(v: CellInput): string {
  if (v === null) return '';
  if (v instanceof Date) return isoDateOf(v) ?? '';
  const s = typeof v === 'string' ? v : String(v);
  return s.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/** Chinese names are often padded for alignment with an ideographic space (U+3000): the spaces are not part of the name. */
export function personName(v: CellInput): string {
  const s = cellText(v);
  return /[\u3400-\u9fff]/.test(s) ? s.replace(/ /g, '') : s;
}

/** Codes and choices: full-width forms folded, no spaces at all. */
export function codeText(v: CellInput): string {
  return cellText(v).normalize('NFKC').replace(/\s+/g, '');
}

function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y)}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** exceljs reads date cells as UTC midnights. */
function isoDateOf(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * Excel date cells, 2015-07-01, 2015/7/1, 2015.07, 2015年7月1日, 2015年7月, 20150701 and 201507,
 * as YYYY-MM-DD; a month without a day is the 1st. Null when not a real date.
 */
export function parseDate(v: CellInput): string | null {
  if (v instanceof Date) return isoDateOf(v);
  if (typeof v === 'boolean' || v === null) return null;
  // A bare number is only a date when written as YYYYMMDD or YYYYMM; a serial would be ambiguous.
  const s = cellText(typeof v === 'number' ? (Number.isInteger(v) ? String(v) : '') : v)
    .normalize('NFKC')
    .replace(/(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/, '') // a time of day after the date
    .replace(/\s+/g, '')
    .replace(/[年月/.]/g, '-')
    .replace(/日$/, '')
    .replace(/-$/, '');
  const parts = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})?$/.exec(s);
  if (!parts) return null;
  return isoDate(Number(parts[1]), Number(parts[2]), parts[3] === undefined ? 1 : Number(parts[3]));
}

/** A GB/T 4658 two-digit code, or one of the usual labels (大学本科 → 21). */
export function parseEducation(v: CellInput): string | null {
  const s = codeText(v);
  if (/^\d{1,2}$/.test(s)) {
    const code = s.padStart(2, '0');
    return educationRank(code) > 0 ? code : null;
  }
  return EDUCATION_LABELS[s] ?? null;
}

// GB/T 2260 province-level prefixes (11 北京 … 65 新疆, 71 台湾, 81 香港, 82 澳门).
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65,
  71, 81, 82,
]);

export function parseRegion(v: CellInput): string | null {
  const s = codeText(v);
  return /^\d{6}$/.test(s) && PROVINCES.has(Number(s.slice(0, 2))) ? s : null;
}

export type IdNumberResult = { ok: true; value: string } | { ok: false; code: 'BAD_ID_FORMAT' | 'BAD_ID_CHECKSUM'; shown: string };

/**
 * An 18-character resident ID number. A numeric cell always fails: Excel keeps 15 significant digits,
 * so the last three are already lost.
 */
export function parseIdNumber(v: CellInput): IdNumberResult {
  if (typeof v === 'number') {
    return { ok: false, code: 'BAD_ID_FORMAT', shown: Number.isInteger(v) ? BigInt(v).toString() : String(v) };
  }
  const s = codeText(v).toUpperCase();
  const problem = checkIdNumber(s);
  if (problem === null) return { ok: true, value: s };
  return { ok: false, code: problem === 'checksum' ? 'BAD_ID_CHECKSUM' : 'BAD_ID_FORMAT', shown: s };
}

/** One of the table's keys (labels, short forms or codes), or null. */
export function parseChoice<T>(v: CellInput, table: Readonly<Record<string, T>>): T | null {
  const s = codeText(v);
  return Object.hasOwn(table, s) ? (table[s] as T) : Object.hasOwn(table, s.toLowerCase()) ? (table[s.toLowerCase()] as T) : null;
}

/** 是/否 and a few synonyms; a TRUE/FALSE cell is taken as it is. */
export function parseYesNo(v: CellInput, table: Readonly<Record<string, boolean>>): boolean | null {
  if (typeof v === 'boolean') return v;
  return parseChoice(v, table);
}
