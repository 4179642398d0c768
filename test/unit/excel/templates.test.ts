// Templates: the headers the readers expect, drop-downs, the 填写说明 sheet, and a clean round trip.
import fs from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOSSIER_COLUMNS, ROSTER_COLUMNS } from '../../../electron/backend/excel/columns';
import { readDossiersXlsx } from '../../../electron/backend/excel/read-dossiers';
import { readRosterXlsx } from '../../../electron/backend/excel/read-roster';
import { CHOICES_SHEET, INSTRUCTIONS_SHEET, writeDossierTemplate, writeRosterTemplate } from '../../../electron/backend/excel/templates';
import { DOSSIER_HEADERS, GROUPS, ROSTER_HEADERS, STANDARDS, dossierRow, makeTempDir, rosterRow } from './helpers';

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const dossierCtx = { standards: STANDARDS, groups: GROUPS };

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

function headerTexts(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.getRow(1).eachCell((cell) => out.push(String(cell.value)));
  return out;
}

/** Column letter → list formula, from the validations exceljs read back. */
function listValidations(ws: ExcelJS.Worksheet): Map<string, string> {
  const model = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> } }).dataValidations.model;
  const out = new Map<string, string>();
  for (const [address, dv] of Object.entries(model)) {
    if (dv?.type === 'list' && address.endsWith('2')) out.set(address.replace(/\d+$/, ''), String(dv.formulae[0]));
  }
  return out;
}

describe('roster template', () => {
  it('has the headers, a frozen bold header, drop-downs and 填写说明; it reads back empty', async () => {
    const file = path.join(dir, '评委名单模板.xlsx');
    await writeRosterTemplate(file);
    const wb = await open(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['评委名单', INSTRUCTIONS_SHEET]);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(headerTexts(ws)).toEqual(ROSTER_COLUMNS.map((c) => c.header));
    expect(headerTexts(ws)).toEqual([...ROSTER_HEADERS]);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(3).width).toBeGreaterThanOrEqual(12); // 工作单位 and 吉林大学 fit
    expect(listValidations(ws)).toEqual(
      new Map([
        ['B', '"男,女"'],
        ['F', '"主任委员,副主任委员,委员"'],
      ]),
    );
    const help = wb.getWorksheet(INSTRUCTIONS_SHEET) as ExcelJS.Worksheet;
    const firstColumn = (help.getColumn(1).values as unknown[]).map(String);
    for (const c of ROSTER_COLUMNS) expect(firstColumn).toContain(c.header);

    expect(await readRosterXlsx(file, { groups: GROUPS })).toEqual({ rows: [], memberships: [], problems: [] });
  });

  it('filled in with exceljs, it imports clean', async () => {
    const file = path.join(dir, 'roster.xlsx');
    await writeRosterTemplate(file);
    const wb = await open(file);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    ws.addRow(rosterRow(1, { 职务: '主任委员' }));
    ws.addRow(rosterRow(2, { 评议组: '信息技术组、电子商务组', 专家编号: 'E010' }));
    await wb.xlsx.writeFile(file);
    const { rows, memberships, problems } = await readRosterXlsx(file, { groups: GROUPS });
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.id, r.name, r.role])).toEqual([
      ['E001', '专家1', 'chair'],
      ['E010', '专家2', 'member'],
    ]);
    expect(memberships).toHaveLength(3);
  });
});

