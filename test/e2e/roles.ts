// The shared-laptop flows as a person does them: the enrolment ceremony at the secretary's desk,
// signing in as an expert, and the secretary taking the desk back.
import type { Page } from '@playwright/test';
import { E2E_SECRETARY_PASS, expect } from './fixtures';

/** Back to the secretary's desk from whoever is signed in (the secretary passphrase is always asked). */
export async function backToSecretary(app: Page, passphrase = E2E_SECRETARY_PASS): Promise<void> {
  if ((await app.getByTestId('current-role').textContent())?.trim() === '秘书') return;
  await app.getByTestId('switch-person').click();
  await app.getByTestId('desk-passphrase').fill(passphrase);
  await app.getByTestId('back-to-secretary').click();
  await expect(app.getByTestId('current-role')).toHaveText('秘书');
}

/**
 * The enrolment ceremony for one expert, from the secretary's set-up: the expert types their own
 * passphrase twice, the fingerprint is read aloud, the secretary confirms. Returns the fingerprint.
 */
export async function enrolInCeremony(app: Page, expertId: string, passphrase: string): Promise<string> {
  await backToSecretary(app);
  await app.getByRole('menuitem', { name: '会议准备' }).click();
  await app.getByRole('tab', { name: '专家密钥登记' }).click();
  await app.getByTestId(`enrol-${expertId}`).click();
  const ceremony = app.getByTestId('enrol-ceremony');
  await ceremony.getByTestId('passphrase-input').fill(passphrase);
  await ceremony.getByTestId('passphrase-repeat').fill(passphrase);
  await ceremony.getByTestId('identity-submit').click();
  const fingerprint = (await ceremony.getByTestId('enrol-fingerprint').textContent())?.trim() ?? '';
  expect(fingerprint).toMatch(/^[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}$/);
  await ceremony.getByTestId('enrol-confirm').click();
  await expect(ceremony.getByTestId('enrol-done')).toBeVisible();
  await ceremony.getByTestId('enrol-close').click();
  await expect(app.getByTestId(`key-status-${expertId}`)).toHaveText('已核对');
  return fingerprint;
}

/** Signs an enrolled expert in through "switch person" (or from the lock screen). */
export async function signInExpert(app: Page, expertId: string, name: string, passphrase: string, as: 'expert' | 'chair' = 'expert'): Promise<void> {
  if (!(await app.getByTestId('lock-screen').isVisible())) await app.getByTestId('switch-person').click();
  await app.getByTestId(`sign-in-${as}-${expertId}`).click();
  await app.getByTestId('passphrase-input').fill(passphrase);
  await app.getByTestId('passphrase-input').press('Enter');
  await expect(app.getByTestId('current-role')).toContainText(name);
}
