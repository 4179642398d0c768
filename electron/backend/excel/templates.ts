// Blank .xlsx templates for secretaries: the header row the readers expect, drop-down lists, and a
// 填写说明 sheet explaining each column. Written to a temporary file and renamed into place.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { DataValidation, Worksheet } from 'exceljs';
import { AppError } from '../../../shared/errors';
import { fsyncDir, isNoSpace } from '../blobs/fs-util';
import {
  DOSSIER_COLUMNS,
  DOSSIER_SHEET,
  GENDERS,
  LEVEL_LABELS,
  REVIEW_TYPE_LABELS,
  ROLE_LABELS,
  ROSTER_COLUMNS,
  ROSTER_SHEET,
  YES_NO_LABELS,
  type ColumnSpec,
} from './columns';

export const INSTRUCTIONS_SHEET = '填写说明';
/** Hidden sheet holding the long drop-down lists (an inline list is capped at 255 characters). */
export const CHOICES_SHEET = '选项';
/** Drop-downs cover this many data rows; exceljs expands every validated cell when it reads a file back. */
const ROSTER_ROWS = 1000;
const DOSSIER_ROWS = 5000;

const REQUIRED_FILL = 'FFFFF2CC';
const HEADER_FILL = 'FFE7E6E6';

export interface DossierTemplateContext {
  standards: ReadonlyArray<{ id: string; name: string }>;
  groups: ReadonlyArray<{ id: string; name: string }>;
}

export async function writeRosterTemplate(file: string): Promise<void> {
  const wb = newWorkbook();
  const ws = addDataSheet(wb, ROSTER_SHEET, ROSTER_COLUMNS);
  const lists: Partial<Record<string, string>> = {
    gender: inlineList(GENDERS),
    role: inlineList(Object.values(ROLE_LABELS)),
  };
  addValidations(ws, ROSTER_COLUMNS, lists, ROSTER_ROWS);
  addInstructions(wb, ROSTER_COLUMNS, [
    '每行填写一位专家；评议组可填多个，用顿号“、”分隔。',
    '委员人数应为单数，并有主任委员。',
  ]);
  await writeAtomically(wb, file);
}

export async function writeDossierTemplate(file: string, ctx: DossierTemplateContext): Promise<void> {
  const wb = newWorkbook();
  const ws = addDataSheet(wb, DOSSIER_SHEET, DOSSIER_COLUMNS);
  const lists: Partial<Record<string, string>> = {
    gender: inlineList(GENDERS),
    level: inlineList(Object.values(LEVEL_LABELS)),
    reviewType: inlineList(Object.values(REVIEW_TYPE_LABELS)),
    commitment: inlineList(YES_NO_LABELS),
  };
  addInstructions(wb, DOSSIER_COLUMNS, ['每行填写一位申报人；袋号不能重复。'], [
    { title: '本评审会的评价标准', items: ctx.standards },
    { title: '本评审会的评议组', items: ctx.groups },
  ]);
  const standards = choiceNames(ctx.standards);
  const groups = choiceNames(ctx.groups);
  if (standards.length > 0 || groups.length > 0) {
    const choices = wb.addWorksheet(CHOICES_SHEET, { state: 'hidden' });
    standards.forEach((name, i) => (choices.getCell(i + 1, 1).value = name));
    groups.forEach((name, i) => (choices.getCell(i + 1, 2).value = name));
    if (standards.length > 0) lists.standard = `'${CHOICES_SHEET}'!$A$1:$A$${String(standards.length)}`;
    if (groups.length > 0) lists.group = `'${CHOICES_SHEET}'!$B$1:$B$${String(groups.length)}`;
  }
  addValidations(ws, DOSSIER_COLUMNS, lists, DOSSIER_ROWS);
  await writeAtomically(wb, file);
}

function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '评审台 PanelDesk';
  wb.created = new Date();
  return wb;
}

