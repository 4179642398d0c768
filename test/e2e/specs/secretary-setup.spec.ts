import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildDemoSession } from '../../../electron/backend/demo/demo-session';
import { writeSessionBundle } from '../../../electron/backend/bundles/writer';
import { ROOT, expect, shot, test } from '../fixtures';

const DEMO = path.join(ROOT, 'resources', 'demo', 'demo-session.pdbundle');

test('secretary: import → roster → groups → conflicts → attendance', async ({ app, host }) => {
  host.queuePick(DEMO);
  await app.getByRole('button', { name: '导入评审包…' }).click();
  await expect(app.getByTestId('import-done')).toContainText('30 份材料、25 位专家、56 个附件');
  await app.getByTestId('import-done').getByRole('button', { name: '打开' }).click();
  await expect(app.getByTestId('count-dossiers')).toContainText('30');

  await app.getByRole('menuitem', { name: '会议准备' }).click();
  // Roster: 25 experts, chair first.
  const roster = app.getByTestId('roster-table');
  await expect(roster.locator('tbody tr')).toHaveCount(25);
  await expect(roster.locator('tbody tr').first()).toContainText('主任委员');
  await shot(app, '07-setup-roster');

  // Review groups: three of 8–9, none flagged.
  await app.getByRole('tab', { name: '评议组' }).click();
  await expect(app.getByTestId('group-card')).toHaveCount(3);
  await expect(app.getByTestId('groups').getByText('人，不少于')).toHaveCount(0);

  // Conflicts: two declared, one suggestion (same organisation) to confirm with a reason.
  await app.getByRole('tab', { name: '回避' }).click();
  const conflicts = app.getByTestId('conflicts-table');
  await expect(conflicts.locator('tbody tr')).toHaveCount(2);
  const suggestions = app.getByTestId('suggestions-table');
  await expect(suggestions.locator('tbody tr')).toHaveCount(1);
  await expect(suggestions).toContainText('孙雅琴');
  await shot(app, '08-setup-conflicts');
  await suggestions.getByRole('button', { name: '确认回避' }).click();
  const dialog = app.getByRole('dialog');
  await expect(dialog.getByRole('textbox')).toHaveValue('专家与申报人同单位');
  await dialog.getByRole('button', { name: '确认回避' }).click();
  await expect(conflicts.locator('tbody tr')).toHaveCount(3);
  await expect(suggestions).toContainText('没有待处理的回避建议');
  await expect(conflicts.locator('tbody tr', { hasText: '孙雅琴' })).toContainText('系统建议');

  // Dismissing a declared conflict needs a reason: the OK button stays disabled until one is typed.
  await conflicts.locator('tbody tr').first().getByRole('button', { name: '撤销回避' }).click();
  const ok = app.getByRole('dialog').getByRole('button', { name: '不需回避' });
  await expect(ok).toBeDisabled();
  await app.getByRole('dialog').getByRole('textbox').fill('经核实已调离该单位');
  await ok.click();
  await expect(conflicts.locator('tbody tr').first()).toContainText('不回避');
  await expect(conflicts.locator('tbody tr').first()).toContainText('经核实已调离该单位');

  // Attendance: quorum of 25 is 17.
  await app.getByRole('tab', { name: '签到' }).click();
  await expect(app.getByTestId('quorum')).toContainText('已到会 0 / 25 人');
  const switches = app.getByTestId('attendance-table').getByRole('switch');
  for (let i = 0; i < 16; i++) await switches.nth(i).click();
  await expect(app.getByTestId('quorum')).toContainText('法定人数不少于 17 人，还差 1 人');
  await switches.nth(16).click();
  await expect(app.getByTestId('quorum')).toContainText('已到会 17 / 25 人，达到法定人数');
  await shot(app, '09-setup-attendance');

  // Standards viewer.
  await app.getByRole('tab', { name: '评价标准' }).click();
  await expect(app.getByTestId('standard-items').locator('tbody tr').first()).toBeVisible();
  await shot(app, '10-setup-standards');

  // Everything above was written to SQLite: a reload shows it again.
  await app.reload();
  await app.getByRole('menuitem', { name: '会议准备' }).click();
  await app.getByRole('tab', { name: '签到' }).click();
  await expect(app.getByTestId('quorum')).toContainText('已到会 17 / 25 人');
});

test('importing the same bundle twice is refused with a translated, coded error', async ({ app, host }) => {
  host.queuePick(DEMO);
  await app.getByRole('button', { name: '导入评审包…' }).click();
  await expect(app.getByTestId('import-done')).toBeVisible();
  host.queuePick(DEMO);
  await app.getByRole('button', { name: '导入评审包…' }).click();
  await expect(app.getByTestId('import-error')).toContainText('该评审会的这一版本（第 1 版）已经导入');
  await expect(app.getByTestId('import-error')).toContainText('BUNDLE_SAME_VERSION');
});

test('a tampered bundle is rejected naming the entry, and nothing is saved', async ({ app, host }) => {
  const tampered = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pd-tamper-')), 'tampered.pdbundle');
  const bytes = fs.readFileSync(DEMO);
  // Flip one byte inside the first stored PDF attachment (stored, so its bytes are verbatim in the zip).
  const at = bytes.indexOf(Buffer.from('%PDF-'));
  bytes[at + 20] = bytes[at + 20] === 0x41 ? 0x42 : 0x41;
  fs.writeFileSync(tampered, bytes);
  host.queuePick(tampered);
  await app.getByRole('button', { name: '导入评审包…' }).click();
  const err = app.getByTestId('import-error');
  await expect(err).toContainText('data/attachments/');
  await expect(err).toContainText('数据库和数据文件夹均未改动');
  await shot(app, '11-import-error');
  const sessions = await host.backend.invoke('listSessions', {});
  expect(sessions).toEqual({ ok: true, value: [] });
});

test('a generated 1,000-dossier bundle imports from the UI with a progress bar', async ({ app, host }) => {
  test.setTimeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-big-'));
  const file = path.join(dir, 'big.pdbundle');
  const demo = buildDemoSession({ dossiers: 1000, experts: 25, attachmentsPerDossier: 2, seed: 7 });
  await writeSessionBundle(file, demo.content, demo.blobs);
  host.queuePick(file);
  await app.getByRole('button', { name: '导入评审包…' }).click();
  await expect(app.getByTestId('import-progress')).toBeVisible();
  await expect(app.getByTestId('import-progress').getByRole('progressbar')).toBeVisible();
  await expect(app.getByTestId('import-done')).toContainText('1000 份材料', { timeout: 120_000 });
  await app.getByTestId('import-done').getByRole('button', { name: '打开' }).click();
  await app.getByRole('menuitem', { name: '申报材料' }).click();
  await expect(app.getByTestId('dossier-total')).toHaveText('共 1000 份');
  // Virtualized: far fewer rows in the DOM than dossiers.
  expect(await app.getByTestId('dossier-row').count()).toBeLessThan(100);
  fs.rmSync(dir, { recursive: true, force: true });
});
