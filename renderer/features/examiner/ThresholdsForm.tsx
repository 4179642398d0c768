// The anomaly thresholds, editable by the examiner; points are entered in points.
import { useState } from 'react';
import { Button, InputNumber, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { THRESHOLD_BOUNDS, THRESHOLD_KEYS, type ExaminerThresholds } from '../../../shared/examiner/thresholds';
import { call } from '../../api/client';

/** Thresholds held in hundredths of a point, shown in points. */
const IN_POINTS = new Set<keyof ExaminerThresholds>(['leniencyPoints', 'nearIdenticalPoints']);

export function ThresholdsForm({ current, canWrite, busy, run }: { current: ExaminerThresholds; canWrite: boolean; busy: boolean; run: (fn: () => Promise<unknown>) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<ExaminerThresholds>(current);
  const shown = (k: keyof ExaminerThresholds) => (IN_POINTS.has(k) ? draft[k] / 100 : draft[k]);
  return (
    <section data-testid="examiner-thresholds" aria-label={t('examiner.thresholds.title')}>
      <h3>{t('examiner.thresholds.title')}</h3>
      <table className="dt">
        <tbody>
          {THRESHOLD_KEYS.map((k) => {
            const b = THRESHOLD_BOUNDS[k];
            const scale = IN_POINTS.has(k) ? 100 : 1;
            return (
              <tr key={k}>
                <th scope="row">{t(`examiner.thresholds.${k}`)}</th>
                <td>
                  <InputNumber
                    aria-label={t(`examiner.thresholds.${k}`)}
                    data-testid={`threshold-${k}`}
                    disabled={!canWrite}
                    min={b.min / scale}
                    max={b.max / scale}
                    step={b.integer && scale === 1 ? 1 : 0.1}
                    value={shown(k)}
                    onChange={(v) => {
                      if (typeof v === 'number') setDraft((d) => ({ ...d, [k]: IN_POINTS.has(k) ? Math.round(v * 100) : v }));
                    }}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {canWrite ? (
        <Space style={{ marginTop: 12 }}>
          <Button type="primary" loading={busy} data-testid="thresholds-save" onClick={() => void run(() => call('setExaminerThresholds', { patch: draft }))}>
            {t('examiner.thresholds.save')}
          </Button>
          <Button
            data-testid="thresholds-reset"
            onClick={() =>
              void run(async () => {
                const next = await call('setExaminerThresholds', { patch: {}, reset: true });
                setDraft(next);
              })
            }
          >
            {t('examiner.thresholds.reset')}
          </Button>
        </Space>
      ) : null}
    </section>
  );
}
