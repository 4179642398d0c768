// The readable audit log end to end: translated entries naming who and what, filters computed by the
// backend, a checkpoint signed from the screen, Excel export, and the A4 print as a real PDF.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ExpertRow } from '../../../shared/types';
import { E2E_SECRETARY_PASS, expect, SHOTS, shot, test } from '../fixtures';

const SESSION = 'demo-jl-xzy-2026';

async function pdfText(file: string): Promise<{ pages: number; text: string[] }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(file)), isEvalSupported: false, useSystemFonts: false }).promise;
  const text: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text.push(content.items.map((it) => ('str' in it ? it.str : '')).join(''));
  }
  return { pages: doc.numPages, text };
}

test('the audit log reads as sentences, filters, signs a checkpoint, exports and prints a readable A4', async ({ app, host }) => {
  await app.getByRole('button', { name: '打开演示评审会' }).click();
  await expect(app.getByTestId('count-dossiers')).toContainText('30');
  // Seed activity through the same contract the screens use: check-ins and one recusal with its reason.
  const listed = await host.backend.invoke('listExperts', { sessionId: SESSION });
  if (!listed.ok) throw new Error('no experts');
  const experts = listed.value as ExpertRow[];
  const [first, second] = experts;
  if (!first || !second) throw new Error('too few experts');
  // Enough entries for several printed pages.
  for (let i = 0; i < 60; i++) await host.backend.invoke('setAttendance', { sessionId: SESSION, expertId: first.id, present: i % 2 === 1 });
  for (const e of experts.slice(0, 12)) await host.backend.invoke('setAttendance', { sessionId: SESSION, expertId: e.id, present: true });
  await host.backend.invoke('setAttendance', { sessionId: SESSION, expertId: second.id, present: false });

  await app.getByRole('menuitem', { name: '审计日志' }).click();
  const verdict = app.getByTestId('audit-verdict');
  await expect(verdict).toContainText('核验通过');
  await expect(verdict).toContainText('已逐条重算全部');
  await expect(verdict).toContainText('尚无签名检查点');
  await expect(verdict).not.toContainText('没有被修改、删除或调换顺序');
  const entries = app.getByTestId('audit-entries');
  await expect(entries).toContainText(`${first.name} 签到`);
  await expect(entries).toContainText(`${second.name} 取消签到（缺席）`);
  await expect(entries).not.toContainText('attendance.set');
  await expect(entries).not.toContainText('desk.');
  await shot(app, 'audit-log');
  // Pages of 50, newest first: the import is the oldest entry, on the last page.
  await expect(app.getByTestId('audit-shown')).toContainText('第 1–50 条');
  await app.getByTestId('audit-next').click();
  await expect(entries).toContainText('导入评审包');
  await app.getByRole('button', { name: '上一页' }).click();

  // Filter by person (computed by the backend): only entries by or about the second expert.
  await app.getByTestId('audit-filter-person').click();
  await app.keyboard.type(second.name);
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('audit-shown')).toContainText('共 2 条');
  await expect(entries).toContainText(`${second.name} 签到`);
  await expect(entries).not.toContainText(`${first.name} 签到`);
  await app.getByRole('button', { name: '清除筛选' }).click();
  // Search matches the translated kind label too.
  await app.getByTestId('audit-filter-search').locator('input').fill('导入评审包');
  await app.getByTestId('audit-filter-search').locator('input').press('Enter');
  await expect(app.getByTestId('audit-shown')).toContainText('共 1 条');
  await app.getByRole('button', { name: '清除筛选' }).click();
  await app.getByTestId('audit-filter-search').locator('input').fill('');
  await app.getByTestId('audit-filter-search').locator('input').press('Enter');

  // A secretary passphrase gives the secretary a signing key (a new one when it changes); the checkpoint is signed from the screen.
  await app.getByRole('menuitem', { name: '会议准备' }).click();
  await app.getByRole('tab', { name: '秘书口令' }).click();
  const tab = app.getByTestId('desk-tab');
  await tab.getByLabel('当前口令').fill(E2E_SECRETARY_PASS);
  await tab.getByLabel('新口令').fill('秘书口令-2026');
  await tab.getByLabel('再次输入口令').fill('秘书口令-2026');
  await tab.getByTestId('desk-save').click();
  await expect(app.getByTestId('desk-saved')).toBeVisible();
  await app.getByRole('menuitem', { name: '审计日志' }).click();
  await app.getByTestId('audit-checkpoint').click();
  await app.getByTestId('audit-checkpoint-pass').fill('秘书口令-2026');
  await app.getByTestId('audit-checkpoint-ok').click();
  await expect(app.getByTestId('audit-notice')).toContainText('已签署检查点');
  await expect(verdict).toContainText('1 个签名检查点有效');
  await expect(entries).toContainText('秘书签署审计检查点');
  const head = ((await app.getByTestId('audit-head').textContent()) ?? '').match(/[0-9a-f]{64}/)?.[0] ?? '';
  expect(head).toMatch(/^[0-9a-f]{64}$/);

  // Excel: every entry, translated kinds, the verification sheet.
  await app.getByTestId('audit-export').click();
  await expect(app.getByTestId('audit-notice')).toContainText('已导出');
  const xlsx = fs.readdirSync(host.downloadsDir).find((f) => f.endsWith('.xlsx'));
  expect(xlsx ?? '').toMatch(/\.xlsx$/);
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(host.downloadsDir, xlsx ?? ''));
  const log = wb.getWorksheet('审计日志');
  const kinds = new Set<string>();
  log?.eachRow((row, n) => {
    if (n > 1) kinds.add(String(row.getCell(3).value));
  });
  expect([...kinds]).toEqual(expect.arrayContaining(['签到', '导入评审包', '签署检查点']));
  expect(String(wb.getWorksheet('核验结果')?.getCell(1, 1).value)).toContain('核验通过');

  // Print: a PDF from headless Chromium, through the same shell call the app makes.
  await app.getByTestId('audit-print').click();
  await expect(app.getByTestId('audit-notice')).toContainText('已保存 PDF', { timeout: 60_000 });
  const pdf = fs.readdirSync(host.downloadsDir).find((f) => f.endsWith('.pdf'));
  expect(pdf ?? '').toMatch(/\.pdf$/);
  const file = path.join(host.downloadsDir, pdf ?? '');
  const { pages, text } = await pdfText(file);
  expect(pages).toBeGreaterThan(1);
  const all = text.join('\n');
  expect(all).toContain('核验通过');
  expect(all).toContain(`${first.name} 签到`);
  expect(all).toContain(`${second.name} 取消签到（缺席）`);
  expect(all).toContain('秘书签署审计检查点');
  expect(all).toContain('吉林省');
  expect(all.replace(/\s/g, '')).toContain(head);
  // Page numbers "X / Y" and the short head in every page's footer.
  text.forEach((p, i) => {
    expect(p.replace(/\s/g, '')).toContain(`${i + 1}/${pages}`);
    expect(p).toContain(head.slice(0, 16));
  });
  expect(all).toContain('秘书（签字）');
  // A look at the first and last pages as images (test-results/screens/audit-print-p1.png, audit-print-last.png).
  fs.mkdirSync(SHOTS, { recursive: true });
  try {
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, path.join(SHOTS, 'audit-print-p1')]);
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', String(pages), '-l', String(pages), '-singlefile', file, path.join(SHOTS, 'audit-print-last')]);
  } catch {
    // pdftoppm (poppler-utils) is optional: the text checks above are the test.
  }
});
