// The committee meeting from the chair's screen on the demo session (25 members, quorum 17): check-in with a late
// arrival, the live quorum, commitments, an electronic round with a keyboard-only private ballot, who has voted (not
// how), closing, results, the count report co-signed by the teller and the scrutineer, and the chair's signature;
// a paper round entered ballot by ballot whose blind second entry catches a mistyped ballot. Bulk steps the UI
// repeats per expert go through the contract.
import { ROOT, expect, shot, test } from '../fixtures';
import { type ExpertRow, enrolAll, invoke, openDemoCast } from '../contract';

void ROOT;
const SESSION = 'demo-jl-xzy-2026';
const PASS = '会议口令-2026';

test('the chair runs a meeting: quorum, late arrival, commitments, a private keyboard ballot, results and signature', async ({ app, host }) => {
  test.setTimeout(300_000);
  const { chair, members } = await openDemoCast(app, host, SESSION, 17);
  await enrolAll(host, SESSION, [chair, ...members], () => PASS);

  // The chair signs in with the chair's own key.
  await app.getByTestId('switch-person').click();
  await app.getByTestId(`sign-in-chair-${chair.id}`).click();
  await app.getByTestId('passphrase-input').fill(PASS);
  await app.getByTestId('passphrase-input').press('Enter');
  await expect(app.getByTestId('current-role')).toContainText(chair.name);

  // 15 check in at the desk before the meeting (bulk), the chair through the screen: 16 of 17 needed.
  for (const e of members.slice(0, 15)) await invoke(host, 'checkIn', { sessionId: SESSION, expertId: e.id, passphrase: PASS });
  await app.getByRole('menuitem', { name: '评审会议' }).click();
  const screen = app.getByTestId('meeting-screen');
  await expect(screen).toBeVisible();
  await app.getByTestId(`check-in-${chair.id}`).click();
  await app.getByTestId('meeting-passphrase').fill(PASS);
  await app.getByTestId('meeting-passphrase').press('Enter');
  await expect(app.getByTestId('meeting-quorum')).toContainText('到会 16 / 25 人，法定人数不少于 17 人');
  await expect(app.getByTestId('meeting-quorum')).toContainText('还差 1 人');

  // The chair opens the meeting; a round can't open below quorum.
  await app.getByTestId('meeting-open').click();
  await expect(app.getByTestId('meeting-opened')).toContainText(chair.name);
  await app.getByTestId('round-open-all').click();
  await expect(screen.getByText('不足法定人数 17 人')).toBeVisible();
  await expect(screen.getByText('MEETING_NO_QUORUM')).toBeVisible();

  // A late arrival checks in with their own passphrase: quorum met, marked late.
  const late = members[15] as ExpertRow;
  await app.getByTestId(`check-in-${late.id}`).click();
  await app.getByTestId('meeting-passphrase').fill(PASS);
  await app.getByTestId('meeting-passphrase').press('Enter');
  await expect(app.getByTestId('meeting-quorum')).toContainText('达到法定人数');
  await expect(app.getByTestId('meeting-experts').locator('tbody tr', { hasText: late.name })).toContainText('迟到');

  // The teller and the scrutineer (计票人, 监票人): two experts present.
  const [teller, scrutineer] = [members[0] as ExpertRow, members[1] as ExpertRow];
  await app.getByTestId('teller-select').selectOption(teller.id);
  await app.getByTestId('scrutineer-select').selectOption(scrutineer.id);
  await app.getByTestId('officers-save').click();
  await expect(app.getByTestId('scrutineer-select')).toHaveValue(scrutineer.id);

  // Commitments: the chair's through the screen, the others at the desk.
  await app.getByTestId(`commit-${chair.id}`).click();
  await app.getByTestId('meeting-passphrase').fill(PASS);
  await app.getByTestId('meeting-passphrase').press('Enter');
  await expect(app.getByTestId('meeting-experts').locator('tbody tr', { hasText: chair.name })).toContainText('已签署');
  for (const e of members.slice(0, 16)) await invoke(host, 'signCommitment', { sessionId: SESSION, expertId: e.id, passphrase: PASS });
  await shot(app, '30-meeting-checkin');

  // Round 1 over every dossier.
  await app.getByRole('menuitem', { name: '评审进度' }).click();
  await app.getByRole('menuitem', { name: '评审会议' }).click();
  await app.getByTestId('round-open-all').click();
  await expect(app.getByTestId('round-status-1')).toHaveText('进行中');
  await expect(app.getByTestId('round-voted-1')).toHaveText('0 / 17');

  // The chair votes on the private screen by keyboard alone: 1 (agree) on the first three, 2 (disagree) on the rest.
  await app.getByTestId(`vote-as-${chair.id}`).click();
  const ballot = app.getByTestId('ballot');
  await expect(ballot).toBeFocused();
  const rows = await app.getByTestId('ballot-row').count();
  expect(rows).toBeGreaterThan(20);
  for (let i = 0; i < rows; i++) await app.keyboard.press(i < 3 ? '1' : '2');
  await expect(app.getByTestId('ballot-passphrase')).toBeFocused();
  await app.getByTestId('ballot-passphrase').fill(PASS);
  await app.keyboard.press('Enter');
  // The screen clears itself: only the tracker code remains.
  await expect(app.getByTestId('vote-tracker')).toContainText(/[2-9A-Z]{4}-[2-9A-Z]{4}/);
  await expect(app.getByTestId('ballot')).toHaveCount(0);
  await expect(app.getByTestId('round-voted-1')).toHaveText('1 / 17');
  const whoCell = app.getByTestId('meeting-rounds').locator('tbody tr').first();
  await expect(whoCell).toContainText(chair.name);
  await expect(whoCell).not.toContainText('同意');
  await shot(app, '31-meeting-voting');

  // The other 16 vote the same way at the voting laptop.
  const round = (await invoke<{ rounds: Array<{ id: string }> }>(host, 'getMeeting', { sessionId: SESSION })).rounds[0] as { id: string };
  for (const e of members.slice(0, 16)) {
    const sheet = await invoke<{ dossiers: Array<{ dossierId: string }> }>(host, 'getBallotSheet', { sessionId: SESSION, expertId: e.id });
    const choices = sheet.dossiers.map((d, i) => ({ dossierId: d.dossierId, choice: i < 3 ? 'agree' : 'disagree' }));
    await invoke(host, 'castBallot', { sessionId: SESSION, roundId: round.id, expertId: e.id, passphrase: PASS, choices });
  }
  // The last ballot closed the round; the results show once every round is closed.
  await app.getByRole('menuitem', { name: '评审进度' }).click();
  await app.getByRole('menuitem', { name: '评审会议' }).click();
  await expect(app.getByTestId('round-status-1')).toHaveText('已结束');
  const results = app.getByTestId('results-table');
  await expect(results.locator('tbody tr')).toHaveCount(30);
  await expect(results.locator('tbody tr').filter({ hasText: '不通过' })).toHaveCount(27);
  await expect(results.locator('tbody tr').filter({ hasText: /通过$/ }).first()).toBeVisible();
  await shot(app, '32-meeting-results');

  // The chair must wait for the count report (计票结果报告单): the teller and the scrutineer sign it with their own
  // passphrases at the desk, over every round's counts.
  await expect(app.getByTestId('results-wait-counts')).toBeVisible();
  await expect(app.getByTestId('results-sign')).toHaveCount(0);
  const report = app.getByTestId('count-report');
  await expect(report.getByTestId('count-report-table').locator('tbody tr')).toHaveCount(30);
  await expect(app.getByTestId('count-sign-teller')).toContainText('未签署');
  await app.getByTestId('count-pass-teller').fill(PASS);
  await app.getByTestId('count-pass-teller').press('Enter');
  await expect(app.getByTestId('count-sign-teller')).toContainText('已签署（密钥指纹');
  await expect(app.getByTestId('results-wait-counts')).toBeVisible();
  await app.getByTestId('count-pass-scrutineer').fill(PASS);
  await app.getByTestId('count-sign-btn-scrutineer').click();
  await expect(app.getByTestId('count-sign-scrutineer')).toContainText('已签署（密钥指纹');
  await expect(app.getByTestId('results-wait-counts')).toHaveCount(0);
  await shot(app, '34-meeting-count-report');

  // The chair signs the results with the chair's key.
  await app.getByTestId('results-passphrase').fill(PASS);
  await app.getByTestId('results-sign').click();
  await expect(app.getByTestId('results-statement')).toContainText('主任委员已签署第 1 版结果');
});

