import { E2E_SECRETARY_PASS, expect, test } from '../fixtures';
import { examinerSignsIn } from '../roles';

test('the desk starts locked after a restart; only the secretary passphrase opens the secretary’s desk, and changing it asks the current one', async ({ app, host }) => {
  await app.getByRole('button', { name: '打开演示评审会' }).click();
  await expect(app.getByTestId('count-dossiers')).toContainText('30');
  await app.getByRole('menuitem', { name: '会议准备' }).click();
  await app.getByRole('tab', { name: '秘书口令' }).click();
  const tab = app.getByTestId('desk-tab');
  await tab.getByLabel('当前口令').fill('不是当前口令');
  await tab.getByLabel('新口令').fill('秘书口令-2026');
  await tab.getByLabel('再次输入口令').fill('秘书口令-2026');
  await tab.getByTestId('desk-save').click();
  await expect(tab.locator('[data-error-code]')).toHaveAttribute('data-error-code', 'AUTH_BAD_PASSPHRASE');
  await tab.getByLabel('当前口令').fill(E2E_SECRETARY_PASS);
  await tab.getByTestId('desk-save').click();
  await expect(app.getByTestId('desk-saved')).toBeVisible();

  await app.getByTestId('lock-desk').click();
  await expect(app.getByTestId('lock-screen')).toContainText('评审台已锁定');
  // A reload (a restart of the renderer) stays locked.
  await app.reload();
  await expect(app.getByTestId('lock-screen')).toBeVisible();
  const r = await host.backend.invoke('listConflicts', { sessionId: 'demo-jl-xzy-2026' });
  expect(r.ok ? 'ok' : r.error.code).toBe('CONTRACT_FORBIDDEN');

  await app.getByTestId('unlock-passphrase').fill(E2E_SECRETARY_PASS);
  await app.getByTestId('unlock-desk').click();
  await expect(app.getByTestId('lock-screen').locator('[data-error-code]')).toHaveAttribute('data-error-code', 'AUTH_BAD_PASSPHRASE');
  await app.getByTestId('unlock-passphrase').fill('秘书口令-2026');
  await app.getByTestId('unlock-desk').click();
  await expect(app.getByTestId('current-role')).toHaveText('秘书');
});

test('an examiner signs in with their own passphrase and verifies the audit log, read-only', async ({ app }) => {
  await app.getByRole('button', { name: '打开演示评审会' }).click();
  await expect(app.getByTestId('count-dossiers')).toContainText('30');
  await examinerSignsIn(app, '审核口令-2026-x');
  await app.getByRole('menuitem', { name: '审计日志' }).click();
  await expect(app.getByTestId('audit-verdict')).toContainText('核验通过');
  await expect(app.getByTestId('audit-entries')).toContainText('导入评审包');
});
