// Each role's main workflow with the keyboard alone (issue 13): no click after the person is at the desk.
// Who is at the desk is set through the backend (test/e2e/roles.ts); the identity dialogs have their own specs.
import type { Locator, Page } from '@playwright/test';
import { expect, shot, test } from '../fixtures';
import { actAs, firstExperts, passFor, submitFirstSheet } from '../roles';

/** Presses Tab until `target` has focus; fails if it is not reached within `max` presses. */
async function tabTo(app: Page, target: Locator, max = 60, key = 'Tab'): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return;
    await app.keyboard.press(key);
  }
  await expect(target, `reached with ${key} within ${max} presses`).toBeFocused();
}

/** The skip link is the first Tab stop of a freshly loaded page (or reached back with Shift+Tab) and lands in the content. */
async function skipToContent(app: Page, fresh = false): Promise<void> {
  const skip = app.getByTestId('skip-link');
  if (fresh) {
    await app.keyboard.press('Tab');
    await expect(skip).toBeFocused();
  } else {
    await tabTo(app, skip, 60, 'Shift+Tab');
  }
  await expect(skip).toBeInViewport();
  await app.keyboard.press('Enter');
  await expect(app.locator('main#main')).toBeFocused();
}

/** From the content, Shift+Tab reaches the menu on the current page; arrows then Enter open another. */
async function menuTo(app: Page, current: string, target: string): Promise<void> {
  await app.locator('main#main').focus();
  await app.keyboard.press('Shift+Tab');
  await expect(app.locator('.app-nav .ant-menu-item-selected')).toBeFocused();
  await expect(app.locator('.app-nav :focus')).toHaveText(current);
  const items = await app.locator('.app-nav [role="menuitem"]').allInnerTexts();
  const from = items.indexOf(current);
  const to = items.indexOf(target);
  expect(to, `${target} is in the menu`).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < Math.abs(to - from); i++) await app.keyboard.press(to > from ? 'ArrowDown' : 'ArrowUp');
  await expect(app.locator('.app-nav :focus')).toHaveText(target);
  await app.keyboard.press('Enter');
  await expect(app.locator('.app-nav .ant-menu-item-selected')).toHaveText(target);
}

test('secretary set-up by keyboard: skip link, demo, menu from the current page, a recusal and attendance', async ({ app }) => {
  // A freshly loaded page (the first-run form left focus where its button was).
  await app.reload();
  await expect(app.getByTestId('open-demo')).toBeVisible();
  await skipToContent(app, true);
  await tabTo(app, app.getByTestId('open-demo'));
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('count-dossiers')).toBeVisible();

  await menuTo(app, '会议概览', '会议准备');
  // Tabs: focus the tab list, arrows to 回避 (recusals: after roster, expert keys and groups), Enter.
  await tabTo(app, app.locator('.ant-tabs-tab-active .ant-tabs-tab-btn'), 20, 'Tab');
  await app.keyboard.press('ArrowRight');
  await app.keyboard.press('ArrowRight');
  await app.keyboard.press('ArrowRight');
  await app.keyboard.press('Enter');
  await expect(app.locator('.ant-tabs-tab-active')).toHaveAttribute('data-node-key', 'conflicts');
  const suggestion = app.getByTestId('suggestions-table').locator('tbody tr button').first();
  await tabTo(app, suggestion);
  await app.keyboard.press('Enter');
  const dialog = app.getByRole('dialog');
  await expect(dialog.getByRole('textbox')).toHaveValue('专家与申报人同单位');
  await tabTo(app, dialog.getByRole('button', { name: '确认回避' }));
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('conflicts-table').locator('tbody tr')).toHaveCount(3);

  // Attendance: the first switch checked in with Space.
  await tabTo(app, app.locator('.ant-tabs-tab-active .ant-tabs-tab-btn'), 60, 'Shift+Tab');
  await app.keyboard.press('ArrowRight');
  await app.keyboard.press('Enter');
  await expect(app.locator('.ant-tabs-tab-active')).toHaveAttribute('data-node-key', 'attendance');
  await tabTo(app, app.getByTestId('attendance-table').getByRole('switch').first());
  await app.keyboard.press('Space');
  await expect(app.getByTestId('quorum')).toContainText('已到会 1 / 25 人');
});

