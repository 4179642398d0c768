// Reading the applicants' sheet: clean rows become DossierDocs, every bad cell is reported where it is.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DossierDoc, Id } from '../../../shared/bundle/schema';
import { AppError } from '../../../shared/errors';
import { dossierIdFor, readDossiersXlsx, type DossierContext } from '../../../electron/backend/excel/read-dossiers';
import { DOSSIER_HEADERS, GROUPS, STANDARDS, badCheckId, dossierRow, makeTempDir, validId, writeSheet, type CellValue } from './helpers';

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const ctx = (existing: string[] = []): DossierContext => ({ standards: STANDARDS, groups: GROUPS, existingPacketNos: new Set(existing) });

async function read(rows: ReadonlyArray<ReadonlyArray<CellValue>>, c = ctx(), sheet = '申报人员') {
  const file = path.join(dir, 'dossiers.xlsx');
  await writeSheet(file, rows, { sheet });
  return readDossiersXlsx(file, c);
}

describe('readDossiersXlsx: clean sheets', () => {
  it('imports every row, Chinese text intact, with a title line above the header', async () => {
    const id1 = validId('22010219850301124');
    const id2 = validId('22010419790612002'); // check character X
    const { rows, problems } = await read([
      ['2025 年度网络营销专业职称评审申报人员名单'],
      [...DOSSIER_HEADERS],
      dossierRow(1, { 身份证号: id1, 取得时间: '2015年12月1日' }),
      [],
      dossierRow(2, {
        袋号: '高-002',
        姓名: '欧阳　娜娜',
        性别: '女',
        身份证号: ` ${id2.toLowerCase()} `,
        学历: 14,
        参加工作时间: new Date(Date.UTC(2003, 6, 1)),
        地区: 220104,
        取得时间: null,
        申报级别: '副高级',
        评审类型: '绿色通道',
        评价标准: 'STD-WLYX-S',
        评议组: 'G-EC',
        承诺书: '否',
        破格理由: '  直播带货年销售额 1.2 亿元；\r\n  带动就业 300 人。 ',
      }),
    ]);
    expect(problems).toEqual([]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      id: 'D-001',
      packetNo: '001',
      name: '申报人1',
      gender: '女',
      idNumber: id1,
      education: '21',
      major: '电子商务',
      workStart: '2008-07-01',
      employer: '长春某电子商务有限公司',
      regionCode: '220102',
      currentTitle: '助理工程师',
      currentTitleDate: '2015-12-01',
      series: '工程',
      specialty: '网络营销',
      level: 'intermediate',
      reviewType: 'normal',
      standardId: 'STD-WLYX-M',
      groupId: 'G-EC',
      commitmentSigned: true,
      achievements: [],
      attachments: [],
    });
    const second = rows[1];
    expect(second).toMatchObject({
      packetNo: '高-002',
      name: '欧阳娜娜',
      idNumber: id2,
      education: '14',
      workStart: '2003-07-01',
      regionCode: '220104',
      currentTitleDate: null,
      level: 'associate_senior',
      reviewType: 'green_channel',
      standardId: 'STD-WLYX-S',
      groupId: 'G-EC',
      commitmentSigned: false,
      greenChannelJustification: '直播带货年销售额 1.2 亿元；\n带动就业 300 人。',
    });
    expect(id2.endsWith('X')).toBe(true);
    expect(Id.safeParse(second?.id).success).toBe(true);
    for (const row of rows) expect(DossierDoc.safeParse(row).success).toBe(true);
  });

  it('matches headers written with spaces, full-width brackets, markers and aliases', async () => {
    const headers = [
      ' 袋号* ',
      '姓　名',
      '性别',
      '公民身份号码',
      '学历（代码）',
      '所学专业',
      '参加工作时间(年月日)',
      '单位',
      '地区代码',
      '现职称',
      '取得现职称时间',
      '申报系列',
      '申报专业',
      '申报级别',
      '评审类型',
      '评价标准',
      '专业组',
      '个人承诺书',
      '破格（绿色通道）理由',
    ];
    const { rows, problems } = await read([headers, dossierRow(7, { 学历: '21', 参加工作时间: '2008.07' })]);
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.packetNo, r.employer, r.education, r.workStart, r.groupId])).toEqual([
      ['007', '长春某电子商务有限公司', '21', '2008-07-01', 'G-EC'],
    ]);
  });

  it('ignores columns it does not know and rows that are empty in every known column', async () => {
    const { rows, problems } = await read([
      [...DOSSIER_HEADERS, '备注'],
      dossierRow(1),
      [null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, '（空行）'],
      dossierRow(2),
    ]);
    expect(problems).toEqual([]);
    expect(rows.map((r) => r.packetNo)).toEqual(['001', '002']);
  });
});

