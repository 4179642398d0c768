// The meeting prints' builders against a hand-made meeting of 5 members: 4 came (one late), one left early, one
// absent; dossier A passed in round 1, B failed then passed its re-vote but was cut by a quota, C was voted in a void
// round and then failed, D was never voted on. Every figure below is counted by hand from that story.
import { describe, expect, it } from 'vitest';
import type { DossierResult, MeetingExpertRow, MeetingResults, MeetingView, RoundSummary, StatementSummary } from '../../../shared/meeting-types';
import type { PrintScoreSheet } from '../../../shared/print-types';
import type { AuditEventView, IdentityRow } from '../../../shared/types';
import {
  TALLY_ROWS_PER_PAGE,
  chunk,
  groupOpinions,
  minutesAttendance,
  minutesSigners,
  noticeRows,
  printStamp,
  reEnrolments,
  sheetsByExpert,
  tallyRows,
} from '../../../shared/prints/meeting-prints';
import { RESULTS_EXCEL_COLUMNS, RESULTS_EXCEL_EMPTY, resultsExcelRow } from '../../../shared/prints/results-excel';

function expert(expertId: string, name: string, over: Partial<MeetingExpertRow> = {}): MeetingExpertRow {
  return { expertId, name, role: 'member', hasKey: true, present: true, arrivedAt: '2026-12-10T01:00:00Z', leftAt: null, late: false, commitmentSignedAt: null, ...over };
}

const EXPERTS = [
  expert('E2', '钱二'),
  expert('E1', '赵一', { role: 'chair' }),
  expert('E3', '孙三', { late: true, arrivedAt: '2026-12-10T02:00:00Z' }),
  expert('E4', '李四', { present: false, leftAt: '2026-12-10T03:00:00Z' }),
  expert('E5', '周五', { present: false, arrivedAt: null, hasKey: false }),
];

function round(id: string, number: number, dossierIds: string[], roll: number, over: Partial<RoundSummary> = {}): RoundSummary {
  const ids = EXPERTS.slice(0, roll).map((e) => e.expertId);
  return { id, number, purpose: 'vote', kind: 'electronic', quotaId: null, status: 'closed', openedAt: '', closedAt: '', voidReason: null, dossierIds, roll: ids, voters: ids, voted: ids, paper: null, ...over };
}

const ROUNDS = [round('r1', 1, ['A', 'B', 'C'], 4), round('r2', 2, ['B', 'C'], 3, { status: 'void', voidReason: 'RECONCILE_MISMATCH' }), round('r3', 3, ['B', 'C'], 3, { purpose: 'tiebreak' })];

type R = DossierResult['rounds'][number];
function counts(roundId: string, number: number, agree: number, disagree: number, over: Partial<R> = {}): R {
  return { roundId, number, purpose: 'vote', agree, disagree, abstain: 0, invalid: 0, issued: agree + disagree, returned: agree + disagree, valid: agree + disagree, eligible: agree + disagree, recused: 0, needed: Math.ceil(((agree + disagree) * 2) / 3), passed: agree >= Math.ceil(((agree + disagree) * 2) / 3), void: false, ...over };
}

function dossier(dossierId: string, name: string, rounds: R[], decision: DossierResult['outcome']['decision'], quota: DossierResult['outcome']['quota'] = 'none'): DossierResult {
  return {
    dossierId,
    packetNo: `P-${dossierId}`,
    name,
    employer: `${name}单位`,
    specialty: '网络营销',
    level: 'senior',
    score: 8000,
    scorers: 3,
    trimmed: false,
    goesToVote: true,
    commitmentSigned: true,
    rounds,
    outcome: { dossierId, passedVote: rounds.at(-1)?.passed ?? false, quota, cutBy: quota === 'cut' ? { quotaId: 'q1', reason: 'RANK' as const } : null, decision },
  };
}

const STATEMENTS: StatementSummary[] = [
  { version: 1, signedBy: 'E1', keyid: 'a'.repeat(64), fingerprint: 'aaaa aaaa aaaa aaaa', payloadSha256: '1'.repeat(64), correctionReason: null, signedAt: '' },
  { version: 2, signedBy: 'E1', keyid: 'a'.repeat(64), fingerprint: 'aaaa aaaa aaaa aaaa', payloadSha256: `2${'f'.repeat(63)}`, correctionReason: '更正', signedAt: '' },
];

