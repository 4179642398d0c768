import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DossierRow, Principal, ScoringProgress, SheetStatusRow } from '../../shared/types';
import { ProgressScreen } from '../../renderer/features/progress/ProgressScreen';
import { useStore } from '../../renderer/store';
import { installFakeApi } from './fake-api';
import { renderWithI18n } from './render';

const PROGRESS: ScoringProgress = {
  experts: [
    { expertId: 'E1', name: '张三', groups: ['网络营销组'], assigned: 12, scored: 9, submitted: 7, remaining: 4, recused: 1 },
    { expertId: 'E2', name: '李主任', groups: ['网络营销组', '大数据组'], assigned: 20, scored: 20, submitted: 20, remaining: 0, recused: 0 },
  ],
  groups: [{ groupId: 'G1', name: '网络营销组', dossiers: 12, sheetsExpected: 59, submitted: 41, remaining: 17, recused: 1 }],
};
const DOSSIER: DossierRow = {
  id: 'D1',
  packetNo: '001',
  name: '王晓明',
  employer: '长春某电商公司',
  series: '经济',
  specialty: '网络营销',
  level: 'associate_senior',
  reviewType: 'normal',
  groupId: 'G1',
  groupName: '网络营销组',
  eligibility: 'met',
  attachmentCount: 1,
};
const STATUSES: SheetStatusRow[] = [
  { expertId: 'E1', expertName: '张三', version: 1, status: 'submitted', submittedAt: '2026-12-10T09:30:00.000Z', unlockReason: null },
  { expertId: 'E3', expertName: '王五', version: 1, status: 'draft', submittedAt: null, unlockReason: null },
];
const CHAIR: Principal = { role: 'chair', sessionId: 'S1', expertId: 'E2', expertName: '李主任', fingerprint: null, deskProtected: true, examinerEnabled: false, idleLockMinutes: 10, enrolment: null };

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));

function setup(principal?: Principal) {
  const fake = installFakeApi({
    getScoringProgress: () => ({ ok: true, value: PROGRESS }),
    listIdentities: () => ({
      ok: true,
      value: [
        { expertId: 'E1', name: '张三', role: 'member', hasKey: true, fingerprint: 'aaaa bbbb cccc dddd', keyid: 'a'.repeat(64), confirmed: true, revokedKeys: 2 },
        { expertId: 'E2', name: '李主任', role: 'chair', hasKey: true, fingerprint: 'eeee ffff 0000 1111', keyid: 'e'.repeat(64), confirmed: true, revokedKeys: 0 },
      ],
    }),
    listDossiers: () => ({ ok: true, value: { total: 1, rows: [DOSSIER] } }),
    listSheetStatus: () => ({ ok: true, value: STATUSES }),
    unlockSheet: (i) => ({ ok: true, value: { ...(STATUSES[0] as SheetStatusRow), status: 'draft', unlockReason: (i as { reason: string }).reason } }),
  });
  useStore.setState({ sessionId: 'S1', view: 'progress', ...(principal ? { principal } : {}) });
  renderWithI18n(<ProgressScreen />);
  return fake;
}

describe('progress', () => {
  it('shows per expert and per group counts, and never a score', async () => {
    setup();
    const experts = await screen.findByTestId('progress-experts');
    await waitFor(() => expect(within(experts).getAllByRole('row')).toHaveLength(3));
    expect(within(experts).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['专家', '所在评议组', '应评', '已评分', '已提交', '未完成', '回避', '重新登记']);
    const zhang = within(experts).getByText('张三').closest('tr') as HTMLElement;
    // A re-enrolled expert is shown to whoever follows progress.
    await waitFor(() => expect(within(zhang).getAllByRole('cell').map((c) => c.textContent)).toEqual(['张三', '网络营销组', '12', '9', '7', '4', '1', '重新登记 2 次']));
    const groups = screen.getByTestId('progress-groups');
    expect(within(groups).getAllByRole('cell').map((c) => c.textContent)).toEqual(['网络营销组', '12', '59', '41', '17', '1']);
    expect(screen.getByText('只显示评分进度，不显示任何分数。')).toBeInTheDocument();
    // The secretary sees no unlock, and nothing here looks like points.
    expect(screen.queryByTestId('unlock-panel')).not.toBeInTheDocument();
    expect(screen.getByTestId('progress-screen').textContent).not.toMatch(/分数：|合计|\d+\.\d/);
  });

  it('lets the chair unlock a submitted sheet with a reason', async () => {
    const fake = setup(CHAIR);
    const panel = await screen.findByTestId('unlock-panel');
    await waitFor(() => expect(fake.calls.map((c) => c.method)).toContain('listDossiers'));
    fireEvent.mouseDown(within(panel).getByRole('combobox'));
    await userEvent.click(await screen.findByText('001 王晓明', { selector: '.ant-select-item-option-content' }));
    const table = await screen.findByTestId('sheet-status-table');
    expect(fake.calls.find((c) => c.method === 'listSheetStatus')?.input).toEqual({ sessionId: 'S1', dossierId: 'D1' });
    expect(within(table).getAllByTestId('unlock-sheet')).toHaveLength(1);
    expect(table.textContent).not.toMatch(/\d+\.\d/);

    await userEvent.click(within(table).getByTestId('unlock-sheet'));
    expect(await screen.findByTestId('unlock-confirm')).toBeDisabled();
    await userEvent.type(screen.getByTestId('unlock-reason'), '申报人补充了业绩证明');
    await userEvent.click(screen.getByTestId('unlock-confirm'));
    await waitFor(() =>
      expect(fake.calls.find((c) => c.method === 'unlockSheet')?.input).toEqual({ sessionId: 'S1', dossierId: 'D1', expertId: 'E1', reason: '申报人补充了业绩证明' }),
    );
    await waitFor(() => expect(within(screen.getByTestId('sheet-status-table')).getByText('申报人补充了业绩证明')).toBeInTheDocument());
    expect(within(screen.getByTestId('sheet-status-table')).queryByTestId('unlock-sheet')).not.toBeInTheDocument();
    await act(async () => undefined);
  });
});