test('expert scoring by keyboard: A to the attachments and back, submit and sign, ? right after, J to the next', async ({ app, host }) => {
  test.setTimeout(120_000);
  await app.getByTestId('open-demo').click();
  await expect(app.getByTestId('count-dossiers')).toBeVisible();
  const cast = await firstExperts(host);
  await actAs(app, host, 'expert', cast);

  await skipToContent(app);
  await tabTo(app, app.getByTestId('my-dossier-row').first());
  await app.keyboard.press('Enter');
  const sheet = app.getByTestId('score-sheet');
  await expect(sheet).toBeVisible();
  const items = sheet.getByTestId('sheet-item');
  const n = await items.count();
  for (let i = 0; i < n; i++) {
    await expect(items.nth(i).locator(':focus')).toHaveCount(1);
    await app.keyboard.type('1');
    await app.keyboard.press('Enter');
    await expect(items.nth(i).getByTestId('field-status')).toHaveAttribute('data-state', 'saved');
  }
  const opinion = app.getByTestId('opinion-input');
  await expect(opinion).toBeFocused();
  await app.keyboard.type('业绩突出，材料齐全。');

  // Alt+A from inside the opinion box: straight to the attachments; the viewer closes back into the box.
  await app.keyboard.press('Alt+a');
  const view = app.getByTestId('attachment-list').locator('button').first();
  await expect(view).toBeFocused();
  await expect(opinion).toHaveValue('业绩突出，材料齐全。');
  await app.keyboard.press('Enter');
  await expect(app.locator('.viewer-modal .ant-modal-title')).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(app.locator('.viewer-modal .ant-modal-title')).toBeHidden();
  await expect(opinion).toBeFocused();

  // Every control group on the sheet (band pickers, the recommendation) has an accessible name.
  const groups = await sheet.getByRole('radiogroup').all();
  expect(groups.length).toBeGreaterThan(0);
  for (const g of groups) await expect(g).toHaveAccessibleName(/\S/);
  if ((await sheet.getByTestId('recommendation').count()) > 0) await expect(sheet.getByTestId('recommendation')).toHaveAccessibleName('推荐意见');

  await app.keyboard.press('Control+Enter');
  await expect(app.getByTestId('submit-modal')).toBeVisible();
  await expect(app.getByTestId('submit-passphrase')).toBeFocused();
  await app.keyboard.type(passFor(cast.expert.id));
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('sheet-locked')).toBeVisible();
  await expect(app.getByTestId('submit-modal')).toBeHidden();
  // ? opens the key map right after a submit (it once did not).
  await app.keyboard.press('?');
  await expect(app.getByTestId('keymap')).toBeVisible();
  await shot(app, 'keyboard-keymap-after-submit');
  await app.keyboard.press('Escape');
  await expect(app.getByTestId('keymap')).toBeHidden();
  // A from the locked sheet, then J to the next dossier.
  await app.keyboard.press('a');
  await expect(view).toBeFocused();
  const before = await sheet.getAttribute('data-dossier-id');
  await app.keyboard.press('j');
  await expect(sheet).not.toHaveAttribute('data-dossier-id', before ?? '');
});

test('chair unlock by keyboard: pick the dossier, unlock the submitted sheet with a reason', async ({ app, host }) => {
  await app.getByTestId('open-demo').click();
  await expect(app.getByTestId('count-dossiers')).toBeVisible();
  const cast = await firstExperts(host);
  await submitFirstSheet(host, cast);
  await actAs(app, host, 'chair', cast);

  await skipToContent(app);
  await menuTo(app, (await app.locator('.app-nav .ant-menu-item-selected').innerText()).trim(), '评审进度');
  await tabTo(app, app.getByTestId('unlock-dossier'));
  await app.keyboard.type(cast.submittedPacket);
  await app.keyboard.press('Enter');
  const unlock = app.getByTestId('unlock-sheet').first();
  await expect(unlock).toBeVisible();
  await tabTo(app, unlock);
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('unlock-reason')).toBeFocused();
  await app.keyboard.type('评分录入有误，经本人申请解锁');
  await tabTo(app, app.getByTestId('unlock-confirm'));
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('sheet-status-table')).toContainText('评分录入有误，经本人申请解锁');
});

test('examiner reading by keyboard: dossiers, a dossier opened and closed, the audit log verified', async ({ app, host }) => {
  await app.getByTestId('open-demo').click();
  await expect(app.getByTestId('count-dossiers')).toBeVisible();
  const cast = await firstExperts(host);
  await actAs(app, host, 'examiner', cast);

  await skipToContent(app);
  await menuTo(app, '会议概览', '申报材料');
  await tabTo(app, app.getByTestId('dossier-row').first());
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('dossier-detail')).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(app.getByTestId('dossier-detail')).toBeHidden();

  await menuTo(app, '申报材料', '审计日志');
  await tabTo(app, app.getByTestId('audit-screen').getByRole('button').first());
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('audit-verdict')).toBeVisible();
  await expect(app.getByTestId('audit-entries')).toContainText('导入评审包');
});
