import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StandardDoc } from '../../shared/bundle/schema';
import type { ScoreSheetView } from '../../shared/types';
import { ScoreSheetScreen } from '../../renderer/features/scoring/ScoreSheetScreen';
import { useStore } from '../../renderer/store';
import { installFakeApi, type Answers } from './fake-api';
import { renderWithI18n } from './render';
import { DETAIL } from './sample';

const STANDARD: StandardDoc = {
  id: 'S-WLYX',
  version: '2026.1',
  name: '网络营销副高级评价标准',
  series: '经济',
  specialty: '网络营销',
  level: 'associate_senior',
  eligibility: [],
  greenChannel: { allowed: true },
  evidenceFields: [
    { id: 'liveSales', label: '直播带货销售额', unit: '元', kind: 'money' },
    { id: 'papers', label: '论文', unit: '篇', kind: 'count' },
  ],
  items: [
    { id: 'i1', group: '业绩成果', label: '网络营销业绩', max: 3000, guidance: '按销售额与增长评分', evidence: ['liveSales'] },
    { id: 'i2', group: '业绩成果', label: '工作能力', max: 1000, evidence: [], bands: [{ label: '好', score: 1000 }, { label: '中', score: 700 }, { label: '差', score: 400 }] },
    { id: 'i3', group: '学术水平', label: '论文著作', max: 2000, evidence: ['papers'] },
  ],
  aggregation: { method: 'mean', minScoreForVote: null },
};

function sheetView(patch: Partial<ScoreSheetView['sheet']> = {}, id = 'D1'): ScoreSheetView {
  return {
    dossier: { ...DETAIL, id, packetNo: id === 'D1' ? '001' : '002', name: id === 'D1' ? '王晓明' : '李四' },
    standard: STANDARD,
    sheet: {
      version: 1,
      status: 'draft',
      scores: {},
      opinion: '',
      recommendation: null,
      total: 0,
      complete: false,
      updatedAt: null,
      submittedAt: null,
      keyid: null,
      fingerprint: null,
      unlockReason: null,
      ...patch,
    },
    recommendationEnabled: true,
    prevDossierId: id === 'D1' ? null : 'D1',
    nextDossierId: id === 'D1' ? 'D2' : null,
  };
}

const ack = (total = 0) => ({ ok: true as const, value: { savedAt: '2026-12-10T09:00:00.000Z', total, complete: false } });

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));

async function openSheet(answers: Answers = {}, first: ScoreSheetView = sheetView()) {
  const fake = installFakeApi({
    getScoreSheet: (i) => ({ ok: true, value: i.dossierId === first.dossier.id ? first : sheetView({}, i.dossierId) }),
    saveScore: () => ack(),
    saveOpinion: () => ack(),
    ...answers,
  });
  useStore.setState({ sessionId: 'S1', view: 'sheet' });
  await act(() => useStore.getState().openSheet(first.dossier.id));
  renderWithI18n(<ScoreSheetScreen />);
  return fake;
}

const item = (id: string) => screen.getAllByTestId('sheet-item').find((el) => el.dataset.itemId === id) as HTMLElement;
const scoreInput = (id: string) => within(item(id)).getByTestId('score-input') as HTMLInputElement;
const saveCalls = (fake: { calls: Array<{ method: string; input: unknown }> }) => fake.calls.filter((c) => c.method === 'saveScore').map((c) => c.input);

