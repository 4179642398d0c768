// The meeting print views that the e2e spec does not print (paper ballots, score sheets) and the prints card's
// holiday editor, against a fake backend: what each sheet shows, what it must not show, and the stamp in the footer.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MeetingResults, MeetingView, RoundSummary } from '../../shared/meeting-types';
import type { PrintDossier, PrintScoreSheet } from '../../shared/print-types';
import type { Principal, SessionOverview } from '../../shared/types';
import { MeetingPrints } from '../../renderer/features/meeting/MeetingPrints';
import { createI18n } from '../../renderer/i18n';
import { stampText } from '../../renderer/print/meeting/common';
import { PaperBallotsPrint } from '../../renderer/print/meeting/PaperBallotsPrint';
import { ScoreSheetsPrint } from '../../renderer/print/meeting/ScoreSheetsPrint';
import { useStore } from '../../renderer/store';
import { installFakeApi } from './fake-api';
import { renderWithI18n } from './render';

const OVERVIEW = { id: 'S1', name: '2026 年度评审会', committeeName: '吉林省评委会', meetingDate: '2026-12-10', meetingPlace: '长春', committee: { name: '吉林省评委会' } } as unknown as SessionOverview;
const ROUND: RoundSummary = {
  id: 'a1b2c3d4e5f60718',
  number: 2,
  purpose: 'vote',
  kind: 'paper',
  quotaId: null,
  status: 'open',
  openedAt: '',
  closedAt: null,
  voidReason: null,
  dossierIds: ['D1', 'D2'],
  roll: ['E1', 'E2', 'E3'],
  voters: ['E1', 'E2', 'E3'],
  voted: [],
  paper: null,
};
const expertRow = (expertId: string, name: string) => ({ expertId, name, role: 'member' as const, hasKey: true, present: true, arrivedAt: '', leftAt: null, late: false, commitmentSignedAt: null });
const MEETING: MeetingView = {
  sessionId: 'S1',
  opened: true,
  openedAt: '',
  openedBy: 'E1',
  settings: { quorumBase: 'all_members', recusedCountInA: false, maxRevotes: 1 },
  commitmentText: '',
  tellerId: null,
  scrutineerId: null,
  experts: [expertRow('E1', '张专家'), expertRow('E2', '李专家'), expertRow('E3', '王专家')],
  quorum: { base: 'all_members', n: 3, needed: 2, present: 3, met: true, shortBy: 0 },
  rounds: [ROUND],
  withoutCommitment: [],
};
const dossier = (dossierId: string, name: string): PrintDossier => ({ dossierId, packetNo: `P-${dossierId}`, name, employer: `${name}的单位`, series: '经济', specialty: '网络营销', level: 'senior' });
const DOSSIERS = [dossier('D1', '赵申报'), dossier('D2', '钱申报')];

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));

describe('the footer stamp', () => {
  it('names up to three rounds by id, more by number (their ids are on the first page), and says unsigned', () => {
    const i18n = createI18n('zh-CN');
    const t = i18n.t.bind(i18n);
    const r = (n: number) => ({ number: n, id: `id${n}` });
    expect(stampText(t, { sessionId: 'S1', rounds: [r(1), r(2)], statement: null }, '评审会')).toBe('评审会 · 轮次 1:id1, 2:id2 · 结果未签署');
    expect(stampText(t, { sessionId: 'S1', rounds: [r(1), r(2), r(3), r(4)], statement: { version: 2, short: 'abcd', fingerprint: '' } }, '评审会')).toBe(
      '评审会 · 轮次 第 1–4 轮（共 4 轮，编号见首页） · 结果声明第 2 版摘要 abcd',
    );
  });
});

