// The meeting's prints and the results workbook from the meeting screen, on the demo session: a short meeting (one
// expert re-enrolled after a revocation, a late arrival, one electronic round, the chair's signed statement), then
// the minutes, the 投票结果表 and the 公示 list printed through the UI to A4 PDFs whose text (pdf.js) holds the
// expected names, counts, fingerprints and hash; the notice period skips the 国庆 week the secretary entered; the
// Excel export read back with exceljs carries the full ID numbers the screens mask.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { RESULTS_EXCEL_COLUMNS, RESULTS_EXCEL_SHEET } from '../../../shared/prints/results-excel';
import { E2E_SECRETARY_PASS, SHOTS, expect, shot, test } from '../fixtures';
import type { TestHost } from '../host/server';
import { type ExpertRow, enrolAll, invoke, openDemoCast } from '../contract';

const SESSION = 'demo-jl-xzy-2026';
const PASS = '会议口令-2026';

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

/**
 * Clicks a print button and returns the text of the PDF it saved (the file starting with `prefix`); its first page
 * is also kept as an image (test-results/screens/prints-<testId>.png) for a look.
 */
async function printed(app: Page, host: TestHost, testId: string, prefix: string) {
  await app.getByTestId(testId).click();
  await expect(app.getByTestId('prints-notice')).toContainText(`已保存 PDF：${prefix}`, { timeout: 90_000 });
  const file = fs.readdirSync(host.downloadsDir).find((f) => f.startsWith(prefix) && f.endsWith('.pdf'));
  expect(file, `a PDF saved as ${prefix}…`).toMatch(/\.pdf$/);
  const full = path.join(host.downloadsDir, file ?? '');
  fs.mkdirSync(SHOTS, { recursive: true });
  try {
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', full, path.join(SHOTS, `prints-${testId}`)]);
  } catch {
    // pdftoppm (poppler-utils) is optional: the text checks are the test.
  }
  return pdfText(full);
}

const flat = (s: string) => s.replace(/\s/g, '');