/** Excel measures widths in Latin characters; a Chinese character takes two. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += (ch.codePointAt(0) ?? 0) > 0xff ? 2 : 1;
  return w;
}

function addDataSheet(wb: ExcelJS.Workbook, name: string, specs: readonly ColumnSpec[]): Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  ws.columns = specs.map((s) => ({
    header: s.header,
    key: s.field,
    width: s.field === 'justification' ? 40 : Math.min(40, Math.max(8, displayWidth(s.header), displayWidth(s.example)) + 4),
    // Text columns keep 001 and all 18 digits of an ID number as typed.
    ...(s.text ? { style: { numFmt: '@' } } : {}),
  }));
  const header = ws.getRow(1);
  specs.forEach((s, i) => {
    const cell = header.getCell(i + 1);
    cell.font = { bold: true };
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: s.required ? REQUIRED_FILL : HEADER_FILL } };
    cell.border = { bottom: { style: 'thin' } };
  });
  header.height = 20;
  return ws;
}

function inlineList(values: readonly string[]): string {
  return `"${values.join(',')}"`;
}

/** Names for the drop-down; an id where two items share a name (the readers accept either). */
function choiceNames(items: ReadonlyArray<{ id: string; name: string }>): string[] {
  return items.map((i) => (items.filter((o) => o.name === i.name).length > 1 ? i.id : i.name));
}

// exceljs 4.4 reads and writes worksheet.dataValidations keyed by a range, but leaves it out of its types.
interface ValidationModel {
  dataValidations: { add(range: string, validation: DataValidation): void };
}

function addValidations(ws: Worksheet, specs: readonly ColumnSpec[], lists: Partial<Record<string, string>>, rows: number): void {
  specs.forEach((s, i) => {
    const formula = lists[s.field];
    if (formula === undefined) return;
    const col = ws.getColumn(i + 1).letter;
    (ws as unknown as ValidationModel).dataValidations.add(`${col}2:${col}${String(rows + 1)}`, {
      type: 'list',
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      // A warning, not a stop: the readers also accept short forms such as 副高.
      errorStyle: 'warning',
      errorTitle: '不在可选范围内',
      error: `请从下拉列表中选择${s.header}。`,
    });
  });
}

function addInstructions(
  wb: ExcelJS.Workbook,
  specs: readonly ColumnSpec[],
  extra: readonly string[],
  lists: ReadonlyArray<{ title: string; items: ReadonlyArray<{ id: string; name: string }> }> = [],
): void {
  const ws = wb.addWorksheet(INSTRUCTIONS_SHEET);
  ws.columns = [{ width: 16 }, { width: 10 }, { width: 70 }, { width: 24 }];
  const bold = (row: ExcelJS.Row): void => {
    row.font = { bold: true };
  };
  bold(ws.addRow(['列名', '是否必填', '填写要求', '示例']));
  for (const s of specs) {
    const row = ws.addRow([s.header, s.required ? '必填' : '选填', s.note, s.example]);
    row.getCell(3).alignment = { wrapText: true, vertical: 'top' };
  }
  ws.addRow([]);
  bold(ws.addRow(['说明']));
  const general = [
    '第一行是表头，请不要修改列名；列的顺序可以调整，表头上方可以有标题行。',
    '黄色表头的列为必填。空行会被跳过。',
    '导入时会检查所有行；只要有一行有问题，就不会导入任何内容，并列出每个问题所在的行和列。',
    ...extra,
  ];
  general.forEach((text, i) => ws.addRow([`${String(i + 1)}.`, '', text]));
  for (const list of lists) {
    ws.addRow([]);
    bold(ws.addRow([list.title]));
    bold(ws.addRow(['编号', '', '名称']));
    if (list.items.length === 0) ws.addRow(['（尚无）']);
    for (const item of list.items) ws.addRow([item.id, '', item.name]);
  }
}

/** Temporary file in the same folder, fsync'd, then renamed: the target is never half-written. */
async function writeAtomically(wb: ExcelJS.Workbook, file: string): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${randomUUID()}.tmp`);
  try {
    await wb.xlsx.writeFile(tmp);
    const fh = await fs.open(tmp, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    if (isNoSpace(err)) throw new AppError('DISK_FULL', `no space left while writing ${file}`, { file });
    throw err;
  }
  await fsyncDir(dir);
}
