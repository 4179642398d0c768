import { expect, shot, test } from '../fixtures';

test('first start offers the demo; the overview shows it in Chinese', async ({ app }) => {
  await expect(app.getByText('欢迎使用评审台')).toBeVisible();
  await expect(app.getByText('尚未打开任何评审会')).toBeVisible();
  await shot(app, '01-start-zh');
  await app.getByRole('button', { name: '打开演示评审会' }).click();
  await expect(app.getByRole('heading', { level: 1 })).toContainText('评审会');
  await expect(app.getByTestId('count-dossiers')).toContainText('30');
  await expect(app.getByTestId('count-experts')).toContainText('25');
  await expect(app.getByTestId('count-groups')).toContainText('3');
  // The compliant demo: no committee warning.
  await expect(app.getByText('委员人数为')).toHaveCount(0);
  await expect(app.getByText('低于规定的')).toHaveCount(0);
  await expect(app.getByText('会议日期')).toBeVisible();
  await expect(app.getByTestId('current-role')).toHaveText('秘书');
  await shot(app, '02-overview-zh');
});

test('the rule-breach demo trains the committee warnings', async ({ app }) => {
  await app.getByTestId('open-breach-demo').click();
  await expect(app.getByTestId('count-experts')).toContainText('10');
  await expect(app.getByText('委员人数为 10，应为单数。')).toBeVisible();
  await expect(app.getByText('委员人数 10 人，低于规定的 25 人。')).toBeVisible();
  await expect(app.getByText(/只有 2 人，不少于 3 人/)).toHaveCount(2);
  await shot(app, '02b-overview-breach-demo');
});

test('switching to English translates the UI and is remembered', async ({ app }) => {
  await app.getByRole('button', { name: '打开演示评审会' }).click();
  await expect(app.getByText('会议日期')).toBeVisible();
  await app.getByText('English', { exact: true }).click();
  await expect(app.getByText('Meeting date')).toBeVisible();
  await expect(app.getByRole('menuitem', { name: 'Dossiers' })).toBeVisible();
  await shot(app, '03-overview-en');
  await app.reload();
  await expect(app.getByText('Meeting date')).toBeVisible();
  await app.getByText('中文', { exact: true }).click();
  await expect(app.getByText('会议日期')).toBeVisible();
});

test('search and filters narrow the dossier list; a dossier opens with masked ID and attachments', async ({ app }) => {
  await app.getByRole('button', { name: '打开演示评审会' }).click();
  await app.getByRole('menuitem', { name: '申报材料' }).click();
  const rows = app.getByTestId('dossier-row');
  await expect(app.getByTestId('dossier-total')).toHaveText('共 30 份');
  await shot(app, '04-dossiers-zh');

  // Filter by review group: every row shown is in that group.
  await app.getByTestId('filter-group').click();
  const firstGroup = app.locator('.ant-select-item-option').first();
  const groupName = (await firstGroup.textContent()) ?? '';
  await firstGroup.click();
  await expect(app.getByTestId('dossier-total')).not.toHaveText('共 30 份');
  const groupCells = await rows.locator('[role=cell]:nth-child(6)').allTextContents();
  expect(groupCells.length).toBeGreaterThan(0);
  for (const c of groupCells) expect(c).toBe(groupName);
  await app.getByTestId('filter-group').hover();
  await app.locator('[data-testid=filter-group] .ant-select-clear').click();
  await expect(app.getByTestId('dossier-total')).toHaveText('共 30 份');

  // Green channel filter finds the one green-channel applicant.
  await app.getByTestId('filter-green').click();
  await app.locator('.ant-select-item-option', { hasText: '绿色通道/破格' }).click();
  await expect(app.getByTestId('dossier-total')).toHaveText('共 1 份');
  await rows.first().click();
  await expect(app.getByTestId('green-justification')).toBeVisible();
  await app.keyboard.press('Escape');
  await app.getByTestId('filter-green').hover();
  await app.locator('[data-testid=filter-green] .ant-select-clear').click();

  // Search by name narrows to that applicant.
  const name = (await rows.nth(3).locator('[role=cell]:nth-child(2)').textContent()) ?? '';
  await app.getByPlaceholder('搜索姓名、袋号或单位').fill(name);
  await expect(rows.first().locator('[role=cell]:nth-child(2)')).toHaveText(name);
  const count = await rows.count();
  for (let i = 0; i < count; i++) await expect(rows.nth(i)).toContainText(name);

  await rows.first().click();
  const detail = app.getByTestId('dossier-detail');
  await expect(detail).toBeVisible();
  await expect(detail.getByText(name).first()).toBeVisible();
  await expect(app.getByTestId('id-number')).toHaveText(/^\d{4}\*{10}[\dX]{4}$/);
  await expect(app.getByTestId('attachment-list')).toBeVisible();
  expect(await app.getByTestId('attachment-list').locator('tbody tr').count()).toBeGreaterThan(0);
  await expect(app.getByTestId('eligibility-table')).toBeVisible();
  await shot(app, '05-dossier-zh');
});

test('an applicant failing eligibility is shown as not met', async ({ app }) => {
  await app.getByRole('button', { name: '打开演示评审会' }).click();
  await app.getByRole('menuitem', { name: '申报材料' }).click();
  const failing = app.getByTestId('dossier-row').filter({ hasText: '不符合' }).first();
  await failing.click();
  await expect(app.getByTestId('eligibility-table').getByText('不符合').first()).toBeVisible();
});
