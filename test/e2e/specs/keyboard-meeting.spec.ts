// The chair's meeting with the keyboard alone (issue 13): check-in, opening the meeting, the commitment, opening a
// round, the private ballot and closing the round, with no click once the chair is at the desk. The other experts'
// check-ins, keys and commitments happen at the desk through the contract (each has their own passphrase).
import type { Locator, Page } from '@playwright/test';
import { expect, shot, test } from '../fixtures';
import { actAs, firstExperts, passFor, SESSION } from '../roles';
import { invoke } from '../contract';

/** Presses Tab until `target` has focus; fails if it is not reached within `max` presses. */
async function tabTo(app: Page, target: Locator, max = 80, key = 'Tab'): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await app.keyboard.press(key);
  }
  await expect(target, `reached with ${key} within ${max} presses`).toBeFocused();
}

/** Back to the skip link (Shift+Tab), into the content, Shift+Tab to the menu on the current page, arrows to 评审会议, Enter. */
async function toMeeting(app: Page): Promise<void> {
  // Right after a sign-in or a reload the app may still settle on the role's home page; the keyboard walk is then
  // simply done again from there (still by keyboard).
  await expect(async () => {
    await tabTo(app, app.getByTestId('skip-link'), 120, 'Shift+Tab');
    await app.keyboard.press('Enter');
    await expect(app.locator('main#main')).toBeFocused();
    await app.keyboard.press('Shift+Tab');
    await expect(app.locator('.app-nav .ant-menu-item-selected')).toBeFocused();
    for (let i = 0; i < 8 && (await app.locator('.app-nav :focus').innerText()) !== '评审会议'; i++) await app.keyboard.press('ArrowDown');
    await app.keyboard.press('Enter');
    await expect(app.getByTestId('meeting-screen')).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 30_000 });
}

test('the chair runs check-in, a round, a ballot and closing with the keyboard alone', async ({ app, host }) => {
  test.setTimeout(300_000);
  // The secretary opens the demo (set-up, before the chair is at the desk).
  await app.getByTestId('open-demo').click();
  await expect(app.getByTestId('count-dossiers')).toBeVisible();
  const cast = await firstExperts(host);
  const all = await invoke<Array<{ id: string; role: string }>>(host, 'listExperts', { sessionId: SESSION });
  const members = all.filter((e) => e.role !== 'chair').slice(0, 16);
  for (const e of members) {
    await invoke(host, 'openEnrolment', { sessionId: SESSION, expertId: e.id });
    const row = await invoke<{ keyid: string }>(host, 'enrollExpert', { sessionId: SESSION, expertId: e.id, passphrase: passFor(e.id) });
    await invoke(host, 'confirmExpertKey', { sessionId: SESSION, expertId: e.id, keyid: row.keyid });
    await invoke(host, 'checkIn', { sessionId: SESSION, expertId: e.id, passphrase: passFor(e.id) });
  }
  await actAs(app, host, 'chair', cast);
  const chairPass = passFor(cast.chair.id);

  // Check-in: the chair's own button, the passphrase field takes focus, Enter confirms; 17 present make the quorum.
  await toMeeting(app);
  await tabTo(app, app.getByTestId(`check-in-${cast.chair.id}`));
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('meeting-passphrase')).toBeFocused();
  await app.keyboard.type(chairPass);
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('meeting-quorum')).toContainText('达到法定人数');

  // The settings stay as they are; the chair opens the meeting.
  await tabTo(app, app.getByTestId('meeting-open'));
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('meeting-opened')).toContainText(cast.chair.name);

  // The others sign the commitment at the desk; the chair signs on the screen.
  for (const e of members) await invoke(host, 'signCommitment', { sessionId: SESSION, expertId: e.id, passphrase: passFor(e.id) });
  await app.reload();
  // The reload boots again: wait for the chair's home (the progress) before moving, or the boot's home view wins.
  await expect(app.getByRole('heading', { level: 1, name: '评审进度' })).toBeVisible();
  await toMeeting(app);
  await tabTo(app, app.getByTestId(`commit-${cast.chair.id}`));
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('meeting-passphrase')).toBeFocused();
  await app.keyboard.type(chairPass);
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('meeting-experts').locator('tbody tr', { hasText: '已签署' })).toHaveCount(17);

  // Open a round over every dossier.
  await tabTo(app, app.getByTestId('round-open-all'));
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('round-status-1')).toHaveText('进行中');

  // The private ballot: 1 / 2 / 3 per dossier, the passphrase field takes focus after the last, Enter casts.
  await tabTo(app, app.getByTestId(`vote-as-${cast.chair.id}`));
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('ballot')).toBeFocused();
  const rows = await app.getByTestId('ballot-row').count();
  for (let i = 0; i < rows; i++) await app.keyboard.press(String((i % 3) + 1));
  await expect(app.getByTestId('ballot-passphrase')).toBeFocused();
  // The last choice key moved focus here and left nothing in the field.
  await expect(app.getByTestId('ballot-passphrase')).toHaveValue('');
  await app.keyboard.type(chairPass);
  await expect(app.getByTestId('ballot-passphrase')).toHaveValue(chairPass);
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('vote-tracker')).toContainText(/[2-9A-Z]{4}-[2-9A-Z]{4}/);
  await expect(app.getByTestId('round-voted-1')).toHaveText('1 / 17');

  // The chair closes the round before the others voted (their missing ballots count against).
  await tabTo(app, app.getByTestId('round-close-1'));
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('round-status-1')).toHaveText('已结束');
  await expect(app.getByTestId('count-report')).toBeVisible();
  await shot(app, '37-meeting-keyboard-closed');
});