const RESULTS: MeetingResults = {
  settings: { quorumBase: 'all_members', recusedCountInA: false, maxRevotes: 1 },
  quorum: { base: 'all_members', n: 5, needed: 4, present: 3, met: false, shortBy: 1 },
  attendance: { members: 5, present: 3, late: 1, left: 1 },
  dossiers: [
    dossier('A', '甲', [counts('r1', 1, 4, 0)], 'passed'),
    dossier('B', '乙', [counts('r1', 1, 2, 2, { recused: 1, eligible: 3 }), counts('r2', 2, 3, 0, { void: true, passed: false }), { ...counts('r3', 3, 3, 0), purpose: 'tiebreak' }], 'not_passed', 'cut'),
    dossier('C', '丙', [counts('r1', 1, 1, 3), counts('r2', 2, 0, 3, { void: true })], 'not_passed'),
    dossier('D', '丁', [], 'not_passed'),
  ],
  quotas: [],
  ties: [],
  flags: [],
  statements: STATEMENTS,
};
const SERIES = new Map([['A', '经济'], ['B', '经济'], ['C', '工程']]);

describe('the stamp that ties paper to the signed file', () => {
  it('names the session, every round in order, and the latest statement’s short hash', () => {
    expect(printStamp('S1', [...ROUNDS].reverse(), STATEMENTS)).toEqual({
      sessionId: 'S1',
      rounds: [{ number: 1, id: 'r1' }, { number: 2, id: 'r2' }, { number: 3, id: 'r3' }],
      statement: { version: 2, short: `2${'f'.repeat(15)}`, fingerprint: 'aaaa aaaa aaaa aaaa' },
    });
  });
  it('says unsigned (null) when the chair has not signed', () => {
    expect(printStamp('S1', ROUNDS, []).statement).toBeNull();
  });
});