describe('score sheet', () => {
  it('groups the items in standard order with caps, guidance and the applicant\'s evidence', async () => {
    await openSheet();
    const groups = screen.getAllByTestId('sheet-group');
    expect(groups.map((g) => g.getAttribute('aria-label'))).toEqual(['业绩成果', '学术水平']);
    expect(within(groups[0] as HTMLElement).getAllByTestId('sheet-item').map((el) => el.dataset.itemId)).toEqual(['i1', 'i2']);
    expect(within(item('i1')).getByTestId('item-cap')).toHaveTextContent('满分 30');
    expect(within(item('i1')).getByText('按销售额与增长评分')).toBeInTheDocument();
    expect(within(item('i1')).getByTestId('item-evidence')).toHaveTextContent('直播带货销售额：123,456,789 元');
    expect(within(item('i3')).getByTestId('item-evidence')).toHaveTextContent('论文：未填报');
    expect(within(item('i2')).getAllByTestId('band-option').map((b) => b.textContent)).toEqual(['1 好 10', '2 中 7', '3 差 4']);
    // The dossier itself is beside the sheet, and the eligibility and green channel are near the top.
    expect(within(screen.getByTestId('sheet-dossier')).getByTestId('dossier-detail')).toBeInTheDocument();
    expect(screen.getByTestId('sheet-green')).toHaveTextContent('年度直播带货销售额超过一亿元。');
    expect(screen.getByTestId('sheet-total')).toHaveTextContent('合计 0 / 60');
  });

  it('saves "12.5" + Enter as 1250 hundredths, says 已保存 and moves to the next item', async () => {
    const fake = await openSheet({ saveScore: () => ack(1250) });
    const user = userEvent.setup({ delay: null });
    await user.click(scoreInput('i1'));
    await user.keyboard('12.5{Enter}');
    await waitFor(() => expect(saveCalls(fake)).toEqual([{ sessionId: 'S1', dossierId: 'D1', itemId: 'i1', value: 1250 }]));
    expect(within(item('i1')).getByTestId('field-status')).toHaveTextContent('已保存');
    expect(document.activeElement).toBe(within(item('i2')).getByTestId('band-picker'));
    expect(screen.getByTestId('sheet-total')).toHaveTextContent('合计 12.5 / 60');
    // The blur that followed Enter did not send the same score again.
    expect(saveCalls(fake)).toHaveLength(1);
  });

  it('shows an out-of-range score at the field, keeps the text and saves nothing', async () => {
    const fake = await openSheet();
    const user = userEvent.setup({ delay: null });
    await user.click(scoreInput('i1'));
    await user.keyboard('31{Enter}');
    const status = within(item('i1')).getByTestId('field-status');
    expect(status).toHaveAttribute('data-error-code', 'SCORE_OUT_OF_RANGE');
    expect(status).toHaveTextContent('「网络营销业绩」的分值超出范围（0–30 分）。');
    expect(scoreInput('i1').value).toBe('31');
    expect(document.activeElement).toBe(scoreInput('i1'));
    expect(saveCalls(fake)).toEqual([]);
    // Not a number at all (three decimals) is named too.
    await user.clear(scoreInput('i3'));
    await user.type(scoreInput('i3'), '1.234{Enter}');
    expect(within(item('i3')).getByTestId('field-status')).toHaveTextContent('请输入分数，最多两位小数，例如 12.5');
  });

  it('shows a score the backend refuses at the field and keeps the user\'s text', async () => {
    await openSheet({
      saveScore: () => ({ ok: false, error: { code: 'SCORE_OUT_OF_RANGE', message: 'x', details: { field: 'i3', limit: 2000 } } }),
    });
    const user = userEvent.setup({ delay: null });
    await user.click(scoreInput('i3'));
    await user.keyboard('15{Enter}');
    const status = await within(item('i3')).findByText('「论文著作」的分值超出范围（0–20 分）。');
    expect(status).toHaveAttribute('data-error-code', 'SCORE_OUT_OF_RANGE');
    expect(scoreInput('i3').value).toBe('15');
    // The refused score does not count in the total.
    expect(screen.getByTestId('sheet-total')).toHaveTextContent('合计 0 / 60');
  });

  it('picks a band with a digit key and the running total follows', async () => {
    const fake = await openSheet();
    const user = userEvent.setup({ delay: null });
    const picker = within(item('i2')).getByTestId('band-picker');
    picker.focus();
    await user.keyboard('2');
    await waitFor(() => expect(saveCalls(fake)).toEqual([{ sessionId: 'S1', dossierId: 'D1', itemId: 'i2', value: 700 }]));
    expect(within(picker).getByRole('radio', { name: '2 中 7' })).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByTestId('sheet-total')).toHaveTextContent('合计 7 / 60');
    await user.click(scoreInput('i3'));
    await user.keyboard('8.25');
    expect(screen.getByTestId('sheet-total')).toHaveTextContent('合计 15.25 / 60');
    expect(within(screen.getAllByTestId('sheet-group')[1] as HTMLElement).getByText('小计 8.25 / 20')).toBeInTheDocument();
  });

  it('goes to the next dossier with J, and with Alt+J from inside a field', async () => {
    const fake = await openSheet();
    const user = userEvent.setup({ delay: null });
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('j');
    await waitFor(() => expect(screen.getByTestId('sheet-title')).toHaveTextContent('002 李四'));
    expect(fake.calls.filter((c) => c.method === 'getScoreSheet').map((c) => c.input)).toEqual([
      { sessionId: 'S1', dossierId: 'D1' },
      { sessionId: 'S1', dossierId: 'D2' },
    ]);
    // Typing "k" in a field is text, not navigation; Alt+K navigates from anywhere.
    await user.click(scoreInput('i3'));
    await user.keyboard('k');
    expect(screen.getByTestId('sheet-title')).toHaveTextContent('002 李四');
    await user.clear(scoreInput('i3'));
    fireEvent.keyDown(scoreInput('i3'), { key: 'k', code: 'KeyK', altKey: true });
    await waitFor(() => expect(screen.getByTestId('sheet-title')).toHaveTextContent('001 王晓明'));
  });

  it('does not leave a sheet while a field is in error', async () => {
    const fake = await openSheet();
    const user = userEvent.setup({ delay: null });
    await user.click(scoreInput('i1'));
    await user.keyboard('99');
    fireEvent.keyDown(scoreInput('i1'), { key: 'PageDown', code: 'PageDown', altKey: false });
    await user.keyboard('{Alt>}j{/Alt}');
    expect(await screen.findByTestId('sheet-blocked')).toHaveTextContent('有项目未能保存');
    expect(fake.calls.filter((c) => c.method === 'getScoreSheet')).toHaveLength(1);
    expect(scoreInput('i1').value).toBe('99');
  });

  it('shows the key map with ?', async () => {
    await openSheet();
    const user = userEvent.setup({ delay: null });
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('?');
    const map = await screen.findByTestId('keymap');
    expect(within(map).getByText('Ctrl+Enter')).toBeInTheDocument();
    expect(within(map).getByText('J / PageDown')).toBeInTheDocument();
    expect(within(map).getByText('确认本项并转到下一项')).toBeInTheDocument();
  });

  it('saves the opinion after a pause, once, and the recommendation at once', async () => {
    const fake = await openSheet();
    const user = userEvent.setup({ delay: null });
    await user.type(screen.getByTestId('opinion-input'), '业绩突出');
    await waitFor(() => expect(fake.calls.filter((c) => c.method === 'saveOpinion')).toHaveLength(1));
    expect(fake.calls.find((c) => c.method === 'saveOpinion')?.input).toEqual({ sessionId: 'S1', dossierId: 'D1', opinion: '业绩突出' });
    await user.click(screen.getByRole('radio', { name: '同意' }));
    await waitFor(() => expect(fake.calls.filter((c) => c.method === 'saveOpinion')).toHaveLength(2));
    expect(fake.calls.at(-1)?.input).toEqual({ sessionId: 'S1', dossierId: 'D1', recommendation: 'agree' });
  });

  it('saves an opinion still waiting for its pause before another sheet opens', async () => {
    const fake = await openSheet();
    const user = userEvent.setup({ delay: null });
    await user.type(screen.getByTestId('opinion-input'), '待补充');
    await act(() => useStore.getState().openSheet('D2'));
    expect(fake.calls.filter((c) => c.method === 'saveOpinion').map((c) => c.input)).toEqual([{ sessionId: 'S1', dossierId: 'D1', opinion: '待补充' }]);
    expect(screen.getByTestId('sheet-title')).toHaveTextContent('002 李四');
    expect(screen.getByTestId('opinion-input')).toHaveValue('');
  });

  it('submits and signs with the passphrase, then shows the sheet locked and read-only', async () => {
    const scores = { i1: 2500, i2: 1000, i3: 1500 };
    const fake = await openSheet(
      {
        submitSheet: (i) =>
          (i as { passphrase: string }).passphrase === 'correct horse'
            ? { ok: true, value: { version: 1, submittedAt: '2026-12-10T09:30:00.000Z', keyid: 'f'.repeat(64), fingerprint: 'ab12 cd34 ef56 7890' } }
            : { ok: false, error: { code: 'AUTH_BAD_PASSPHRASE', message: 'x', details: { expertName: '张三', remaining: 4 } } },
      },
      sheetView({ scores, total: 5000, complete: true, opinion: '业绩突出', recommendation: 'agree' }),
    );
    const user = userEvent.setup({ delay: null });
    await user.click(scoreInput('i1'));
    await user.keyboard('{Control>}{Enter}{/Control}');
    const modal = await screen.findByTestId('submit-modal');
    expect(within(modal).getByTestId('submit-total')).toHaveTextContent('50 / 60');
    expect(within(modal).getByText('25 / 30')).toBeInTheDocument();
    expect(within(modal).getByTestId('submit-opinion')).toHaveTextContent('业绩突出');
    expect(within(modal).getByTestId('submit-recommendation')).toHaveTextContent('同意');

    await user.type(within(modal).getByTestId('submit-passphrase'), 'wrong{Enter}');
    expect(await within(modal).findByTestId('submit-passphrase-error')).toHaveTextContent('口令不正确（张三），还可尝试 4 次。');

    await user.type(within(modal).getByTestId('submit-passphrase'), 'correct horse');
    await user.click(within(modal).getByTestId('submit-confirm'));
    const locked = await screen.findByTestId('sheet-locked');
    expect(locked).toHaveTextContent('已提交并签名');
    expect(locked).toHaveTextContent('ab12 cd34 ef56 7890');
    expect(fake.calls.filter((c) => c.method === 'submitSheet').map((c) => c.input)).toEqual([
      { sessionId: 'S1', dossierId: 'D1', passphrase: 'wrong' },
      { sessionId: 'S1', dossierId: 'D1', passphrase: 'correct horse' },
    ]);
    expect(scoreInput('i1')).toHaveAttribute('readonly');
    expect(screen.getByTestId('opinion-input')).toHaveAttribute('readonly');
    expect(screen.queryByTestId('submit-open')).not.toBeInTheDocument();
  });

  it('shows SCORE_INCOMPLETE in the submit dialog', async () => {
    await openSheet({ submitSheet: () => ({ ok: false, error: { code: 'SCORE_INCOMPLETE', message: 'x', details: { count: 3 } } }) });
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByTestId('submit-open'));
    const modal = await screen.findByTestId('submit-modal');
    expect(within(modal).getByText('还有 3 项未评分')).toBeInTheDocument();
    await user.type(within(modal).getByTestId('submit-passphrase'), 'pass{Enter}');
    expect(await within(modal).findByTestId('submit-error')).toHaveTextContent('还有 3 个项目未评分，不能提交。');
  });

  it('keeps the passphrase and the confirm button disabled while an item is unsaved, naming it', async () => {
    const fake = await openSheet();
    const user = userEvent.setup({ delay: null });
    await user.click(scoreInput('i1'));
    await user.keyboard('31{Enter}');
    await user.click(screen.getByTestId('submit-open'));
    const modal = await screen.findByTestId('submit-modal');
    expect(within(modal).getByTestId('submit-unsaved')).toHaveTextContent('尚未保存：网络营销业绩');
    expect(within(modal).getByTestId('submit-passphrase')).toBeDisabled();
    expect(within(modal).getByTestId('submit-confirm')).toBeDisabled();
    await user.keyboard('{Enter}');
    expect(fake.calls.filter((c) => c.method === 'submitSheet')).toEqual([]);
  });

  it('goes to the attachments with Alt+A from a field, and with A outside one', async () => {
    await openSheet();
    const user = userEvent.setup({ delay: null });
    await user.click(scoreInput('i1'));
    fireEvent.keyDown(scoreInput('i1'), { key: 'a', code: 'KeyA', altKey: true });
    const view = within(screen.getByTestId('attachment-list')).getByRole('button', { name: /业绩证明\.pdf/ });
    expect(document.activeElement).toBe(view);
    // Typing "a" in a score field stays typing.
    await user.click(scoreInput('i3'));
    fireEvent.keyDown(scoreInput('i3'), { key: 'a', code: 'KeyA' });
    expect(document.activeElement).toBe(scoreInput('i3'));
    fireEvent.keyDown(screen.getByTestId('sheet-title'), { key: 'a', code: 'KeyA' });
    expect(document.activeElement).toBe(view);
  });

  it('opens a submitted sheet read-only, with the chair\'s unlock reason when there is one', async () => {
    const fake = await openSheet(
      {},
      sheetView({ status: 'submitted', scores: { i1: 2000, i2: 700, i3: 1000 }, submittedAt: '2026-12-10T09:30:00.000Z', keyid: 'ab'.repeat(32), unlockReason: '补充材料后重评' }),
    );
    expect(screen.getByTestId('sheet-locked')).toHaveTextContent('已提交并签名');
    expect(screen.getByTestId('sheet-unlocked')).toHaveTextContent('主任委员已解锁：补充材料后重评');
    expect(scoreInput('i1').value).toBe('20');
    const user = userEvent.setup({ delay: null });
    await user.type(scoreInput('i1'), '5{Enter}');
    within(item('i2')).getByTestId('band-picker').focus();
    await user.keyboard('1');
    expect(scoreInput('i1').value).toBe('20');
    expect(saveCalls(fake)).toEqual([]);
    expect(screen.getByTestId('sheet-total')).toHaveTextContent('合计 37 / 60');
  });
});
