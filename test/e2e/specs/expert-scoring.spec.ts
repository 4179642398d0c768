import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startTestHost } from '../host/server';
import { E2E_SECRETARY_PASS, ROOT, expect, setUpDesk, shot, test } from '../fixtures';
import { backToSecretary, enrolInCeremony, signInExpert } from '../roles';
import type { TestHost } from '../host/server';

const SESSION = 'demo-jl-xzy-2026';
const PASS: Record<string, string> = {};
const passFor = (id: string) => (PASS[id] ??= `口令-${id}-2026`);

interface ExpertRow {
  id: string;
  name: string;
  role: string;
  groups: string[];
}

async function experts(host: TestHost): Promise<ExpertRow[]> {
  await host.backend.invoke('signInSecretary', { passphrase: E2E_SECRETARY_PASS });
  const r = await host.backend.invoke('listExperts', { sessionId: SESSION });
  if (!r.ok) throw new Error(r.error.code);
  return r.value as ExpertRow[];
}

/** The enrolment ceremony at the secretary's desk, then the expert signs in; returns the fingerprint read aloud. */
async function enrollAndSignIn(app: Page, e: ExpertRow): Promise<string> {
  const fingerprint = await enrolInCeremony(app, e.id, passFor(e.id));
  await signInExpert(app, e.id, e.name, passFor(e.id));
  await expect(app.getByTestId('my-dossiers')).toBeVisible();
  return fingerprint;
}

/**
 * Scores the open sheet with the keyboard alone: per item, a band digit or "1" point, Enter to go on;
 * then the opinion; Ctrl+Enter, the passphrase, Enter. Returns the total shown.
 */
async function scoreOpenSheetByKeyboard(app: Page, expertId: string, opinion: string): Promise<string> {
  const sheet = app.getByTestId('score-sheet');
  await expect(sheet).toBeVisible();
  const items = sheet.getByTestId('sheet-item');
  const n = await items.count();
  for (let i = 0; i < n; i++) {
    const item = items.nth(i);
    const banded = (await item.getByTestId('band-picker').count()) > 0;
    // Focus is where the previous Enter left it: on this item.
    await expect(item.locator(':focus')).toHaveCount(1);
    await app.keyboard.type(banded ? '1' : '1');
    await app.keyboard.press('Enter');
    await expect(item.getByTestId('field-status')).toHaveAttribute('data-state', 'saved');
  }
  await expect(app.getByTestId('opinion-input')).toBeFocused();
  await app.keyboard.type(opinion);
  await app.keyboard.press('Control+Enter');
  await expect(app.getByTestId('submit-modal')).toBeVisible();
  await expect(app.getByTestId('submit-opinion')).toContainText(opinion);
  await app.keyboard.type(passFor(expertId));
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('sheet-locked')).toBeVisible();
  await expect(app.getByTestId('submit-modal')).toBeHidden();
  return (await app.getByTestId('sheet-total').textContent()) ?? '';
}

/** From My Dossiers: Enter opens the focused row; after each submit J goes to the next. */
async function scoreDossiers(app: Page, expertId: string, count: number): Promise<void> {
  await expect(app.getByTestId('my-dossier-row').first()).toBeFocused();
  await app.keyboard.press('Enter');
  for (let i = 0; i < count; i++) {
    await scoreOpenSheetByKeyboard(app, expertId, `评议意见${i + 1}：业绩突出。`);
    if (i < count - 1) {
      const before = await app.getByTestId('score-sheet').getAttribute('data-dossier-id');
      await app.keyboard.press('j');
      await expect(app.getByTestId('score-sheet')).not.toHaveAttribute('data-dossier-id', before ?? '');
    }
  }
}