describe('readDossiersXlsx: problems', () => {
  it('reports each code at its sheet, Excel row and column, and keeps only the clean rows', async () => {
    const { rows, problems } = await read([
      [...DOSSIER_HEADERS], // row 1
      dossierRow(1), // 2: clean
      dossierRow(2, { 姓名: '  ' }), // 3
      dossierRow(3, { 身份证号: badCheckId('22010219850303124') }), // 4
      dossierRow(4, { 身份证号: '2201021985' }), // 5
      dossierRow(5, { 参加工作时间: '2008-13-01' }), // 6
      dossierRow(6, { 申报级别: '高级' }), // 7
      dossierRow(7, { 评价标准: '会计专业评价标准' }), // 8
      dossierRow(8, { 评议组: '财会组' }), // 9
      dossierRow(9, { 袋号: '001' }), // 10: same 袋号 as row 2
      dossierRow(10, { 地区: '990101' }), // 11
      dossierRow(11, { 学历: '研究生班' }), // 12
      dossierRow(12, { 现工作单位: '某'.repeat(201) }), // 13
      dossierRow(13), // 14: clean
    ]);
    const at = problems.map((p) => [p.row, p.column, p.code]);
    expect(at).toEqual([
      [2, '袋号', 'DUPLICATE'],
      [3, '姓名', 'REQUIRED'],
      [4, '身份证号', 'BAD_ID_CHECKSUM'],
      [5, '身份证号', 'BAD_ID_FORMAT'],
      [6, '参加工作时间', 'BAD_DATE'],
      [7, '申报级别', 'BAD_ENUM'],
      [8, '评价标准', 'UNKNOWN_STANDARD'],
      [9, '评议组', 'UNKNOWN_GROUP'],
      [10, '袋号', 'DUPLICATE'],
      [11, '地区', 'BAD_REGION'],
      [12, '学历', 'BAD_EDUCATION'],
      [13, '现工作单位', 'TOO_LONG'],
    ]);
    expect(new Set(problems.map((p) => p.sheet))).toEqual(new Set(['申报人员']));
    expect(problems.find((p) => p.code === 'BAD_DATE')?.value).toBe('2008-13-01');
    expect(problems.find((p) => p.code === 'UNKNOWN_GROUP')?.value).toBe('财会组');
    // The long value is cut for display; ID numbers are masked.
    expect(problems.find((p) => p.code === 'TOO_LONG')?.value).toHaveLength(61);
    expect(problems.find((p) => p.code === 'BAD_ID_CHECKSUM')?.value).toMatch(/^2201\*{10}\d{3}[\dX]$/);
    expect(rows.map((r) => r.packetNo)).toEqual(['013']);
  });

  it('reports every problem of a row, not only the first', async () => {
    const { rows, problems } = await read([
      [...DOSSIER_HEADERS],
      dossierRow(1, { 性别: '未知', 参加工作时间: '去年', 评审类型: '特批', 承诺书: '不详', 取得时间: '2015/2/30' }),
    ]);
    expect(problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [2, '性别', 'BAD_ENUM'],
      [2, '参加工作时间', 'BAD_DATE'],
      [2, '取得时间', 'BAD_DATE'],
      [2, '评审类型', 'BAD_ENUM'],
      [2, '承诺书', 'BAD_ENUM'],
    ]);
    expect(rows).toEqual([]);
  });

  it('flags both rows of a duplicated ID number, and 袋号 already in the session', async () => {
    const same = validId('22010219850305124');
    const { rows, problems } = await read(
      [[...DOSSIER_HEADERS], dossierRow(1, { 身份证号: same }), dossierRow(2), dossierRow(3, { 身份证号: same })],
      ctx(['002']),
    );
    expect(problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [2, '身份证号', 'DUPLICATE'],
      [3, '袋号', 'DUPLICATE'],
      [4, '身份证号', 'DUPLICATE'],
    ]);
    expect(problems[1]?.value).toBe('002');
    expect(rows).toEqual([]);
  });

  it('refuses an ID number stored as a number: Excel has already lost its last digits', async () => {
    const { problems } = await read([[...DOSSIER_HEADERS], dossierRow(1, { 身份证号: Number('220102198503011240') })]);
    expect(problems.map((p) => [p.row, p.column, p.code])).toEqual([[2, '身份证号', 'BAD_ID_FORMAT']]);
  });

  it('reports a missing required column once, at the header row, and reads no rows', async () => {
    const without = (h: string) => DOSSIER_HEADERS.map((x, i) => [x, i] as const).filter(([x]) => x !== h);
    const cols = without('身份证号');
    const { rows, problems } = await read([['名单'], cols.map(([x]) => x), cols.map(([, i]) => dossierRow(1)[i] ?? null)]);
    expect(problems).toEqual([{ sheet: '申报人员', row: 2, column: '身份证号', code: 'MISSING_COLUMN' }]);
    expect(rows).toEqual([]);
  });

  it('without a 姓名 header, every required column is missing', async () => {
    const { problems } = await read([['序号', '备注'], [1, 'x']]);
    expect(problems.every((p) => p.code === 'MISSING_COLUMN' && p.row === 1)).toBe(true);
    expect(problems.map((p) => p.column)).toContain('姓名');
    expect(problems.map((p) => p.column)).not.toContain('破格理由');
  });
});

describe('readDossiersXlsx: unreadable files', () => {
  it('a text file renamed .xlsx is EXCEL_UNREADABLE', async () => {
    const file = path.join(dir, '名单.xlsx');
    await fs.writeFile(file, '姓名,身份证号\n张三,1\n');
    const err = await readDossiersXlsx(file, ctx()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('EXCEL_UNREADABLE');
    expect((err as AppError).details?.file).toBe(file);
  });

  it('a missing file is EXCEL_UNREADABLE too', async () => {
    await expect(readDossiersXlsx(path.join(dir, 'none.xlsx'), ctx())).rejects.toMatchObject({ code: 'EXCEL_UNREADABLE' });
  });
});

describe('dossierIdFor', () => {
  it('keeps a safe 袋号 and keeps unsafe ones apart', () => {
    expect(dossierIdFor('A-001')).toBe('D-A-001');
    const a = dossierIdFor('甲1');
    const b = dossierIdFor('乙1');
    expect(a).not.toBe(b);
    for (const id of [a, b, dossierIdFor('中'.repeat(20))]) expect(Id.safeParse(id).success).toBe(true);
  });
});
