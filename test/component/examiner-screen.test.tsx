// The examiner's workspace against a fake backend: anomalies filtered by severity, the evidence link opening the
// sheets side by side with a differing signed total marked.
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Anomaly } from '../../shared/examiner/anomalies';
import { DEFAULT_THRESHOLDS } from '../../shared/examiner/thresholds';
import type { ExaminerAnalysisView, ExaminerDossierView } from '../../shared/examiner/views';
import type { Principal } from '../../shared/types';
import { ExaminerScreen } from '../../renderer/features/examiner/ExaminerScreen';
import { useStore } from '../../renderer/store';
import { installFakeApi } from './fake-api';
import { renderWithI18n } from './render';

const MISMATCH: Anomaly = {
  key: 'total_mismatch||||D1|E2||1',
  rule: 'total_mismatch',
  severity: 'high',
  evidence: { dossierId: 'D1', expertId: 'E2', version: 1, auditSeqs: [42] },
  values: { stated: 9000, recomputed: 8000 },
};
const LENIENT: Anomaly = {
  key: 'leniency|G1||||E3|||',
  rule: 'leniency',
  severity: 'medium',
  evidence: { groupId: 'G1', expertId: 'E3', dossierIds: ['D1'] },
  values: { deviation: -1500, threshold: 800 },
};
const ANALYSIS: ExaminerAnalysisView = {
  sessionId: 'S1',
  bundleHash: 'ab'.repeat(32),
  thresholds: { ...DEFAULT_THRESHOLDS },
  groups: [],
  rounds: [],
  anomalies: [MISMATCH, LENIENT],
  experts: [
    { id: 'E2', name: '李四' },
    { id: 'E3', name: '王五' },
  ],
  dossiers: [{ id: 'D1', packetNo: '001', name: '王晓明', groupId: 'G1' }],
  sheetsCounted: 2,
};
const DOSSIER: ExaminerDossierView = {
  dossier: { id: 'D1', packetNo: '001', name: '王晓明', groupId: 'G1', groupName: '网络营销组' },
  items: [
    { id: 'I1', label: '业绩', group: '业绩', max: 6000, bands: null },
    { id: 'I2', label: '答辩', group: '答辩', max: 4000, bands: [4000, 2500] },
  ],
  sheets: [
    { expertId: 'E2', expertName: '李四', version: 1, status: 'submitted', scores: { I1: 5500, I2: 2500 }, total: 8000, statedTotal: 9000, recommendation: 'agree', submittedAt: 't', recused: false },
    { expertId: 'E3', expertName: '王五', version: 1, status: 'submitted', scores: { I1: 4000, I2: 2500 }, total: 6500, statedTotal: 6500, recommendation: 'disagree', submittedAt: 't', recused: false },
  ],
  without: [],
};
const principal = (role: 'examiner' | 'secretary'): Principal => ({ role, sessionId: null, expertId: null, expertName: null, fingerprint: null, deskProtected: true, examinerEnabled: true, idleLockMinutes: 10, enrolment: null });

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));

function setup(role: 'examiner' | 'secretary') {
  const fake = installFakeApi({
    getExaminerAnalysis: () => ({ ok: true, value: ANALYSIS }),
    getSpotCheck: () => ({ ok: true, value: null }),
    getFindingsStatement: () => ({ ok: true, value: null }),
    getExaminerDossier: () => ({ ok: true, value: DOSSIER }),
  });
  useStore.setState({ sessionId: 'S1', principal: principal(role) });
  renderWithI18n(<ExaminerScreen />);
  return fake;
}

describe('the examiner screen', () => {
  it('filters the anomalies by severity and opens the evidence side by side', async () => {
    const fake = setup('examiner');
    const table = await screen.findByTestId('anomaly-table');
    expect(within(table).getByText('签名合计与各项之和不符')).toBeInTheDocument();
    expect(within(table).getByText('专家评分偏宽或偏严')).toBeInTheDocument();
    expect(table.textContent).toContain('审计日志 #42');
    // What was measured reads in the UI's language, not as the rule's field names.
    expect(table.textContent).toContain('偏差: -15；阈值: 8');
    expect(table.textContent).not.toContain('threshold');
    await userEvent.click(within(screen.getByTestId('severity-filter')).getByText('严重'));
    expect(within(table).queryByText('专家评分偏宽或偏严')).toBeNull();
    await userEvent.click(within(table).getByRole('button', { name: '评分对照' }));
    const sheets = await screen.findByTestId('sheets-side-by-side');
    expect(fake.calls.find((c) => c.method === 'getExaminerDossier')?.input).toEqual({ sessionId: 'S1', dossierId: 'D1' });
    expect(within(sheets).getByTestId('total-E2').textContent).toBe('80');
    const differs = within(sheets).getByText('90 (不符)');
    expect(differs.className).toContain('examiner-diff');
  });
});