test('two experts on one laptop score their group by keyboard alone, submit and sign; progress shows counts only', async ({ app, host }) => {
  test.setTimeout(240_000);
  await app.getByRole('button', { name: '打开演示评审会' }).click();
  await expect(app.getByTestId('count-dossiers')).toContainText('30');
  const all = await experts(host);
  const group = (all.find((e) => e.role === 'member') as ExpertRow).groups[0] as string;
  const [a, b] = all.filter((e) => e.role === 'member' && e.groups.includes(group));
  if (!a || !b) throw new Error('need two experts of one group');

  await enrollAndSignIn(app, a);
  await shot(app, '13-my-dossiers');
  await scoreDossiers(app, a.id, 3);
  await shot(app, '14-score-sheet-locked');
  // ? shows the key map.
  await app.keyboard.press('?');
  await expect(app.getByTestId('keymap')).toBeVisible();
  await app.keyboard.press('Escape');

  await enrollAndSignIn(app, b);
  // B sees none of A's work: every row starts unscored (or recused).
  const statuses = await app.getByTestId('my-dossier-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
  expect(statuses.every((s) => s === 'unscored' || s === 'recused')).toBe(true);
  await scoreDossiers(app, b.id, 2);

  // The secretary's desk: progress counts, no scores.
  await backToSecretary(app);
  await app.getByRole('menuitem', { name: '评审进度' }).click();
  const rowOf = (name: string) => app.getByTestId('progress-experts').locator('tbody tr', { hasText: name });
  await expect(rowOf(a.name)).toContainText('3');
  await expect(rowOf(b.name)).toContainText('2');
  await expect(app.getByTestId('progress-screen')).not.toContainText('评议意见');
  await shot(app, '15-progress');
});

test('a third expert scores on a second laptop; the secretary merges the signed sheet bundle', async ({ app, host, browser }) => {
  test.setTimeout(240_000);
  await app.getByRole('button', { name: '打开演示评审会' }).click();
  await expect(app.getByTestId('count-dossiers')).toContainText('30');
  const all = await experts(host);
  const c = all.find((e) => e.role === 'member') as ExpertRow;

  // Secretary: package for C, encrypted with a passphrase.
  await app.getByRole('menuitem', { name: '会议准备' }).click();
  await app.getByRole('tab', { name: '专家离线评分' }).click();
  await app.getByTestId('offline-experts').locator('tbody tr', { hasText: c.name }).getByRole('button', { name: '导出评审包…' }).click();
  const pkgPass = '评审包口令-2026';
  await app.getByLabel('口令', { exact: true }).fill(pkgPass);
  await app.getByLabel('再次输入口令').fill(pkgPass);
  await app.getByRole('button', { name: '继续' }).click();
  await expect(app.getByTestId('offline-notice')).toContainText(c.name);
  const pkg = fs.readdirSync(host.downloadsDir).find((f) => f.endsWith('.age'));
  if (!pkg) throw new Error('no package saved');
  const carried = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pd-usb-')), pkg);
  fs.copyFileSync(path.join(host.downloadsDir, pkg), carried);

  // The expert's own laptop: another data folder, another host, another page.
  const laptopData = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-laptop-'));
  const laptop = await startTestHost({ dataDir: laptopData, resourcesDir: path.join(ROOT, 'resources'), rendererDir: path.join(ROOT, 'dist', 'renderer') });
  const page = await browser.newPage();
  try {
    await page.goto(laptop.url);
    // The expert's own laptop: they hold its desk, so they set its passphrase and run their own ceremony.
    await setUpDesk(page);
    laptop.queuePick(carried);
    await page.getByRole('button', { name: '导入评审包…' }).click();
    const keyForm = page.getByTestId('bundle-key-form');
    await keyForm.locator('input[type="password"]').fill(pkgPass);
    await keyForm.getByRole('button', { name: '解密并导入' }).click();
    await expect(page.getByTestId('import-done')).toBeVisible();
    await page.getByTestId('import-done').getByRole('button', { name: '打开' }).click();
    const fingerprint = await enrollAndSignIn(page, c);
    await scoreDossiers(page, c.id, 2);
    await page.getByTestId('sheet-back').click();
    await page.getByTestId('export-sheets').click();
    await page.getByLabel('口令', { exact: true }).fill(passFor(c.id));
    await page.getByRole('button', { name: '继续' }).click();
    await expect(page.getByTestId('export-sheets-done')).toContainText('已导出 2 张');
    const sheetsFile = fs.readdirSync(laptop.downloadsDir).find((f) => f.endsWith('.pdsheets'));
    if (!sheetsFile) throw new Error('no sheet bundle saved');
    const back = path.join(path.dirname(carried), sheetsFile);
    fs.copyFileSync(path.join(laptop.downloadsDir, sheetsFile), back);

    // Secretary merges: the fingerprint read out by the expert must match before anything is merged.
    host.queuePick(back);
    await app.getByRole('button', { name: '导入评分包…' }).click();
    const preview = app.getByTestId('merge-preview');
    await expect(app.getByTestId('merge-fingerprint')).toHaveText(fingerprint);
    await expect(preview.getByTestId('merge-sheets').locator('tbody tr')).toHaveCount(2);
    const merge = preview.getByRole('button', { name: '合并 2 张评分表' });
    await expect(merge).toBeDisabled();
    await preview.getByRole('checkbox').check();
    await merge.click();
    await expect(app.getByTestId('offline-notice')).toContainText(`已合并 ${c.name} 的 2 张评分表`);
    await shot(app, '16-merge');
    const progress = await host.backend.invoke('getScoringProgress', { sessionId: SESSION });
    if (!progress.ok) throw new Error(progress.error.code);
    const row = (progress.value as { experts: Array<{ expertId: string; submitted: number }> }).experts.find((r) => r.expertId === c.id);
    expect(row?.submitted).toBe(2);
  } finally {
    await page.close();
    await laptop.close();
  }
});
