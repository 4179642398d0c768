// A whole committee meeting on the demo session, driven from the chair's screen (issue 9 "Done when"): check-in with
// a late arrival, the quorum, the settings, commitments, the teller and the scrutineer, an electronic round for a
// batch (the ten 网络营销 dossiers) with ballots by several experts, a quota tie (six pass for five seats) resolved
// by a re-vote among the tied, a paper re-vote of one dossier whose blind double entry catches a mistyped count, the
// count report co-signed by the teller and the scrutineer, and the chair's signed statement. Steps the UI repeats for
// each of the 17 experts go through the contract after the UI has shown them once.
import { expect, shot, test } from '../fixtures';
import { type ExpertRow, enrolAll, invoke, openDemoCast } from '../contract';

const SESSION = 'demo-jl-xzy-2026';
const PASS = '全程会议-2026';

test('a whole meeting: late arrival, quorum, commitments, a batch round, a quota tie re-vote, a paper re-vote with a caught typo, co-signed counts and the chair’s statement', async ({ app, host }) => {
  test.setTimeout(480_000);
  const { chair, members } = await openDemoCast(app, host, SESSION, 16);
  await enrolAll(host, SESSION, [chair, ...members], () => PASS);
  const marketing = (await invoke<{ rows: Array<{ id: string; name: string }> }>(host, 'listDossiers', { sessionId: SESSION, specialty: '网络营销' })).rows;
  expect(marketing).toHaveLength(10);

  await app.getByTestId('switch-person').click();
  await app.getByTestId(`sign-in-chair-${chair.id}`).click();
  await app.getByTestId('passphrase-input').fill(PASS);
  await app.getByTestId('passphrase-input').press('Enter');
  await expect(app.getByTestId('current-role')).toContainText(chair.name);

  // 15 check in before the meeting, the chair on the screen: 16 present, the quorum of 17 short by one.
  for (const e of members.slice(0, 15)) await invoke(host, 'checkIn', { sessionId: SESSION, expertId: e.id, passphrase: PASS });
  await app.getByRole('menuitem', { name: '评审会议' }).click();
  const checkInOnScreen = async (e: ExpertRow) => {
    await app.getByTestId(`check-in-${e.id}`).click();
    await app.getByTestId('meeting-passphrase').fill(PASS);
    await app.getByTestId('meeting-passphrase').press('Enter');
  };
  await checkInOnScreen(chair);
  await expect(app.getByTestId('meeting-quorum')).toContainText('还差 1 人');

  // The chair's settings, then the meeting opens.
  await expect(app.getByTestId('meeting-settings-form')).toBeVisible();
  await app.getByTestId('settings-revotes').fill('1');
  await app.getByTestId('meeting-open').click();
  await expect(app.getByTestId('meeting-opened')).toContainText(chair.name);

  // The late arrival makes the quorum and is marked late.
  const late = members[15] as ExpertRow;
  await checkInOnScreen(late);
  await expect(app.getByTestId('meeting-quorum')).toContainText('达到法定人数');
  await expect(app.getByTestId('meeting-experts').locator('tbody tr', { hasText: late.name })).toContainText('迟到');

  // Teller and scrutineer; commitments (the chair's on the screen; the secretary sees who has signed).
  const [teller, scrutineer] = [members[0] as ExpertRow, members[1] as ExpertRow];
  await app.getByTestId('teller-select').selectOption(teller.id);
  await app.getByTestId('scrutineer-select').selectOption(scrutineer.id);
  await app.getByTestId('officers-save').click();
  await expect(app.getByTestId('scrutineer-select')).toHaveValue(scrutineer.id);
  await app.getByTestId(`commit-${chair.id}`).click();
  await app.getByTestId('meeting-passphrase').fill(PASS);
  await app.getByTestId('meeting-passphrase').press('Enter');
  await expect(app.getByTestId('meeting-experts').locator('tbody tr', { hasText: chair.name })).toContainText('已签署');
  for (const e of members) await invoke(host, 'signCommitment', { sessionId: SESSION, expertId: e.id, passphrase: PASS });
  await app.getByRole('menuitem', { name: '评审进度' }).click();
  await app.getByRole('menuitem', { name: '评审会议' }).click();
  await expect(app.getByTestId('meeting-experts').locator('tbody tr', { hasText: '已签署' })).toHaveCount(17);

  // Round 1 for a batch: the ten 网络营销 dossiers, picked by specialty.
  await app.getByTestId('round-batch').locator('summary').click();
  await app.getByTestId('batch-specialty').selectOption('网络营销');
  await app.getByTestId('batch-pick-shown').click();
  await app.getByTestId('round-open-selected').click();
  await expect(app.getByTestId('round-status-1')).toHaveText('进行中');
  await expect(app.getByTestId('round-voted-1')).toHaveText('0 / 17');
  // The settings are now fixed and read-only.
  await expect(app.getByTestId('meeting-settings')).toContainText('设置已固定');
  await expect(app.getByTestId('meeting-settings-form')).toHaveCount(0);

  // Several experts vote on the private screen by keyboard: agree on the first six, disagree on the last four.
  const keys = '1111112222';
  for (const e of [chair, late]) {
    await app.getByTestId(`vote-as-${e.id}`).click();
    await expect(app.getByTestId('ballot')).toBeFocused();
    for (const k of keys) await app.keyboard.press(k);
    await app.getByTestId('ballot-passphrase').fill(PASS);
    await app.keyboard.press('Enter');
    await expect(app.getByTestId('vote-tracker')).toContainText(/[2-9A-Z]{4}-[2-9A-Z]{4}/);
  }
  await expect(app.getByTestId('round-voted-1')).toHaveText('2 / 17');
  const rounds = async () => (await invoke<{ rounds: Array<{ id: string; dossierIds: string[] }> }>(host, 'getMeeting', { sessionId: SESSION })).rounds;
  const r1 = (await rounds())[0] as { id: string; dossierIds: string[] };
  for (const e of members.slice(0, 15)) {
    const choices = r1.dossierIds.map((dossierId, i) => ({ dossierId, choice: keys[i] === '1' ? 'agree' : 'disagree' }));
    await invoke(host, 'castBallot', { sessionId: SESSION, roundId: r1.id, expertId: e.id, passphrase: PASS, choices });
  }

  // Six passed with 17 each for five seats: a tie at the cut line. The chair opens the re-vote among the tied.
  await app.getByRole('menuitem', { name: '评审进度' }).click();
  await app.getByRole('menuitem', { name: '评审会议' }).click();
  await expect(app.getByTestId('round-status-1')).toHaveText('已结束');
  await expect(app.getByTestId('quota-tie')).toContainText('有 6 人同票，争 5 个名额');
  await app.getByTestId('tie-revote-q-specialty-wlyx').click();
  await expect(app.getByTestId('round-status-2')).toHaveText('进行中');
  const r2 = (await rounds())[1] as { id: string; dossierIds: string[] };
  expect(r2.dossierIds).toHaveLength(6);
  const sixth = r1.dossierIds[5] as string;
  for (const [i, e] of [chair, ...members].entries()) {
    const choices = r2.dossierIds.map((dossierId) => ({ dossierId, choice: dossierId === sixth && i < 3 ? 'disagree' : 'agree' }));
    await invoke(host, 'castBallot', { sessionId: SESSION, roundId: r2.id, expertId: e.id, passphrase: PASS, choices });
  }
  await app.getByRole('menuitem', { name: '评审进度' }).click();
  await app.getByRole('menuitem', { name: '评审会议' }).click();
  await expect(app.getByTestId('round-status-2')).toHaveText('已结束');
  await expect(app.getByTestId('quota-tie')).toHaveCount(0);
  const sixthName = marketing.find((d) => d.id === sixth)?.name as string;
  await expect(app.getByTestId('results-table').locator('tbody tr', { hasText: sixthName })).toContainText('超出限额');

  // A re-vote (重新表决) of one failed dossier on paper: the chair picks it alone.
  const failed = r1.dossierIds[7] as string;
  await app.getByTestId('round-batch').locator('summary').click();
  await app.getByTestId(`batch-pick-${failed}`).check();
  await app.getByTestId('round-open-selected-paper').click();
  await expect(app.getByTestId('round-status-3')).toHaveText('进行中');
  const panel = app.getByTestId('paper-panel');
  const enter = async (who: ExpertRow, counts: Record<string, number>) => {
    await app.getByTestId(`paper-entrant-${who.id}`).click();
    for (const [label, v] of Object.entries(counts)) await panel.getByRole('spinbutton', { name: `${failed} ${label}` }).fill(String(v));
    await app.getByTestId('paper-passphrase').fill(PASS);
    await app.getByTestId('paper-passphrase').press('Enter');
  };
  const good = { 发出: 17, 收回: 17, 有效: 16, 无效: 1, 同意: 10, 不同意: 4, 弃权: 2 };
  await enter(teller, good);
  await expect(app.getByTestId('paper-result')).toContainText('等待另一人背对背录入');
  // The scrutineer's deliberately mistyped count (不同意 5, 弃权 1) is caught field by field.
  await enter(scrutineer, { ...good, 不同意: 5, 弃权: 1 });
  await expect(app.getByTestId('paper-result')).toContainText('两次录入有 2 处不一致');
  await expect(app.getByTestId('paper-result')).toContainText(`${failed} 不同意: 4 / 5`);
  await enter(scrutineer, good);
  await expect(app.getByTestId('round-status-3')).toHaveText('已结束');
  await expect(app.getByTestId('meeting-rounds').locator('tbody tr').nth(2)).toContainText(`${teller.name}录入，${scrutineer.name}背对背确认`);

  // The results: five within the quota, the sixth cut by the re-vote, the paper re-vote failed (10 of 17).
  const results = app.getByTestId('results-table');
  await expect(results.locator('tbody tr')).toHaveCount(10);
  await expect(results.locator('tbody tr').filter({ hasText: '在限额内' })).toHaveCount(5);
  await expect(results.locator('tbody tr', { hasText: marketing.find((d) => d.id === failed)?.name as string })).toContainText('不通过');

  // The count report over the three rounds, co-signed by the teller and the scrutineer; then the chair signs.
  await expect(app.getByTestId('count-report-table').locator('tbody tr')).toHaveCount(10 + 6 + 1);
  await expect(app.getByTestId('results-wait-counts')).toBeVisible();
  for (const officer of ['teller', 'scrutineer']) {
    await app.getByTestId(`count-pass-${officer}`).fill(PASS);
    await app.getByTestId(`count-pass-${officer}`).press('Enter');
    await expect(app.getByTestId(`count-sign-${officer}`)).toContainText('已签署（密钥指纹');
  }
  await app.getByTestId('results-passphrase').fill(PASS);
  await app.getByTestId('results-sign').click();
  await expect(app.getByTestId('results-statement')).toContainText('主任委员已签署第 1 版结果');
  await shot(app, '36-meeting-full-signed');

  // The signed statement names the co-signed counts.
  const report = await invoke<{ countsSha256: string; complete: boolean }>(host, 'getCountReport', { sessionId: SESSION });
  expect(report.complete).toBe(true);
  const audit = await invoke<{ rows: Array<{ kind: string }> }>(host, 'listAuditEvents', { sessionId: SESSION, kinds: ['ballot.counts_signed', 'results.signed'] });
  expect(audit.rows.map((r) => r.kind).sort()).toEqual(['ballot.counts_signed', 'ballot.counts_signed', 'results.signed']);
});
