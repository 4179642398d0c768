// The meeting prints' reads and the results workbook through the contract, on the demo session: score sheets and the
// workbook stay hidden while a round is open; afterwards the sheets come item by item with the signing key, and the
// workbook read back with exceljs holds the province's columns, the full ID number and the deciding round's counts.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Choice } from '../../../shared/domain/ballots';
import { RESULTS_EXCEL_COLUMNS, RESULTS_EXCEL_SHEET } from '../../../shared/prints/results-excel';
import { asSecretary, enrol, err, ok, openHost } from '../../fixtures/demo-host';
import { saveToken } from '../../fixtures/file-tokens';
import { tmpDir } from '../../fixtures/tmp';

const PASS = 'prints pass 1';

describe('meeting prints and the results workbook through the contract', () => {
  it('holidays: the secretary keeps them, staff read them, bad days are refused', async () => {
    const host = openHost(tmpDir('pd-prints-h-'));
    expect(await ok(host, 'getNoticeHolidays', {})).toEqual({ days: [] });
    expect(await ok(host, 'setNoticeHolidays', { days: ['2026-10-02', '2026-10-01', '2026-10-02'] })).toEqual({ days: ['2026-10-01', '2026-10-02'] });
    expect(await ok(host, 'getNoticeHolidays', {})).toEqual({ days: ['2026-10-01', '2026-10-02'] });
    const bad = await err(host, 'setNoticeHolidays', { days: ['2026-02-30'] });
    expect(bad.code).toBe('CONTRACT_INVALID_INPUT');
    // Nothing saved is lost by the refused call.
    expect((await ok(host, 'getNoticeHolidays', {})).days).toEqual(['2026-10-01', '2026-10-02']);
    host.close();
  });

  it('a short meeting: sheets and Excel hidden while the round is open, then printed and exported whole', { timeout: 90_000 }, async () => {
    const dir = tmpDir('pd-prints-');
    const host = openHost(dir);
    const { sessionId } = await ok(host, 'openDemo', {});
    const experts = await ok(host, 'listExperts', { sessionId });
    const chair = experts.find((e) => e.role === 'chair')!;
    const members = experts.filter((e) => e.role !== 'chair').slice(0, 16);
    const marketing = (await ok(host, 'listDossiers', { sessionId, specialty: '网络营销' })).rows.map((r) => r.id);
    const keys = new Map<string, string>();
    for (const e of [chair, ...members]) keys.set(e.id, await enrol(host, sessionId, e.id, PASS));

    // One expert of the first dossier's group scores it and signs the sheet before the meeting.
    const scorer = members.find((e) => e.groups.length > 0)!;
    await ok(host, 'signIn', { sessionId, expertId: scorer.id, passphrase: PASS, as: 'expert' });
    const mine = (await ok(host, 'listMyDossiers', { sessionId })).find((d) => d.eligibility !== 'not_met') ?? (await ok(host, 'listMyDossiers', { sessionId }))[0]!;
    const sheet = await ok(host, 'getScoreSheet', { sessionId, dossierId: mine.dossierId });
    let sum = 0;
    for (const it of sheet.standard.items) {
      const value = it.bands?.[0]?.score ?? Math.floor(it.max / 2);
      sum += value;
      await ok(host, 'saveScore', { sessionId, dossierId: mine.dossierId, itemId: it.id, value });
    }
    await ok(host, 'saveOpinion', { sessionId, dossierId: mine.dossierId, opinion: '业绩突出', recommendation: 'agree' });
    await ok(host, 'submitSheet', { sessionId, dossierId: mine.dossierId, passphrase: PASS });

    // The chair opens the meeting with 17 present and a round over the ten 网络营销 dossiers.
    await ok(host, 'signIn', { sessionId, expertId: chair.id, passphrase: PASS, as: 'chair' });
    for (const e of [chair, ...members]) {
      await ok(host, 'checkIn', { sessionId, expertId: e.id, passphrase: PASS });
    }
    // Before the meeting opens there is nothing to print.
    expect((await err(host, 'listPrintDossiers', { sessionId })).code).toBe('MEETING_NOT_OPEN');
    await ok(host, 'openMeeting', { sessionId });
    // The chair presides over every dossier: the prints list all of them with their series, not only the chair's groups.
    const printable = await ok(host, 'listPrintDossiers', { sessionId });
    expect(printable).toHaveLength(30);
    expect(new Set(printable.map((d) => d.series))).toEqual(new Set(['工程系列']));
    expect((await ok(host, 'listDossiers', { sessionId })).total).toBeLessThan(30);
    for (const e of [chair, ...members]) await ok(host, 'signCommitment', { sessionId, expertId: e.id, passphrase: PASS });
    // No round yet: nothing to reveal.
    expect((await err(host, 'listScoreSheetsForPrint', { sessionId })).code).toBe('PRINT_NO_RESULTS');
    const round = await ok(host, 'openBallotRound', { sessionId, dossierIds: marketing });

    // Open round: no score sheet and no workbook yet (nobody sees scores or counts before the reveal).
    expect((await err(host, 'listScoreSheetsForPrint', { sessionId })).code).toBe('RESULTS_HIDDEN');
    await asSecretary(host);
    const file = path.join(dir, '评审结果.xlsx');
    expect((await err(host, 'exportResultsExcel', { sessionId, path: saveToken(host, file) })).code).toBe('RESULTS_HIDDEN');
    expect(fs.existsSync(file)).toBe(false);

    // Three pass with every vote, the rest fail; the last ballot closes the round.
    for (const e of [chair, ...members]) {
      const choices = marketing.map((dossierId, i) => ({ dossierId, choice: (i < 3 ? 'agree' : 'disagree') as Choice }));
      await ok(host, 'castBallot', { sessionId, roundId: round.id, expertId: e.id, passphrase: PASS, choices });
    }

    // The sheets: item by item, the total, the opinion, the signing key.
    const sheets = await ok(host, 'listScoreSheetsForPrint', { sessionId });
    expect(sheets).toHaveLength(1);
    expect(sheets[0]).toMatchObject({ expertId: scorer.id, dossierId: mine.dossierId, total: sum, opinion: '业绩突出', recommendation: 'agree', version: 1 });
    expect(sheets[0]!.items.map((i) => i.itemId)).toEqual(sheet.standard.items.map((i) => i.id));
    expect(sheets[0]!.fingerprint?.replace(/ /g, '')).toBe(keys.get(scorer.id)!.slice(0, 16));
    expect(await ok(host, 'listScoreSheetsForPrint', { sessionId, expertId: chair.id })).toEqual([]);
    expect((await err(host, 'listScoreSheetsForPrint', { sessionId, expertId: 'E-nobody' })).code).toBe('EXPERT_NOT_FOUND');

    // The workbook, read back.
    const res = await ok(host, 'exportResultsExcel', { sessionId, path: saveToken(host, file) });
    const all = (await ok(host, 'listDossiers', { sessionId })).total;
    expect(res).toEqual({ path: file, rows: all });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet(RESULTS_EXCEL_SHEET)!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([...RESULTS_EXCEL_COLUMNS]);
    const col = (name: (typeof RESULTS_EXCEL_COLUMNS)[number]) => RESULTS_EXCEL_COLUMNS.indexOf(name) + 1;
    const db = new Database(path.join(dir, 'paneldesk.sqlite'), { readonly: true });
    const facts = db.prepare('SELECT id, name, id_number AS idNumber, gender FROM dossier WHERE session_id = ?').all(sessionId) as Array<{ id: string; name: string; idNumber: string; gender: string }>;
    db.close();
    const overview = await ok(host, 'getOverview', { sessionId });
    const byName = new Map<string, ExcelJS.Row>();
    ws.eachRow((row, n) => {
      if (n > 1) byName.set(String(row.getCell(col('身份证号')).value), row);
    });
    expect(byName.size).toBe(all);
    const passed = facts.find((f) => f.id === marketing[0])!;
    const failed = facts.find((f) => f.id === marketing[5])!;
    const p = byName.get(passed.idNumber)!;
    expect(p.getCell(col('姓名')).value).toBe(passed.name);
    expect(p.getCell(col('性别')).value).toBe(passed.gender);
    expect(p.getCell(col('年度')).value).toBe(overview.meetingDate.slice(0, 4));
    expect(p.getCell(col('评委会名称')).value).toBe(overview.committee.name);
    expect(p.getCell(col('申报专业')).value).toBe('网络营销');
    for (const [c, v] of [['发出', 17], ['收回', 17], ['有效', 17], ['同意', 17], ['不同意', 0], ['弃权', 0], ['无效', 0], ['轮次', 1]] as const) expect(p.getCell(col(c)).value, c).toBe(v);
    expect(p.getCell(col('结果')).value).toBe('通过');
    expect(p.getCell(col('取得资格方式')).value).toBe('评审');
    const f = byName.get(failed.idNumber)!;
    expect([f.getCell(col('同意')).value, f.getCell(col('不同意')).value, f.getCell(col('结果')).value]).toEqual([0, 17, '不通过']);
    // Fields outside our data model stay empty.
    for (const c of ['主管单位', '申报职称', '取得资格时间'] as const) expect(p.getCell(col(c)).value).toBeNull();
    // The export is on the record; no temp file is left beside it.
    const log = await ok(host, 'listAuditEvents', { sessionId, kinds: ['results.exported'] });
    expect(log.total).toBe(1);
    expect(log.rows[0]?.actor.role).toBe('secretary');
    expect(log.rows[0]?.details).toEqual({ dossiers: all });
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    host.close();
  });
});