test('minutes, 投票结果表 and 公示 print from the meeting screen as readable A4, and the results Excel reads back', async ({ app, host }) => {
  test.setTimeout(420_000);
  const { chair, members } = await openDemoCast(app, host, SESSION, 17);
  await enrolAll(host, SESSION, [chair, ...members], () => PASS);
  // One expert forgot their passphrase: the key is revoked with a reason and a new ceremony gives another (issue 8).
  const reEnrolled = members[4] as ExpertRow;
  await invoke(host, 'revokeExpertKey', { sessionId: SESSION, expertId: reEnrolled.id, reason: '专家遗忘口令' });
  await enrolAll(host, SESSION, [reEnrolled], () => PASS);

  // The secretary enters the 国庆 holidays on the meeting screen.
  await app.getByRole('menuitem', { name: '评审会议' }).click();
  await app.getByTestId('notice-holidays').fill('2026-10-01~2026-10-07');
  await app.getByTestId('notice-holidays-save').click();
  await expect(app.getByTestId('prints-notice')).toContainText('已保存 7 个节假日');

  // The meeting, at the desk: 17 on time, one late, one electronic round over every dossier (three pass).
  await invoke(host, 'signIn', { sessionId: SESSION, expertId: chair.id, passphrase: PASS, as: 'chair' });
  const onTime = [chair, ...members.slice(0, 16)];
  const late = members[16] as ExpertRow;
  for (const e of onTime) await invoke(host, 'checkIn', { sessionId: SESSION, expertId: e.id, passphrase: PASS });
  await invoke(host, 'openMeeting', { sessionId: SESSION });
  await invoke(host, 'checkIn', { sessionId: SESSION, expertId: late.id, passphrase: PASS });
  await invoke(host, 'designateOfficers', { sessionId: SESSION, tellerId: members[0]?.id, scrutineerId: members[1]?.id });
  const voters = [...onTime, late];
  for (const e of voters) await invoke(host, 'signCommitment', { sessionId: SESSION, expertId: e.id, passphrase: PASS });
  const round = await invoke<{ id: string }>(host, 'openBallotRound', { sessionId: SESSION });
  for (const e of voters) {
    const sheet = await invoke<{ dossiers: Array<{ dossierId: string }> }>(host, 'getBallotSheet', { sessionId: SESSION, expertId: e.id });
    const choices = sheet.dossiers.map((d, i) => ({ dossierId: d.dossierId, choice: i < 3 ? 'agree' : 'disagree' }));
    await invoke(host, 'castBallot', { sessionId: SESSION, roundId: round.id, expertId: e.id, passphrase: PASS, choices });
  }
  const results = await invoke<{ dossiers: Array<{ dossierId: string; name: string; employer: string; outcome: { decision: string } }> }>(host, 'getMeetingResults', { sessionId: SESSION });
  const passed = results.dossiers.filter((d) => d.outcome.decision === 'passed');
  const failed = results.dossiers.filter((d) => d.outcome.decision !== 'passed');
  expect(passed).toHaveLength(3);
  // The teller and the scrutineer co-sign the counts (计票结果报告单) before the chair signs.
  for (const id of [members[0]?.id, members[1]?.id]) await invoke(host, 'coSignCounts', { sessionId: SESSION, expertId: id, passphrase: PASS });
  const statement = await invoke<{ payloadSha256: string }>(host, 'signResults', { sessionId: SESSION, passphrase: PASS });
  const short = statement.payloadSha256.slice(0, 16);
  const identities = await invoke<Array<{ expertId: string; fingerprint: string | null }>>(host, 'listIdentities', { sessionId: SESSION });
  const fp = (id: string) => identities.find((i) => i.expertId === id)?.fingerprint ?? '';

  // The chair prints from the meeting screen.
  await app.reload();
  await expect(app.getByTestId('current-role')).toContainText(chair.name);
  await app.getByRole('menuitem', { name: '评审会议' }).click();
  await expect(app.getByTestId('meeting-prints')).toBeVisible();
  await app.getByTestId('meeting-prints').scrollIntoViewIfNeeded();
  await shot(app, '34-meeting-prints');

  // 会议记录.
  const minutes = await printed(app, host, 'print-minutes', '会议记录');
  const m = flat(minutes.text.join('\n'));
  expect(m).toContain('吉林省');
  expect(m).toContain(flat('委员 25 人，实到 18 人（迟到 1 人，提前离场 0 人），缺席 7 人；法定人数不少于 17 人，达到法定人数。'));
  expect(m).toContain(`${late.name}（`);
  expect(m).toContain('回避专家：不计入该材料的出席人数');
  expect(m).toContain(flat('第 1 轮：同意 18，不同意 0，弃权 0，无效 0；需 12 票；通过'));
  expect(m).toContain(flat('已签署 18 人，未签署 0 人。'));
  expect(m).toContain(`${reEnrolled.name}：`);
  expect(m).toContain('原因：专家遗忘口令');
  for (const e of voters) expect(m, e.name).toContain(`${e.name}（`);
  expect(m).toContain(flat(fp(chair.id)));
  expect(m).toContain(flat(fp(reEnrolled.id)));
  expect(m).toContain(short);
  expect(m).toContain(round.id);
  expect(m).toContain('主任委员（签字）');
  minutes.text.forEach((p, i) => expect(flat(p), `minutes page ${i + 1}`).toContain(`${i + 1}/${minutes.pages}`));

  // 投票结果表: 30 rows → 2 pages of at most 20, with the three signature lines on each page.
  const tally = await printed(app, host, 'print-tally', '投票结果表');
  expect(tally.pages).toBe(2);
  const header = flat('序号姓名单位系列/专业/级别应到实到回避发出收回有效同意不同意弃权无效结果轮次');
  for (const [i, p] of tally.text.entries()) {
    const page = flat(p);
    expect(page, `tally page ${i + 1}`).toContain(header);
    for (const sign of ['计票人（签字）', '监票人（签字）', '主任委员（签字）']) expect(page, `${sign} on page ${i + 1}`).toContain(sign);
    expect(page).toContain(short);
  }
  const t = flat(tally.text.join('\n'));
  expect(t).toContain(`（${members[0]?.name ?? ''}）`);
  for (const d of passed) expect(t).toContain(flat(`${d.name}`));
  // A passed row: 应到 25, 实到 18, 回避 0, 发出/收回/有效 18, 同意 18, 不同意 0, 弃权 0, 无效 0, 通过, round 1.
  expect(t).toContain(flat('25 18 0 18 18 18 18 0 0 0 通过 1'));
  expect(t).toContain(flat('25 18 0 18 18 18 0 18 0 0 不通过 1'));

  // 公示 list from 29 September: the notice skips the 国庆 week and the weekend after, so it ends on 12 October.
  await app.getByTestId('notice-start').fill('2026-09-29');
  await expect(app.getByTestId('notice-range')).toContainText('2026-09-29 至 2026-10-12（5 个工作日');
  const notice = await printed(app, host, 'print-notice', '公示名单');
  const n = flat(notice.text.join('\n'));
  expect(n).toContain(flat('公示期为 2026-09-29 至 2026-10-12（5 个工作日）'));
  for (const d of passed) {
    expect(n).toContain(flat(d.name));
    expect(n).toContain(flat(d.employer));
  }
  for (const d of failed) expect(n, d.name).not.toContain(flat(`${d.name}${d.employer}`));
  // Series, specialty and level of each, although the chair scored in one group only.
  expect(n.match(/工程系列/g)?.length ?? 0).toBeGreaterThanOrEqual(passed.length);
  // No expert's name on the public list.
  for (const e of voters) expect(n, e.name).not.toContain(e.name);

  // The secretary exports the Excel for the province.
  await invoke(host, 'signInSecretary', { passphrase: E2E_SECRETARY_PASS });
  await app.reload();
  await expect(app.getByTestId('current-role')).toHaveText('秘书');
  await app.getByRole('menuitem', { name: '评审会议' }).click();
  await app.getByTestId('export-results-excel').click();
  await expect(app.getByTestId('prints-notice')).toContainText('已导出 30 行');
  const xlsx = fs.readdirSync(host.downloadsDir).find((f) => f.endsWith('.xlsx'));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(host.downloadsDir, xlsx ?? ''));
  const ws = wb.getWorksheet(RESULTS_EXCEL_SHEET);
  expect((ws?.getRow(1).values as unknown[]).slice(1)).toEqual([...RESULTS_EXCEL_COLUMNS]);
  const col = (c: (typeof RESULTS_EXCEL_COLUMNS)[number]) => RESULTS_EXCEL_COLUMNS.indexOf(c) + 1;
  const rows: Record<string, unknown>[] = [];
  ws?.eachRow((row, i) => {
    if (i > 1) rows.push(Object.fromEntries(RESULTS_EXCEL_COLUMNS.map((c) => [c, row.getCell(col(c)).value])));
  });
  expect(rows).toHaveLength(30);
  const first = rows.find((r) => r['姓名'] === passed[0]?.name);
  expect(first).toMatchObject({ 结果: '通过', 同意: 18, 不同意: 0, 发出: 18, 轮次: 1, 取得资格方式: '评审' });
  // The full ID number (18 characters with a valid shape), where every screen shows it masked.
  expect(String(first?.['身份证号'])).toMatch(/^\d{17}[\dX]$/);
  expect(rows.filter((r) => r['结果'] === '不通过')).toHaveLength(27);
});