test('paper rounds: the scrutineer’s blind entry catches a mistyped count, then a mistyped ballot when entered ballot by ballot; matching entries close the round', async ({ app, host }) => {
  test.setTimeout(300_000);
  const { chair, members } = await openDemoCast(app, host, SESSION, 16);
  await enrolAll(host, SESSION, [chair, ...members], () => PASS);
  const dossier = (await invoke<{ rows: Array<{ id: string }> }>(host, 'listDossiers', { sessionId: SESSION, specialty: '网络营销' })).rows[3]?.id as string;
  // Set-up at the desk: the chair signs in, 17 check in, the meeting opens, a paper round on one dossier.
  await invoke(host, 'signIn', { sessionId: SESSION, expertId: chair.id, passphrase: PASS, as: 'chair' });
  for (const e of [chair, ...members]) await invoke(host, 'checkIn', { sessionId: SESSION, expertId: e.id, passphrase: PASS });
  await invoke(host, 'openMeeting', { sessionId: SESSION });
  await app.reload();
  await expect(app.getByTestId('current-role')).toContainText(chair.name);
  await app.getByRole('menuitem', { name: '评审会议' }).click();
  const [teller, scrutineer] = [members[0] as ExpertRow, members[1] as ExpertRow];
  await app.getByTestId('teller-select').selectOption(teller.id);
  await app.getByTestId('scrutineer-select').selectOption(scrutineer.id);
  await app.getByTestId('officers-save').click();
  await expect(app.getByTestId('teller-select')).toHaveValue(teller.id);
  await invoke(host, 'openBallotRound', { sessionId: SESSION, dossierIds: [dossier], paper: true });
  await app.getByRole('menuitem', { name: '评审进度' }).click();
  await app.getByRole('menuitem', { name: '评审会议' }).click();
  const panel = app.getByTestId('paper-panel');
  await expect(panel).toBeVisible();

  const enter = async (who: ExpertRow, counts: Record<string, number>) => {
    await app.getByTestId(`paper-entrant-${who.id}`).click();
    for (const [label, v] of Object.entries(counts)) await panel.getByRole('spinbutton', { name: `${dossier} ${label}` }).fill(String(v));
    await app.getByTestId('paper-passphrase').fill(PASS);
    await app.getByTestId('paper-passphrase').press('Enter');
  };
  const good = { 发出: 17, 收回: 17, 有效: 17, 无效: 0, 同意: 12, 不同意: 3, 弃权: 2 };
  await enter(teller, good);
  await expect(app.getByTestId('paper-result')).toContainText('等待另一人背对背录入');
  // The blind second entry starts from empty fields.
  await expect(panel.getByRole('spinbutton', { name: `${dossier} 同意` })).toHaveValue('0');
  // The scrutineer mistypes 同意 13 / 不同意 2: the app shows which fields differ and keeps the round open.
  await enter(scrutineer, { ...good, 同意: 13, 不同意: 2 });
  await expect(app.getByTestId('paper-result')).toContainText('两次录入有 2 处不一致');
  await expect(app.getByTestId('paper-result')).toContainText('同意: 12 / 13');
  await shot(app, '33-meeting-paper-diff');
  // After a recount the scrutineer's entry matches: accepted, the round closes, the results show it.
  await enter(scrutineer, good);
  await expect(app.getByTestId('round-status-1')).toHaveText('已结束');
  await expect(app.getByTestId('meeting-rounds').locator('tbody tr').first()).toContainText(`${teller.name}录入，${scrutineer.name}背对背确认`);
  const row = app.getByTestId('results-table').locator('tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('12');
  await expect(row).not.toContainText('不通过');
  await expect(row).toContainText('通过');

  // Round 2 on paper, ballot by ballot, by keyboard: 1 同意, 2 不同意, 3 弃权, 0 无效 for each of the 17 ballots.
  await invoke(host, 'openBallotRound', { sessionId: SESSION, dossierIds: [dossier], paper: true });
  await app.getByRole('menuitem', { name: '评审进度' }).click();
  await app.getByRole('menuitem', { name: '评审会议' }).click();
  await expect(panel).toBeVisible();
  const stack = '11111111111122230';
  const typeStack = async (who: ExpertRow, keys: string) => {
    await app.getByTestId(`paper-entrant-${who.id}`).click();
    await app.getByTestId('paper-mode-ballots').click();
    await app.getByTestId('paper-ballot-entry').focus();
    for (const k of keys) await app.keyboard.press(k);
    await expect(app.getByTestId('paper-ballot-count')).toContainText(`已录入 ${keys.length} 张表决票`);
    await app.getByTestId('paper-passphrase').fill(PASS);
    await app.getByTestId('paper-passphrase').press('Enter');
  };
  // Backspace takes back a mistyped mark before it is submitted.
  await app.getByTestId(`paper-entrant-${teller.id}`).click();
  await app.getByTestId('paper-mode-ballots').click();
  await app.getByTestId('paper-ballot-entry').focus();
  await app.keyboard.press('3');
  await app.keyboard.press('Backspace');
  await expect(app.getByTestId('paper-ballot-count')).toContainText('已录入 0 张表决票');
  await typeStack(teller, stack);
  await expect(app.getByTestId('paper-result')).toContainText('等待另一人背对背录入');
  // The scrutineer types ballot 5 as 2 (不同意) instead of 1: the counts and the ballot both show the difference.
  await typeStack(scrutineer, `${stack.slice(0, 4)}2${stack.slice(5)}`);
  await expect(app.getByTestId('paper-result')).toContainText('两次录入有 3 处不一致');
  await expect(app.getByTestId('paper-result')).toContainText(`第 5 张 ${dossier}: 同意 / 不同意`);
  await shot(app, '35-meeting-paper-ballot-diff');
  await typeStack(scrutineer, stack);
  await expect(app.getByTestId('round-status-2')).toHaveText('已结束');
  await expect(app.getByTestId('meeting-rounds').locator('tbody tr').nth(1)).toContainText(`${teller.name}逐票录入，${scrutineer.name}逐票背对背确认`);
  // The latest round decides: 12 agree of 17 (the invalid ballot counts against) is exactly two thirds and passes.
  await expect(row).not.toContainText('不通过');
  const tally = await invoke<{ results: Array<{ agree: number; invalid: number; returned: number }> }>(host, 'getRoundTally', {
    sessionId: SESSION,
    roundId: (await invoke<{ rounds: Array<{ id: string }> }>(host, 'getMeeting', { sessionId: SESSION })).rounds[1]?.id,
  });
  expect(tally.results[0]).toMatchObject({ agree: 12, invalid: 1, returned: 17 });
});
