// Reading the committee roster: experts, generated numbers, group memberships, and row problems.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExpertDoc } from '../../../shared/bundle/schema';
import { readRosterXlsx } from '../../../electron/backend/excel/read-roster';
import { GROUPS, ROSTER_HEADERS, makeTempDir, rosterRow, writeSheet, type CellValue } from './helpers';

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function read(rows: ReadonlyArray<ReadonlyArray<CellValue>>, extraSheets: string[] = []) {
  const file = path.join(dir, 'roster.xlsx');
  await writeSheet(file, rows, { sheet: '评委名单', extraSheets });
  return readRosterXlsx(file, { groups: GROUPS });
}

describe('readRosterXlsx', () => {
  it('imports experts with their roles and groups, numbering those without 专家编号', async () => {
    const { rows, memberships, problems } = await read(
      [
        [...ROSTER_HEADERS],
        rosterRow(1, { 姓名: '王　建国', 职务: '主任委员', 评议组: '信息技术组、电子商务组', 工作单位: '吉林大学' }),
        rosterRow(2, { 职务: '副主任委员', 专家编号: 'E002', 性别: null, 职称: null, 评议组: 'G-EC' }),
        rosterRow(3, { 性别: '女', 评议组: '电子商务组，信息技术组' }),
        rosterRow(4, { 评议组: null }),
      ],
      ['Sheet2'],
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { id: 'E001', name: '王建国', gender: '男', affiliation: '吉林大学', specialty: '计算机应用技术', title: '教授', role: 'chair' },
      { id: 'E002', name: '专家2', affiliation: '单位2', specialty: '计算机应用技术', role: 'vice_chair' },
      { id: 'E003', name: '专家3', gender: '女', affiliation: '单位3', specialty: '计算机应用技术', title: '教授', role: 'member' },
      { id: 'E004', name: '专家4', gender: '男', affiliation: '单位4', specialty: '计算机应用技术', title: '教授', role: 'member' },
    ]);
    for (const row of rows) expect(ExpertDoc.safeParse(row).success).toBe(true);
    expect(memberships).toEqual([
      { expertId: 'E001', groupId: 'G-IT' },
      { expertId: 'E001', groupId: 'G-EC' },
      { expertId: 'E002', groupId: 'G-EC' },
      { expertId: 'E003', groupId: 'G-EC' },
      { expertId: 'E003', groupId: 'G-IT' },
    ]);
  });

  it('accepts header aliases and full-width spellings', async () => {
    const { rows, problems } = await read([
      ['专家姓名', '性别（男/女）', ' 单位 ', '从事专业', '职称', '评委会职务', '所在评议组'],
      ['李四', '女', '长春工业大学', '电子商务', '副教授', '委员', '电子商务组'],
    ]);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { id: 'E001', name: '李四', gender: '女', affiliation: '长春工业大学', specialty: '电子商务', title: '副教授', role: 'member' },
    ]);
  });

  it('reports every bad row at its Excel row and column', async () => {
    const { rows, memberships, problems } = await read([
      ['评审专家名单'],
      [...ROSTER_HEADERS],
      rosterRow(1), // 3: clean
      rosterRow(2, { 职务: '组长' }), // 4
      rosterRow(3, { 评议组: '信息技术组、财会组' }), // 5
      rosterRow(4, { 姓名: '张三', 工作单位: '吉林大学' }), // 6
      rosterRow(5, { 姓名: '张 三', 工作单位: '吉林大学 ' }), // 7: same person as row 6
      rosterRow(6, { 专业: null, 专家编号: '专家01' }), // 8
      rosterRow(7, { 性别: 'M', 工作单位: '单'.repeat(201) }), // 9
      rosterRow(8, { 专家编号: 'X1' }), // 10
      rosterRow(9, { 专家编号: 'X1' }), // 11
    ]);
    expect(problems.map((p) => [p.row, p.column, p.code, p.value])).toEqual([
      [4, '职务', 'BAD_ENUM', '组长'],
      [5, '评议组', 'UNKNOWN_GROUP', '财会组'],
      [6, '姓名', 'DUPLICATE', '张三'],
      [7, '姓名', 'DUPLICATE', '张 三'],
      [8, '专业', 'REQUIRED', undefined],
      [8, '专家编号', 'BAD_ID_FORMAT', '专家01'],
      [9, '性别', 'BAD_ENUM', 'M'],
      [9, '工作单位', 'TOO_LONG', `${'单'.repeat(60)}…`],
      [10, '专家编号', 'DUPLICATE', 'X1'],
      [11, '专家编号', 'DUPLICATE', 'X1'],
    ]);
    expect(problems.every((p) => p.sheet === '评委名单')).toBe(true);
    expect(rows.map((r) => r.name)).toEqual(['专家1']);
    expect(memberships).toEqual([{ expertId: 'E001', groupId: 'G-IT' }]);
  });

  it('numbers skip numbers the file uses, and rows with problems keep their number', async () => {
    const { rows } = await read([
      [...ROSTER_HEADERS],
      rosterRow(1, { 专家编号: 'E002' }),
      rosterRow(2, { 职务: '?' }), // takes E001, but is not imported
      rosterRow(3), // E003: E002 is taken
    ]);
    expect(rows.map((r) => [r.name, r.id])).toEqual([
      ['专家1', 'E002'],
      ['专家3', 'E003'],
    ]);
  });

  it('a missing required column is MISSING_COLUMN with the expected header', async () => {
    const { rows, problems } = await read([
      ['姓名', '工作单位', '专业'],
      ['李四', '某单位', '电子商务'],
    ]);
    expect(problems).toEqual([{ sheet: '评委名单', row: 1, column: '职务', code: 'MISSING_COLUMN' }]);
    expect(rows).toEqual([]);
  });

  it('a text file renamed .xlsx is EXCEL_UNREADABLE', async () => {
    const file = path.join(dir, 'roster.xlsx');
    await fs.writeFile(file, 'not a workbook');
    await expect(readRosterXlsx(file, { groups: GROUPS })).rejects.toMatchObject({ code: 'EXCEL_UNREADABLE', details: { file } });
  });
});