describe('dossier template', () => {
  it('has the headers, text-formatted ID column, drop-downs from the session and 填写说明; it reads back empty', async () => {
    const file = path.join(dir, '申报人员模板.xlsx');
    await writeDossierTemplate(file, dossierCtx);
    const wb = await open(file);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['申报人员', 'visible'],
      [INSTRUCTIONS_SHEET, 'visible'],
      [CHOICES_SHEET, 'hidden'],
    ]);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(headerTexts(ws)).toEqual(DOSSIER_COLUMNS.map((c) => c.header));
    expect(headerTexts(ws)).toEqual([...DOSSIER_HEADERS]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(4).numFmt).toBe('@'); // 身份证号
    const lists = listValidations(ws);
    expect(lists.get('C')).toBe('"男,女"');
    expect(lists.get('N')).toBe('"初级,中级,副高级,正高级"');
    expect(lists.get('O')).toBe('"正常,破格,绿色通道"');
    expect(lists.get('R')).toBe('"是,否"');
    expect(lists.get('P')).toBe(`'${CHOICES_SHEET}'!$A$1:$A$2`);
    expect(lists.get('Q')).toBe(`'${CHOICES_SHEET}'!$B$1:$B$2`);
    const choices = wb.getWorksheet(CHOICES_SHEET) as ExcelJS.Worksheet;
    expect([choices.getCell('A1').value, choices.getCell('A2').value, choices.getCell('B1').value]).toEqual([
      '网络营销专业中级评价标准',
      '网络营销专业副高级评价标准',
      '信息技术组',
    ]);
    const help = wb.getWorksheet(INSTRUCTIONS_SHEET) as ExcelJS.Worksheet;
    const texts = (help.getColumn(3).values as unknown[]).map(String);
    expect(texts).toContain('网络营销专业中级评价标准');
    expect(texts).toContain('电子商务组');

    const empty = await readDossiersXlsx(file, { ...dossierCtx, existingPacketNos: new Set() });
    expect(empty).toEqual({ rows: [], problems: [] });
  });

  it('filled in with exceljs (ID numbers as text, dates as date cells), it imports clean', async () => {
    const file = path.join(dir, 'dossiers.xlsx');
    await writeDossierTemplate(file, dossierCtx);
    const wb = await open(file);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    ws.addRow(dossierRow(1, { 参加工作时间: new Date(Date.UTC(2008, 6, 1)) }));
    ws.addRow(dossierRow(2, { 评审类型: '破格', 破格理由: '主持完成省级重点项目。', 申报级别: '副高级', 评价标准: '网络营销专业副高级评价标准' }));
    await wb.xlsx.writeFile(file);
    const { rows, problems } = await readDossiersXlsx(file, { ...dossierCtx, existingPacketNos: new Set() });
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.id, r.workStart, r.reviewType, r.standardId, r.greenChannelJustification])).toEqual([
      ['D-001', '2008-07-01', 'normal', 'STD-WLYX-M', undefined],
      ['D-002', '2008-07-01', 'exceptional', 'STD-WLYX-S', '主持完成省级重点项目。'],
    ]);
  });

  it('without standards or groups there is no hidden sheet, and the instructions say so', async () => {
    const file = path.join(dir, 'bare.xlsx');
    await writeDossierTemplate(file, { standards: [], groups: [] });
    const wb = await open(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['申报人员', INSTRUCTIONS_SHEET]);
    expect(listValidations(wb.worksheets[0] as ExcelJS.Worksheet).has('P')).toBe(false);
    const help = wb.getWorksheet(INSTRUCTIONS_SHEET) as ExcelJS.Worksheet;
    expect((help.getColumn(1).values as unknown[]).filter((v) => v === '（尚无）')).toHaveLength(2);
  });

  it('replaces an existing file whole and leaves no temporary file behind', async () => {
    const file = path.join(dir, 'out.xlsx');
    await fs.writeFile(file, 'old content');
    await writeDossierTemplate(file, dossierCtx);
    expect(await fs.readdir(dir)).toEqual(['out.xlsx']);
    expect((await fs.readFile(file)).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('a failed write leaves the target untouched', async () => {
    const file = path.join(dir, 'missing-folder', 'out.xlsx');
    await expect(writeRosterTemplate(file)).rejects.toThrow();
    await expect(fs.stat(path.dirname(file))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await fs.readdir(dir)).toEqual([]);
  });
});
