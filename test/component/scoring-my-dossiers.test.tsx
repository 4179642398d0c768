import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AssignmentRow } from '../../shared/types';
import { MyDossiersScreen } from '../../renderer/features/scoring/MyDossiersScreen';
import { useStore } from '../../renderer/store';
import { installFakeApi } from './fake-api';
import { renderWithI18n } from './render';

const base: Omit<AssignmentRow, 'dossierId' | 'packetNo' | 'name' | 'status' | 'recusalReason' | 'myTotal'> = {
  employer: '长春某电商公司',
  level: 'associate_senior',
  reviewType: 'normal',
  eligibility: 'met',
};
const ROWS: AssignmentRow[] = [
  { ...base, dossierId: 'D1', packetNo: '001', name: '王晓明', status: 'unscored', recusalReason: null, myTotal: null, reviewType: 'green_channel', eligibility: 'waived' },
  { ...base, dossierId: 'D2', packetNo: '002', name: '李四', status: 'draft', recusalReason: null, myTotal: 7850 },
  { ...base, dossierId: 'D3', packetNo: '003', name: '赵六', status: 'recused', recusalReason: '与申报人同单位', myTotal: null },
  { ...base, dossierId: 'D4', packetNo: '004', name: '钱七', status: 'submitted', recusalReason: null, myTotal: 9000 },
];

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));

function setup() {
  const fake = installFakeApi({
    listMyDossiers: () => ({ ok: true, value: ROWS }),
    getScoreSheet: () => ({ ok: false, error: { code: 'SCORE_RECUSED', message: 'x' } }),
  });
  useStore.setState({ sessionId: 'S1', view: 'myDossiers', principal: { role: 'expert', sessionId: 'S1', expertId: 'E1', expertName: '张三', fingerprint: null, deskProtected: true, examinerEnabled: false, idleLockMinutes: 10, enrolment: null } });
  renderWithI18n(<MyDossiersScreen />);
  return fake;
}
const row = (id: string) => screen.getAllByTestId('my-dossier-row').find((r) => r.dataset.dossierId === id) as HTMLElement;
const sheetCalls = (fake: ReturnType<typeof setup>) => fake.calls.filter((c) => c.method === 'getScoreSheet');

describe('my dossiers', () => {
  it('lists status, packet, name, employer, level, green channel, eligibility and my own total', async () => {
    setup();
    await waitFor(() => expect(screen.getAllByTestId('my-dossier-row')).toHaveLength(4));
    const d1 = row('D1');
    expect(d1).toHaveTextContent('未评');
    expect(d1).toHaveTextContent('001');
    expect(d1).toHaveTextContent('王晓明');
    expect(d1).toHaveTextContent('副高级');
    expect(d1).toHaveTextContent('绿色通道');
    expect(d1).toHaveTextContent('破格免于审核');
    expect(within(row('D2')).getByTestId('my-total')).toHaveTextContent('78.5');
    expect(row('D4')).toHaveTextContent('已提交');
    expect(screen.getByTestId('my-summary')).toHaveTextContent('共 4 份，已提交 1 份，回避 1 份');
    // Keyboard first: the first row has focus.
    expect(document.activeElement).toBe(d1);
  });

  it('greys a recused row with the reason and never opens it, by click or Enter', async () => {
    const fake = setup();
    await waitFor(() => expect(screen.getAllByTestId('my-dossier-row')).toHaveLength(4));
    const d3 = row('D3');
    expect(d3).toHaveClass('recused');
    expect(d3).toHaveAttribute('aria-disabled', 'true');
    expect(d3).toHaveTextContent('回避：与申报人同单位');
    await userEvent.click(d3);
    fireEvent.keyDown(d3, { key: 'Enter' });
    expect(sheetCalls(fake)).toEqual([]);
    expect(useStore.getState().view).toBe('myDossiers');
  });

  it('opens a sheet with Enter, and filters by status', async () => {
    const fake = setup();
    await waitFor(() => expect(screen.getAllByTestId('my-dossier-row')).toHaveLength(4));
    fireEvent.keyDown(row('D2'), { key: 'Enter' });
    await waitFor(() => expect(sheetCalls(fake).map((c) => c.input)).toEqual([{ sessionId: 'S1', dossierId: 'D2' }]));
    expect(useStore.getState().view).toBe('sheet');
    await act(async () => useStore.setState({ view: 'myDossiers' }));
    await userEvent.click(screen.getByText('回避（1）'));
    expect(screen.getAllByTestId('my-dossier-row').map((r) => r.dataset.dossierId)).toEqual(['D3']);
    expect(useStore.getState().myFilter).toBe('recused');
  });
});