describe('表决票 (paper ballots)', () => {
  it('one sheet per expert on the roll, each with the round id and the three boxes per dossier, and no expert name', async () => {
    installFakeApi({ getOverview: () => ({ ok: true, value: OVERVIEW }), getMeeting: () => ({ ok: true, value: MEETING }), listPrintDossiers: () => ({ ok: true, value: DOSSIERS }) });
    const onReady = vi.fn();
    renderWithI18n(<PaperBallotsPrint params={{ sessionId: 'S1', roundId: ROUND.id }} onReady={onReady} onError={vi.fn()} />);
    const sheets = await screen.findAllByTestId('ballot-sheet');
    expect(sheets).toHaveLength(3);
    for (const [i, s] of sheets.entries()) {
      expect(s).toHaveTextContent(`轮次编号：${ROUND.id}`);
      expect(s).toHaveTextContent(`第 ${i + 1} / 3 张`);
      // The ballot is the sheet's last table (the first sheet also carries the stamp): a header and two dossiers.
      expect(within(within(s).getAllByRole('table').at(-1) as HTMLElement).getAllByRole('row')).toHaveLength(3);
      expect(within(s).getAllByText('□')).toHaveLength(6);
      expect(s).toHaveTextContent('赵申报');
      expect(s).toHaveTextContent('经济/网络营销/正高级');
      for (const e of MEETING.experts) expect(s).not.toHaveTextContent(e.name);
    }
    // The footer ties the paper to the round and says plainly that nothing is signed yet.
    await waitFor(() => expect(onReady).toHaveBeenCalled());
    expect(onReady.mock.calls[0]?.[0].footer).toContain(`2:${ROUND.id}`);
    expect(onReady.mock.calls[0]?.[0].footer).toContain('结果未签署');
  });

  it('prints in English when the UI is in English', async () => {
    installFakeApi({ getOverview: () => ({ ok: true, value: OVERVIEW }), getMeeting: () => ({ ok: true, value: MEETING }), listPrintDossiers: () => ({ ok: true, value: DOSSIERS }) });
    const onReady = vi.fn();
    renderWithI18n(<PaperBallotsPrint params={{ sessionId: 'S1', roundId: ROUND.id }} onReady={onReady} onError={vi.fn()} />, 'en-US');
    const [first] = await screen.findAllByTestId('ballot-sheet');
    expect(first).toHaveTextContent(`Round id: ${ROUND.id}`);
    expect(first).toHaveTextContent('Sheet 1 / 3');
    expect(first).toHaveTextContent('AgreeDisagreeAbstain');
    expect(first).toHaveTextContent('[UNSIGNED]');
    await waitFor(() => expect(onReady).toHaveBeenCalled());
    expect(onReady.mock.calls[0]?.[0].footer).toContain('Results unsigned');
  });

  it('an unknown round is a coded error for the host, not an empty print', async () => {
    installFakeApi({ getOverview: () => ({ ok: true, value: OVERVIEW }), getMeeting: () => ({ ok: true, value: MEETING }), listPrintDossiers: () => ({ ok: true, value: DOSSIERS }) });
    const onError = vi.fn();
    renderWithI18n(<PaperBallotsPrint params={{ sessionId: 'S1', roundId: 'nope' }} onReady={vi.fn()} onError={onError} />);
    await waitFor(() => expect(onError).toHaveBeenCalledWith('PRINT_NO_ROUND'));
  });
});