test('the 表决票 of a paper round print one unnamed sheet per expert on the roll, each with the round id', async ({ app, host }) => {
  test.setTimeout(300_000);
  const { chair, members } = await openDemoCast(app, host, SESSION, 16);
  await enrolAll(host, SESSION, [chair, ...members], () => PASS);
  await invoke(host, 'signIn', { sessionId: SESSION, expertId: chair.id, passphrase: PASS, as: 'chair' });
  for (const e of [chair, ...members]) await invoke(host, 'checkIn', { sessionId: SESSION, expertId: e.id, passphrase: PASS });
  await invoke(host, 'openMeeting', { sessionId: SESSION });
  const dossiers = await invoke<Array<{ dossierId: string; name: string }>>(host, 'listPrintDossiers', { sessionId: SESSION });
  const voted = dossiers.slice(0, 2);
  const round = await invoke<{ id: string }>(host, 'openBallotRound', { sessionId: SESSION, dossierIds: voted.map((d) => d.dossierId), paper: true });

  await app.reload();
  await app.getByRole('menuitem', { name: '评审会议' }).click();
  const ballots = await printed(app, host, 'print-ballots-1', '表决票');
  expect(ballots.pages).toBe(17);
  for (const [i, p] of ballots.text.entries()) {
    const page = flat(p);
    expect(page, `sheet ${i + 1}`).toContain(`轮次编号：${round.id}`);
    expect(page).toContain(flat(`第 ${i + 1} / 17 张`));
    expect(page).toContain('同意不同意弃权');
    for (const d of voted) expect(page).toContain(flat(d.name));
    for (const e of [chair, ...members]) expect(page, e.name).not.toContain(e.name);
    expect(page).toContain('结果未签署');
  }
});
