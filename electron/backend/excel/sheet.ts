// Reading a secretary's sheet: open the workbook, find the header row, walk the data rows, and
// collect every problem of a row instead of stopping at the first.
import fs from 'node:fs/promises';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import type { Worksheet } from 'exceljs';
import { AppError } from '../../../shared/errors';
import { normalizeHeader, type ColumnSpec } from './columns';
import type { RowProblem, RowProblemCode } from '../../../shared/excel-problems';
import { cellInput, cellText, type CellInput } from './values';

/** A few thousand rows are well under 5 MB; anything far larger is not a roster or a dossier list. */
export const MAX_EXCEL_BYTES = 64 * 1024 * 1024;
/**
 * An .xlsx is a zip, and exceljs holds what it inflates: a small file can unpack to gigabytes. These
 * caps hold some 30,000 rows of 30 columns, far beyond a session's roster or dossier list.
 */
export const EXCEL_LIMITS = { maxInflatedBytes: 64 * 1024 * 1024, maxRows: 50_000, maxCells: 2_000_000 } as const;
/** Title lines above the header are common; a header further down than this is not one. */
const HEADER_SEARCH_ROWS = 50;
const MAX_SHOWN_VALUE = 60;

function unreadable(file: string, reason: unknown): AppError {
  const message = reason instanceof Error ? reason.message : String(reason);
  return new AppError('EXCEL_UNREADABLE', `cannot read ${file} as an Excel workbook: ${message}`, { file });
}

function tooLarge(file: string, reason: string, limit: number, actual: number): AppError {
  return new AppError('EXCEL_TOO_LARGE', `${file}: ${reason} ${actual} is over the limit of ${limit}`, { file, reason, limit, actual: String(actual) });
}

/**
 * Before exceljs inflates anything: the declared sizes of the workbook's parts must stay under the cap,
 * and each part is streamed (yauzl refuses data longer than declared) counting what it really inflates to.
 */
