import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, shot, test } from '../fixtures';
import { idNumberCheckChar } from '../../../shared/domain/id-number';

const id = (first17: string) => first17 + idNumberCheckChar(first17);

test('secretary: blank template out, a sheet with a bad row in, listed by row and column, then skipped on request', async ({ app, host }) => {
  await app.getByRole('button', { name: '打开演示评审会' }).click();
  await app.getByRole('menuitem', { name: '会议准备' }).click();
  await app.getByRole('tab', { name: 'Excel 导入' }).click();

  // Template: saved through the save dialog, readable, with the instructions sheet.
  await app.getByTestId('excel-dossiers').getByRole('button', { name: '下载空白模板…' }).click();
  await expect(app.getByTestId('excel-dossiers')).toContainText('模板已保存');
  const saved = path.join(host.downloadsDir, '申报人名单模板.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(saved);
  const sheet = wb.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  expect(wb.worksheets.map((w) => w.name)).toContain('填写说明');
  const headers = (sheet.getRow(1).values as unknown[]).filter(Boolean).map(String);
  expect(headers).toContain('身份证号');

  // Fill it in: two good rows and one with a bad ID check digit.
  const standards = await host.backend.invoke('listStandards', { sessionId: 'demo-jl-xzy-2026' });
  const groups = await host.backend.invoke('listGroups', { sessionId: 'demo-jl-xzy-2026' });
  if (!standards.ok || !groups.ok) throw new Error('demo');
  const s0 = (standards.value as Array<{ name: string; level: string }>)[0] as { name: string; level: string };
  const g0 = (groups.value as Array<{ name: string }>)[0] as { name: string };
  const level = { junior: '初级', intermediate: '中级', associate_senior: '副高级', senior: '正高级' }[s0.level] ?? '中级';
  const row = (n: number, idNumber: string) => ({
    袋号: `XL-${n}`, 姓名: `表格申报人${n}`, 性别: '女', 身份证号: idNumber, 学历: '大学本科', 所学专业: '电子商务',
    参加工作时间: '2010-07-01', 现工作单位: '长春表格科技有限公司', 地区: '220102', 现职称: '工程师', 取得时间: '2016-12-01',
    申报系列: '工程', 申报专业: '网络营销', 申报级别: level, 评审类型: '正常', 评价标准: s0.name, 评议组: g0.name, 承诺书: '是',
  });
  const rows = [row(1, id('22010219850301124')), row(2, id('22010219850302124').slice(0, 17) + (id('22010219850302124').endsWith('0') ? '1' : '0')), row(3, id('22010219850303124'))];
  rows.forEach((r, i) => headers.forEach((h, j) => (sheet.getRow(i + 2).getCell(j + 1).value = (r as Record<string, string>)[h] ?? null)));
  const filled = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pd-xl-')), 'filled.xlsx');
  await wb.xlsx.writeFile(filled);

  host.queuePick(filled);
  await app.getByTestId('excel-dossiers').getByRole('button', { name: '选择 Excel 文件导入…' }).click();
  const problems = app.getByTestId('excel-dossiers-problems');
  await expect(problems).toContainText('表格中有 1 行存在问题，未导入任何内容');
  await expect(problems.locator('tbody tr')).toHaveCount(1);
  await expect(problems.locator('tbody tr').first()).toContainText('3');
  await expect(problems.locator('tbody tr').first()).toContainText('身份证号');
  await expect(problems.locator('tbody tr').first()).toContainText('身份证号校验位错误');
  await shot(app, '12-excel-problems');
  const before = await host.backend.invoke('listDossiers', { sessionId: 'demo-jl-xzy-2026', search: 'XL-' });
  expect(before.ok && (before.value as { total: number }).total).toBe(0);

  await problems.getByRole('button', { name: '跳过这些行，导入其余 2 行' }).click();
  await expect(app.getByTestId('excel-dossiers-done')).toContainText('已导入 2 行，跳过有问题的 1 行');
  await app.getByRole('menuitem', { name: '申报材料' }).click();
  await app.getByPlaceholder('搜索姓名、袋号或单位').fill('XL-');
  await expect(app.getByTestId('dossier-total')).toHaveText('共 2 份');
});
