// Builders for the Excel tests: workbooks written with exceljs to a temporary folder, valid ID numbers.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { idNumberCheckChar } from '../../../shared/domain/id-number';

export type CellValue = string | number | boolean | Date | null;

export async function makeTempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'pd-excel-'));
}

/** A valid resident ID number: `first17` plus its GB 11643 check character. */
export function validId(first17: string): string {
  return first17 + idNumberCheckChar(first17);
}

/** The same number with a wrong check character. */
export function badCheckId(first17: string): string {
  const good = idNumberCheckChar(first17);
  return first17 + (good === '0' ? '1' : '0');
}

/** Writes one worksheet (plus `extraSheets`, after it): each array is a row, starting at row 1. */
export async function writeSheet(
  file: string,
  rows: ReadonlyArray<ReadonlyArray<CellValue>>,
  opts: { sheet?: string; extraSheets?: string[] } = {},
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(opts.sheet ?? 'Sheet1');
  rows.forEach((row, i) => {
    row.forEach((v, j) => {
      if (v !== null) ws.getCell(i + 1, j + 1).value = v;
    });
  });
  for (const name of opts.extraSheets ?? []) wb.addWorksheet(name).getCell(1, 1).value = '姓名';
  await wb.xlsx.writeFile(file);
}

export const GROUPS = [
  { id: 'G-IT', name: '信息技术组' },
  { id: 'G-EC', name: '电子商务组' },
];
export const STANDARDS = [
  { id: 'STD-WLYX-M', name: '网络营销专业中级评价标准', evidenceFields: [] },
  { id: 'STD-WLYX-S', name: '网络营销专业副高级评价标准', evidenceFields: [] },
];

export const DOSSIER_HEADERS = [
  '袋号',
  '姓名',
  '性别',
  '身份证号',
  '学历',
  '所学专业',
  '参加工作时间',
  '现工作单位',
  '地区',
  '现职称',
  '取得时间',
  '申报系列',
  '申报专业',
  '申报级别',
  '评审类型',
  '评价标准',
  '评议组',
  '承诺书',
  '破格理由',
] as const;
export type DossierHeader = (typeof DOSSIER_HEADERS)[number];

/** A valid applicant row; `overrides` replace cells by header. */
export function dossierRow(n: number, overrides: Partial<Record<DossierHeader, CellValue>> = {}): CellValue[] {
  const base: Record<DossierHeader, CellValue> = {
    袋号: String(n).padStart(3, '0'),
    姓名: `申报人${String(n)}`,
    性别: '女',
    身份证号: validId(`220102198503${String(n).padStart(2, '0')}124`),
    学历: '大学本科',
    所学专业: '电子商务',
    参加工作时间: '2008-07-01',
    现工作单位: '长春某电子商务有限公司',
    地区: '220102',
    现职称: '助理工程师',
    取得时间: '2015年12月1日',
    申报系列: '工程',
    申报专业: '网络营销',
    申报级别: '中级',
    评审类型: '正常',
    评价标准: '网络营销专业中级评价标准',
    评议组: '电子商务组',
    承诺书: '是',
    破格理由: null,
  };
  const row = { ...base, ...overrides };
  return DOSSIER_HEADERS.map((h) => row[h]);
}

export const ROSTER_HEADERS = ['姓名', '性别', '工作单位', '专业', '职称', '职务', '评议组', '专家编号'] as const;
export type RosterHeader = (typeof ROSTER_HEADERS)[number];

export function rosterRow(n: number, overrides: Partial<Record<RosterHeader, CellValue>> = {}): CellValue[] {
  const base: Record<RosterHeader, CellValue> = {
    姓名: `专家${String(n)}`,
    性别: '男',
    工作单位: `单位${String(n)}`,
    专业: '计算机应用技术',
    职称: '教授',
    职务: '委员',
    评议组: '信息技术组',
    专家编号: null,
  };
  const row = { ...base, ...overrides };
  return ROSTER_HEADERS.map((h) => row[h]);
}