async function checkInflation(file: string): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true, validateEntrySizes: true, autoClose: true }, (err, z) => (err || !z ? reject(unreadable(file, err ?? 'not a zip')) : resolve(z))),
  );
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (err: unknown) => reject(err instanceof AppError ? err : unreadable(file, err)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        total += entry.uncompressedSize;
        if (total > EXCEL_LIMITS.maxInflatedBytes) return reject(tooLarge(file, 'unpacked size', EXCEL_LIMITS.maxInflatedBytes, total));
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(unreadable(file, err ?? 'no data'));
          stream.on('error', (e) => reject(unreadable(file, e)));
          stream.on('data', () => undefined);
          stream.on('end', () => zip.readEntry());
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

/** The first visible worksheet of an .xlsx file; EXCEL_UNREADABLE for anything else. */
export async function openFirstSheet(file: string): Promise<Worksheet> {
  let size: number;
  try {
    size = (await fs.stat(file)).size;
  } catch (err) {
    throw unreadable(file, err);
  }
  if (size > MAX_EXCEL_BYTES) throw tooLarge(file, 'file size', MAX_EXCEL_BYTES, size);
  await checkInflation(file);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (err) {
    throw unreadable(file, err);
  }
  const sheet = workbook.worksheets.find((ws) => ws.state === 'visible') ?? workbook.worksheets[0];
  if (!sheet) throw unreadable(file, 'the workbook has no worksheet');
  if (sheet.rowCount > EXCEL_LIMITS.maxRows) throw tooLarge(file, 'rows', EXCEL_LIMITS.maxRows, sheet.rowCount);
  const cells = sheet.rowCount * sheet.columnCount;
  if (cells > EXCEL_LIMITS.maxCells) throw tooLarge(file, 'cells', EXCEL_LIMITS.maxCells, cells);
  return sheet;
}

export interface Layout<F extends string> {
  sheet: string;
  headerRow: number;
  specs: ReadonlyMap<F, ColumnSpec<F>>;
  /** Column number and header text as written, for the columns found. */
  columns: ReadonlyMap<F, { col: number; header: string }>;
  /** MISSING_COLUMN for each required column not found (then there is nothing else to read). */
  problems: RowProblem[];
}

/** The header row is the first that has the name column (姓名); a column's first matching header wins. */
export function locateColumns<F extends string>(ws: Worksheet, specs: readonly ColumnSpec<F>[], nameField: F): Layout<F> {
  const byHeader = new Map<string, ColumnSpec<F>>();
  for (const spec of specs) {
    for (const h of [spec.header, ...spec.aliases]) byHeader.set(normalizeHeader(h), spec);
  }
  const headersOf = (r: number): Array<{ col: number; header: string; spec: ColumnSpec<F> | undefined }> => {
    const out: Array<{ col: number; header: string; spec: ColumnSpec<F> | undefined }> = [];
    ws.getRow(r).eachCell({ includeEmpty: false }, (cell, col) => {
      const header = cellText(cellInput(cell.value));
      if (header) out.push({ col, header, spec: byHeader.get(normalizeHeader(header)) });
    });
    return out;
  };

  let headerRow = 0;
  let headers: ReturnType<typeof headersOf> = [];
  for (let r = 1; r <= Math.min(ws.rowCount, HEADER_SEARCH_ROWS) && headerRow === 0; r++) {
    const found = headersOf(r);
    if (found.some((h) => h.spec?.field === nameField)) {
      headerRow = r;
      headers = found;
    }
  }

  const columns = new Map<F, { col: number; header: string }>();
  for (const h of headers) {
    if (h.spec && !columns.has(h.spec.field)) columns.set(h.spec.field, { col: h.col, header: h.header });
  }
  const sheet = ws.name;
  const problems: RowProblem[] = specs
    .filter((s) => s.required && !columns.has(s.field))
    .map((s) => ({ sheet, row: Math.max(headerRow, 1), column: s.header, code: 'MISSING_COLUMN' as const }));
  return { sheet, headerRow, specs: new Map(specs.map((s) => [s.field, s])), columns, problems };
}

function shown(value: string): string {
  return value.length > MAX_SHOWN_VALUE ? `${value.slice(0, MAX_SHOWN_VALUE)}…` : value;
}

/** One data row: its values by field, and the problems found in it so far. */
export class RowScope<F extends string> {
  readonly problems: RowProblem[] = [];

  constructor(
    private readonly layout: Layout<F>,
    readonly row: number,
    private readonly values: ReadonlyMap<F, CellInput>,
  ) {}

  value(field: F): CellInput {
    return this.values.get(field) ?? null;
  }

  report(field: F, code: RowProblemCode, value?: string): void {
    const column = this.layout.columns.get(field)?.header ?? this.layout.specs.get(field)?.header ?? field;
    const problem: RowProblem = { sheet: this.layout.sheet, row: this.row, column, code };
    if (value !== undefined && value !== '') problem.value = shown(value);
    this.problems.push(problem);
  }

  /** Cleaned text; undefined when empty (REQUIRED if the column is) or too long (TOO_LONG). */
  text(field: F, clean: (v: CellInput) => string = cellText): string | undefined {
    const s = clean(this.value(field));
    if (s === '') {
      if (this.layout.specs.get(field)?.required) this.report(field, 'REQUIRED');
      return undefined;
    }
    const max = this.layout.specs.get(field)?.max;
    if (max !== undefined && s.length > max) {
      this.report(field, 'TOO_LONG', s);
      return undefined;
    }
    return s;
  }

  /** A parsed value; undefined when empty (REQUIRED if the column is) or unparseable (`code`). */
  parsed<T>(field: F, parse: (v: CellInput) => T | null, code: RowProblemCode): T | undefined {
    const v = this.value(field);
    if (cellText(v) === '') {
      if (this.layout.specs.get(field)?.required) this.report(field, 'REQUIRED');
      return undefined;
    }
    const out = parse(v);
    if (out === null) {
      this.report(field, code, cellText(v));
      return undefined;
    }
    return out;
  }
}

/** The data rows below the header, skipping rows whose columns are all empty. */
export function* dataRows<F extends string>(ws: Worksheet, layout: Layout<F>): Generator<RowScope<F>> {
  for (let r = layout.headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const values = new Map<F, CellInput>();
    let empty = true;
    for (const [field, { col }] of layout.columns) {
      const v = cellInput(row.getCell(col).value);
      values.set(field, v);
      if (cellText(v) !== '') empty = false;
    }
    if (!empty) yield new RowScope(layout, r, values);
  }
}

/** Problems by row, then left to right as the columns stand in the file. */
export function sortProblems<F extends string>(problems: RowProblem[], layout: Layout<F>): RowProblem[] {
  const colOf = new Map([...layout.columns.values()].map((c) => [c.header, c.col]));
  return problems.sort((a, b) => a.row - b.row || (colOf.get(a.column) ?? 0) - (colOf.get(b.column) ?? 0));
}

/** Lookup by id or by name, names compared without spaces and with full-width forms folded. */
export function namedLookup<T extends { id: string; name: string }>(items: readonly T[]): (key: string) => T | undefined {
  const fold = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');
  const byId = new Map(items.map((i) => [i.id, i]));
  const byName = new Map<string, T | null>();
  for (const i of items) {
    const k = fold(i.name);
    // Two items with one name: the name alone cannot say which is meant.
    byName.set(k, byName.has(k) ? null : i);
  }
  return (key) => {
    const k = fold(key);
    return byName.get(k) ?? byId.get(key) ?? byId.get(k) ?? undefined;
  };
}