describe('score sheets', () => {
  const sheet = (expertId: string, expertName: string, dossierId: string, packetNo: string, values: number[]): PrintScoreSheet => ({
    expertId,
    expertName,
    fingerprint: `${expertId.toLowerCase()}aa bbbb cccc dddd`,
    dossierId,
    packetNo,
    dossierName: dossierId === 'D1' ? '赵申报' : '钱申报',
    employer: '某单位',
    specialty: '网络营销',
    level: 'senior',
    groupName: '网络营销组',
    version: 1,
    submittedAt: '2026-12-09T02:00:00.000Z',
    items: values.map((v, i) => ({ itemId: `I${i}`, group: '业绩', label: `项目${i + 1}`, max: 3000, value: v })),
    total: values.reduce((a, b) => a + b, 0),
    opinion: '同意推荐',
    recommendation: 'agree',
    payloadSha256: 'f'.repeat(64),
  });

  it('per expert, item by item with the total, and the signature line with the key fingerprint', async () => {
    const results = { statements: [{ version: 1, signedBy: 'E1', keyid: 'a'.repeat(64), fingerprint: 'aaaa aaaa aaaa aaaa', payloadSha256: '9'.repeat(64), correctionReason: null, signedAt: '' }] } as unknown as MeetingResults;
    installFakeApi({
      getOverview: () => ({ ok: true, value: OVERVIEW }),
      getMeeting: () => ({ ok: true, value: { ...MEETING, rounds: [{ ...ROUND, status: 'closed' }] } }),
      getMeetingResults: () => ({ ok: true, value: results }),
      listPrintDossiers: () => ({ ok: true, value: DOSSIERS }),
      listScoreSheetsForPrint: () => ({ ok: true, value: [sheet('E1', '张专家', 'D2', 'P-2', [2500, 1000]), sheet('E1', '张专家', 'D1', 'P-1', [2000, 1550]), sheet('E2', '李专家', 'D1', 'P-1', [3000, 0])] }),
    });
    const onReady = vi.fn();
    renderWithI18n(<ScoreSheetsPrint params={{ sessionId: 'S1' }} onReady={onReady} onError={vi.fn()} />);
    const experts = await screen.findAllByTestId('score-sheet-expert');
    expect(experts).toHaveLength(2);
    const [zhang, li] = experts as [HTMLElement, HTMLElement];
    expect(zhang).toHaveTextContent('张专家 评分表');
    // Packet order, totals in points.
    expect(zhang.textContent?.indexOf('P-1 赵申报')).toBeLessThan(zhang.textContent?.indexOf('P-2 钱申报') ?? 0);
    expect(within(zhang).getAllByText('35.5')).toHaveLength(1);
    expect(within(zhang).getAllByText('35')).toHaveLength(1);
    expect(zhang).toHaveTextContent('评审专家（签字）：＿＿＿＿＿＿＿＿ 密钥指纹：e1aa bbbb cccc dddd');
    expect(li).toHaveTextContent('密钥指纹：e2aa bbbb cccc dddd');
    expect(li).not.toHaveTextContent('张专家');
    await waitFor(() => expect(onReady).toHaveBeenCalled());
    expect(onReady.mock.calls[0]?.[0].footer).toContain(`结果声明第 1 版摘要 ${'9'.repeat(16)}`);
  });
});

describe('the prints card', () => {
  const SECRETARY = { role: 'secretary', sessionId: 'S1', expertId: null, expertName: null, fingerprint: null, deskProtected: true, examinerEnabled: false, idleLockMinutes: 10, enrolment: null } as unknown as Principal;

  it('refuses a bad holiday line by number, saving nothing; a good list is saved and the notice period follows it', async () => {
    const fake = installFakeApi({
      getNoticeHolidays: () => ({ ok: true, value: { days: [] } }),
      setNoticeHolidays: (i) => ({ ok: true, value: { days: [...i.days].sort() } }),
    });
    useStore.setState({ principal: SECRETARY, sessionId: 'S1' });
    renderWithI18n(<MeetingPrints sessionId="S1" view={{ ...MEETING, rounds: [{ ...ROUND, status: 'closed' }] }} resultsShown />);
    const box = await screen.findByTestId('notice-holidays');
    await userEvent.type(box, '2026-10-01~2026-10-07{enter}十月一日');
    await userEvent.click(screen.getByTestId('notice-holidays-save'));
    expect(await screen.findByRole('alert')).toHaveTextContent('第 2 行不是日期或日期区间：十月一日');
    expect(fake.calls.some((c) => c.method === 'setNoticeHolidays')).toBe(false);

    await userEvent.clear(box);
    await userEvent.type(box, '2026-10-01~2026-10-07');
    await userEvent.click(screen.getByTestId('notice-holidays-save'));
    expect(await screen.findByTestId('prints-notice')).toHaveTextContent('已保存 7 个节假日');
    const start = screen.getByTestId('notice-start');
    await userEvent.clear(start);
    await userEvent.type(start, '2026-09-29');
    expect(screen.getByTestId('notice-range')).toHaveTextContent('公示期：2026-09-29 至 2026-10-12（5 个工作日');
    // The paper round's ballots, and the secretary's Excel export, are offered.
    expect(screen.getByTestId('print-ballots-2')).toBeInTheDocument();
    expect(screen.getByTestId('export-results-excel')).toBeInTheDocument();
  });
});