describe('投票结果表', () => {
  const rows = tallyRows(RESULTS, ROUNDS, SERIES);
  it('one row per dossier and round, numbered in order; a dossier never voted on has none', () => {
    expect(rows.map((r) => `${r.seq}:${r.dossierId}${r.round}`)).toEqual(['1:A1', '2:B1', '3:B2', '4:B3', '5:C1', '6:C2']);
  });
  it('应到 is the committee, 实到 the roll of that round, with each round’s counts', () => {
    expect(rows[1]).toMatchObject({ expected: 5, present: 4, recused: 1, issued: 4, agree: 2, disagree: 2, series: '经济', result: 'not_passed' });
    expect(rows[2]).toMatchObject({ present: 3, result: 'void' });
  });
  it('the deciding round carries the quota: B passed its re-vote but was cut; A passed; C failed after a void round', () => {
    expect(rows.find((r) => r.dossierId === 'B' && r.round === 3)?.result).toBe('cut');
    expect(rows[0]?.result).toBe('passed');
    expect(rows.find((r) => r.dossierId === 'C' && r.round === 1)?.result).toBe('not_passed');
  });
  it('pages of 20 rows: 45 rows make 20, 20 and 5; no rows still make one (empty) page', () => {
    expect(TALLY_ROWS_PER_PAGE).toBe(20);
    expect(chunk(Array.from({ length: 45 }, (_, i) => i), TALLY_ROWS_PER_PAGE).map((p) => p.length)).toEqual([20, 20, 5]);
    expect(chunk([], 20)).toEqual([[]]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});

describe('公示 list', () => {
  it('only those finally passed, with public fields only', () => {
    const rows = noticeRows(RESULTS, SERIES);
    expect(rows).toEqual([{ seq: 1, name: '甲', employer: '甲单位', series: '经济', specialty: '网络营销', level: 'senior' }]);
  });
});

describe('minutes', () => {
  const view: MeetingView = { sessionId: 'S1', opened: true, openedAt: '', openedBy: 'E1', settings: RESULTS.settings, commitmentText: '', tellerId: null, scrutineerId: null, experts: EXPERTS, quorum: RESULTS.quorum, rounds: ROUNDS, withoutCommitment: [] };

  it('attendance: present now, late arrivals, early departures and the absent', () => {
    const a = minutesAttendance(view);
    expect(a.members).toBe(5);
    expect(a.present.map((e) => e.name)).toEqual(['钱二', '赵一', '孙三']);
    expect(a.late.map((e) => e.name)).toEqual(['孙三']);
    expect(a.left.map((e) => e.name)).toEqual(['李四']);
    expect(a.absent.map((e) => e.name)).toEqual(['周五']);
  });

  it('signature lines: everyone who came (the one who left too), chair first, with the live key fingerprint', () => {
    const ids: IdentityRow[] = EXPERTS.map((e, i) => ({ expertId: e.expertId, name: e.name, role: e.role, hasKey: e.hasKey, fingerprint: e.hasKey ? `fp${i}` : null, keyid: null, confirmed: true, revokedKeys: 0 }));
    expect(minutesSigners(view, ids).map((s) => `${s.name}:${s.fingerprint ?? '-'}`)).toEqual(['赵一:fp1', '钱二:fp0', '孙三:fp2', '李四:fp3']);
  });

  it('re-enrolments from the key.revoked entries, and a shortfall against the identities is counted, not hidden', () => {
    const ev = (expertId: string, name: string, reason: string): AuditEventView => ({
      seq: 1,
      at: '2026-12-09T08:00:00Z',
      kind: 'key.revoked',
      actor: { role: 'secretary', expertId: null, name: null },
      subject: { expertId, expertName: name, dossierId: null, dossierName: null, packetNo: null },
      details: { keyid: 'b'.repeat(64), reason },
      hash: '',
    });
    const ids = [{ expertId: 'E2', revokedKeys: 1 }, { expertId: 'E3', revokedKeys: 2 }] as IdentityRow[];
    const r = reEnrolments([ev('E2', '钱二', '口令遗忘'), ev('E3', '孙三', '更换电脑'), { ...ev('E9', 'x', 'y'), kind: 'key.created' }], ids);
    expect(r.rows).toEqual([
      { expertId: 'E2', expertName: '钱二', fingerprint: 'bbbb bbbb bbbb bbbb', reason: '口令遗忘', at: '2026-12-09T08:00:00Z' },
      { expertId: 'E3', expertName: '孙三', fingerprint: 'bbbb bbbb bbbb bbbb', reason: '更换电脑', at: '2026-12-09T08:00:00Z' },
    ]);
    expect(r.missing).toBe(1);
  });

  it('group opinions count the recommendations of submitted sheets; sheets group per expert in packet order', () => {
    const sheet = (expertId: string, dossierId: string, packetNo: string, recommendation: PrintScoreSheet['recommendation']) =>
      ({ expertId, expertName: expertId, fingerprint: null, dossierId, packetNo, recommendation }) as PrintScoreSheet;
    const sheets = [sheet('E1', 'B', 'P-2', 'agree'), sheet('E1', 'A', 'P-1', 'agree'), sheet('E2', 'A', 'P-1', 'disagree'), sheet('E3', 'A', 'P-1', null)];
    expect(groupOpinions(sheets).get('A')).toEqual({ sheets: 3, agree: 1, disagree: 1, abstain: 0 });
    expect(sheetsByExpert(sheets).map((g) => `${g.expertId}:${g.sheets.map((s) => s.packetNo).join(',')}`)).toEqual(['E1:P-1,P-2', 'E2:P-1', 'E3:P-1']);
  });
});

describe('the results workbook row', () => {
  const facts = { dossierId: 'B', name: '乙', gender: '女', idNumber: '22010219800101002X', regionCode: '220100', series: '经济', level: 'senior' as const, specialty: '网络营销', groupName: '经济组', reviewType: 'exceptional' as const };
  const row = (d: DossierResult) => Object.fromEntries(RESULTS_EXCEL_COLUMNS.map((c, i) => [c, resultsExcelRow(facts, d, { year: '2026', committeeName: '吉林省评委会' })[i]]));

  it('the province’s columns in order, the full ID number, Chinese labels, and the deciding round’s counts', () => {
    expect(RESULTS_EXCEL_COLUMNS.slice(0, 16)).toEqual(['年度', '地市', '主管单位', '姓名', '性别', '身份证号', '评委会名称', '申报系列', '申报级别', '申报职称', '申报专业', '专业组', '取得资格时间', '取得资格方式', '评审类型', '备注']);
    const b = row(RESULTS.dossiers[1] as DossierResult);
    expect(b).toMatchObject({ 年度: '2026', 地市: '220100', 姓名: '乙', 身份证号: '22010219800101002X', 申报级别: '正高级', 评审类型: '破格', 专业组: '经济组', 同意: 3, 不同意: 0, 结果: '不通过', 轮次: 3, 取得资格方式: null, 备注: '职数限制（q1）' });
    for (const c of RESULTS_EXCEL_EMPTY) expect(b[c]).toBeNull();
  });

  it('a passed dossier is 通过 by 评审; one never voted on has no counts and says so', () => {
    expect(row(RESULTS.dossiers[0] as DossierResult)).toMatchObject({ 结果: '通过', 取得资格方式: '评审', 同意: 4, 发出: 4, 轮次: 1, 备注: null });
    expect(row(RESULTS.dossiers[3] as DossierResult)).toMatchObject({ 结果: null, 同意: null, 轮次: null, 备注: '未表决' });
  });
});
