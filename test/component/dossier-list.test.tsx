// The secretary's dossier list: loaded once from the backend, then searched locally (no call per keystroke).
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DossierQuery } from '../../shared/contract';
import type { DossierRow } from '../../shared/types';
import { DossierListScreen } from '../../renderer/features/dossiers/DossierListScreen';
import { useStore } from '../../renderer/store';
import { sameRows } from '../../renderer/store/dossier-slice';
import { installFakeApi } from './fake-api';
import { renderWithI18n } from './render';

const row = (id: string, packetNo: string, name: string, employer: string): DossierRow => ({
  id,
  packetNo,
  name,
  employer,
  series: '工程',
  specialty: '机械',
  level: 'senior',
  reviewType: 'normal',
  groupId: 'G1',
  groupName: '机电组',
  eligibility: 'met',
  attachmentCount: 1,
});
const ROWS = [row('D1', 'JL001', '张三', '一汽集团'), row('D2', 'JL002', '李四', 'ACME 科技'), row('D3', 'CC003', '张伟', '长春大学')];

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));

// jsdom lays nothing out: give the list's scrolling body the height it has on screen, so the virtualizer renders rows.
const offsetHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight');
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('vt-body') ? 600 : 0;
    },
  });
});
afterAll(() => {
  if (offsetHeight) Object.defineProperty(HTMLElement.prototype, 'offsetHeight', offsetHeight);
});

function setup() {
  const fake = installFakeApi({
    getFilterOptions: () => ({ ok: true, value: { groups: [{ id: 'G1', name: '机电组' }], levels: ['senior'], specialties: ['机械'] } }),
    listDossiers: () => ({ ok: true, value: { total: ROWS.length, rows: ROWS.map((r) => ({ ...r })) } }),
  });
  useStore.setState({ sessionId: 'S1', principal: { ...initial.principal, role: 'secretary' } });
  renderWithI18n(<DossierListScreen />);
  return fake;
}
const listCalls = (fake: ReturnType<typeof setup>) => fake.calls.filter((c) => c.method === 'listDossiers');
const names = () => screen.queryAllByTestId('dossier-row').map((r) => r.children[1]?.textContent);

describe('dossier list', () => {
  it('asks the backend once for the whole list, then each keystroke filters locally', async () => {
    const fake = setup();
    await waitFor(() => expect(screen.getByTestId('dossier-total')).toHaveTextContent('共 3 份'));
    await waitFor(() => expect(names()).toEqual(['张三', '李四', '张伟']));
    expect(listCalls(fake).map((c) => c.input as DossierQuery)).toEqual([{ sessionId: 'S1' }]);
    const search = screen.getByRole('searchbox', { name: '搜索姓名、袋号或单位' });
    await userEvent.type(search, '张');
    await waitFor(() => expect(names()).toEqual(['张三', '张伟']));
    expect(screen.getByTestId('dossier-total')).toHaveTextContent('共 2 份');
    // ASCII letters in any case, as the backend's LIKE matches them.
    await userEvent.clear(search);
    await userEvent.type(search, 'acme');
    await waitFor(() => expect(names()).toEqual(['李四']));
    await userEvent.clear(search);
    await userEvent.type(search, 'jl0');
    await waitFor(() => expect(names()).toEqual(['张三', '李四']));
    await userEvent.type(search, '9');
    await waitFor(() => expect(screen.getByText('没有符合条件的材料')).toBeInTheDocument());
    expect(listCalls(fake)).toHaveLength(1);
  });

  it('keeps the search when the list is reloaded, and applies it to the fresh rows', async () => {
    const fake = setup();
    await waitFor(() => expect(names()).toHaveLength(3));
    await userEvent.type(screen.getByRole('searchbox', { name: '搜索姓名、袋号或单位' }), '长春');
    await waitFor(() => expect(names()).toEqual(['张伟']));
    await useStore.getState().loadDossiers();
    expect(listCalls(fake)).toHaveLength(2);
    expect(names()).toEqual(['张伟']);
  });

  it('forgets the list, its search and its options when another person takes the desk', async () => {
    setup();
    await waitFor(() => expect(names()).toHaveLength(3));
    useStore.getState().setFilters({ search: '张' });
    useStore.getState().applyPrincipal({ ...useStore.getState().principal, role: 'locked' });
    const s = useStore.getState();
    expect([s.allRows, s.rows, s.filters.search, s.filterOptions]).toEqual([[], [], '', null]);
  });
});

describe('sameRows', () => {
  it('is true only for the same rows field by field, so an unchanged reload keeps the list as it is', () => {
    const copy = ROWS.map((r) => ({ ...r }));
    expect(sameRows(ROWS, copy)).toBe(true);
    expect(sameRows(ROWS, copy.slice(1))).toBe(false);
    expect(sameRows(ROWS, copy.map((r, i) => (i === 2 ? { ...r, groupName: '经济组' } : r)))).toBe(false);
    expect(sameRows(ROWS, copy.map((r, i) => (i === 0 ? { ...r, attachmentCount: 2 } : r)))).toBe(false);
  });

  it('an unchanged reload keeps the rows the screen holds; a changed one replaces them', async () => {
    setup();
    await waitFor(() => expect(names()).toHaveLength(3));
    const held = useStore.getState().rows;
    await useStore.getState().loadDossiers();
    expect(useStore.getState().rows).toBe(held);
    installFakeApi({ listDossiers: () => ({ ok: true, value: { total: 1, rows: [row('D9', 'X9', '新人', '某单位')] } }) });
    await useStore.getState().loadDossiers();
    await waitFor(() => expect(names()).toEqual(['新人']));
  });
});
