// The examiner's workspace on the demo session: one group scored through the contract with one expert skewed far
// below the others; the examiner sees the anomaly with its evidence (the sheets side by side), the charts with
// their data, draws a 10% spot check that is the same on a second draw, records two findings, signs, and exports
// the PDF and the Excel (both read back).
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import path from 'node:path';
import { E2E_SECRETARY_PASS, expect, shot, test } from '../fixtures';
import { examinerSignsIn } from '../roles';
import { scoreGroup } from '../../fixtures/examiner-scoring';
import { invoke } from '../contract';

const SESSION = 'demo-jl-xzy-2026';
const EXAMINER_PASS = '审核口令-examiner-2026';
const EXPERT_PASS = '专家口令-examiner-2026';

/** Serious or critical axe findings on the screen as it stands (the full screen table: accessibility.spec.ts). */
async function axeFindings(app: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page: app }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

async function pdfText(file: string): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(file)), isEvalSupported: false, useSystemFonts: false }).promise;
  const text: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text.push(content.items.map((it) => ('str' in it ? it.str : '')).join(''));
  }
  return text.join('\n');
}

test('the examiner finds the skewed expert, draws a reproducible spot check, signs the findings and exports them', async ({ app, host }) => {
  test.setTimeout(480_000);
  await app.getByRole('button', { name: '打开演示评审会' }).click();
  await expect(app.getByTestId('count-dossiers')).toContainText('30');

  // Five experts of one group score every dossier of the group (bulk, through the contract); the first is skewed.
  const groups = await invoke<Array<{ id: string; size: number; members: Array<{ id: string; name: string }> }>>(host, 'listGroups', { sessionId: SESSION });
  const group = groups.reduce((a, b) => (b.size > a.size ? b : a));
  const skewed = group.members[0] as { id: string; name: string };
  await scoreGroup((m, i) => invoke(host, m, i), {
    sessionId: SESSION,
    groupId: group.id,
    expertIds: group.members.slice(0, 5).map((m) => m.id),
    passphrase: EXPERT_PASS,
    skewed: skewed.id,
    skew: 0.25,
    secretaryPass: E2E_SECRETARY_PASS,
  });
  await invoke(host, 'signInSecretary', { passphrase: E2E_SECRETARY_PASS });
  await app.reload();
  await expect(app.getByTestId('current-role')).toHaveText('秘书');
  await examinerSignsIn(app, EXAMINER_PASS);

  // The anomaly, with its evidence.
  await app.getByRole('menuitem', { name: '审核工作台' }).click();
  const table = app.getByTestId('anomaly-table');
  const lenient = table.locator('tr', { has: app.locator('[data-rule="leniency"]') });
  await expect(lenient).toHaveCount(1);
  await expect(lenient).toContainText(skewed.name);
  await expect(lenient).toContainText('中等');
  await shot(app, 'examiner-anomalies');
  expect(await axeFindings(app)).toEqual([]);
  await app.getByTestId('severity-filter').getByText('严重').click();
  await expect(table.locator('[data-rule="leniency"]')).toHaveCount(0);
  await app.getByTestId('severity-filter').getByText('中等').click();
  await lenient.getByRole('button', { name: '评分对照' }).click();
  const sheets = app.getByTestId('sheets-side-by-side');
  await expect(sheets).toBeVisible();
  await expect(sheets.locator('thead')).toContainText(skewed.name);
  const totals = await sheets.locator('[data-testid^="total-"]').allTextContents();
  const mine = await sheets.getByTestId(`total-${skewed.id}`).textContent();
  expect(Math.min(...totals.map(Number))).toBe(Number(mine));
  await shot(app, 'examiner-sheets');

  // Charts, each with its data table; echarts draws on a canvas once loaded.
  await app.getByRole('tab', { name: '统计图表' }).click();
  await expect(app.getByTestId('echart-deviation')).toHaveAttribute('data-chart-ready', '1');
  await expect(app.getByTestId('table-deviation')).toContainText(skewed.name);
  await expect(app.getByTestId('chart-agreement')).toContainText('ICC(2,1)');
  await shot(app, 'examiner-charts');

  // A 10% spot check, stratified by group, seeded by the bundle hash and a stated salt; drawn twice, the same.
  await app.getByRole('tab', { name: '抽查与结论' }).click();
  await app.getByTestId('spot-salt').fill('2026-12-02 抽查');
  await app.getByTestId('spot-draw').click();
  await expect(app.getByTestId('spot-drawn')).toContainText('第 1 次抽取：3 / 30 份');
  const rows = app.getByTestId('spot-table').locator('tbody tr');
  const first = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid')));
  await app.getByTestId('spot-draw').click();
  await expect(app.getByTestId('spot-drawn')).toContainText('第 2 次抽取：3 / 30 份');
  expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid')))).toEqual(first);
  const [a, b] = first.map((id) => (id ?? '').replace(/^spot-/, ''));

  // Two findings: one conforms, one does not, with its reason.
  await app.getByTestId(`conforms-${a}`).click();
  await app.getByTestId(`save-finding-${a}`).click();
  await expect(app.getByTestId(`finding-saved-${a}`)).toBeVisible();
  await app.getByTestId(`not-conforms-${b}`).click();
  await app.getByTestId(`reason-${b}`).fill('评议意见与评分明显不符');
  await app.getByTestId(`save-finding-${b}`).click();
  await expect(app.getByTestId(`finding-saved-${b}`)).toBeVisible();

  // Sign with the examiner's own passphrase, every anomaly acknowledged.
  await app.getByTestId('ack-all').click();
  await app.getByTestId('findings-passphrase').fill(EXAMINER_PASS);
  await app.getByTestId('findings-sign').click();
  await expect(app.getByTestId('findings-signed')).toContainText('已签署第 1 版审核结论');
  const statement = await invoke<{ payloadSha256: string; payload: { findings: Array<{ conforms: boolean | null }> } }>(host, 'getFindingsStatement', { sessionId: SESSION });
  expect(statement.payload.findings.map((f) => f.conforms)).toEqual([true, false, null]);
  await shot(app, 'examiner-signed');
  expect(await axeFindings(app)).toEqual([]);

  // The PDF report, read back.
  await app.getByTestId('findings-pdf').click();
  await expect(app.getByTestId('examiner-notice')).toContainText('已导出', { timeout: 60_000 });
  const pdf = fs.readdirSync(host.downloadsDir).find((f) => f.endsWith('.pdf'));
  expect(pdf ?? '').toMatch(/\.pdf$/);
  const text = await pdfText(path.join(host.downloadsDir, pdf ?? ''));
  expect(text).toContain('审核监督结论');
  expect(text).toContain('评议意见与评分明显不符');
  expect(text).toContain('专家评分偏宽或偏严');
  expect(text.replace(/\s/g, '')).toContain(statement.payloadSha256);

  // The Excel workbook, read back.
  await app.getByTestId('findings-excel').click();
  await expect(app.getByTestId('examiner-notice')).toContainText('.xlsx');
  const xlsx = fs.readdirSync(host.downloadsDir).find((f) => f.endsWith('.xlsx'));
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(host.downloadsDir, xlsx ?? ''));
  expect(wb.worksheets.map((w) => w.name)).toEqual(['审核结论', '抽查', '异常', '专家统计']);
  const spot = wb.getWorksheet('抽查');
  expect([spot?.getRow(2).getCell(3).value, spot?.getRow(3).getCell(3).value, spot?.getRow(4).getCell(3).value]).toEqual(['符合', '不符合', '未检查']);
  expect(spot?.getRow(3).getCell(4).value).toBe('评议意见与评分明显不符');
  const rules: unknown[] = [];
  wb.getWorksheet('异常')?.eachRow((row, n) => {
    if (n > 1) rules.push(row.getCell(2).value);
  });
  expect(rules).toContain('专家评分偏宽或偏严');
});
