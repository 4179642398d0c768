// One dossier's current sheets side by side, item by item: the recomputed and the signed totals (a difference
// highlighted), recommendations, and the group members without a sheet (recused ones marked).
import { useEffect, useState } from 'react';
import { Select, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../shared/errors';
import type { ExaminerAnalysisView, ExaminerDossierView } from '../../../shared/examiner/views';
import { call, errorShape } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { points } from './format';

export function DossierSheets({ sessionId, analysis, dossierId, onPick }: { sessionId: string; analysis: ExaminerAnalysisView; dossierId: string | null; onPick: (id: string) => void }) {
  const { t } = useTranslation();
  const [view, setView] = useState<ExaminerDossierView | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  useEffect(() => {
    if (!dossierId) return;
    call('getExaminerDossier', { sessionId, dossierId }).then(
      (v) => {
        setView(v);
        setError(null);
      },
      (e: unknown) => setError(errorShape(e)),
    );
  }, [sessionId, dossierId]);

  return (
    <div data-testid="examiner-dossier">
      <Space style={{ marginBottom: 12 }}>
        <Select
          showSearch
          aria-label={t('examiner.pickDossier')}
          placeholder={t('examiner.pickDossier')}
          style={{ width: 360 }}
          value={dossierId ?? undefined}
          optionFilterProp="label"
          onChange={onPick}
          options={analysis.dossiers.map((d) => ({ value: d.id, label: `${d.packetNo} ${d.name}` }))}
        />
      </Space>
      {error ? <ErrorAlert error={error} /> : null}
      {view && view.dossier.id === dossierId ? (
        <>
          <h3>
            {view.dossier.packetNo} {view.dossier.name} · {view.dossier.groupName}
          </h3>
          <div className="examiner-scroll">
            <table className="dt" data-testid="sheets-side-by-side">
              <thead>
                <tr>
                  <th scope="col">{t('examiner.col.item')}</th>
                  <th scope="col" className="num">{t('examiner.col.max')}</th>
                  {view.sheets.map((s) => (
                    <th scope="col" key={s.expertId} className="num">
                      {s.expertName}
                      {s.recused ? <Tag color="red">{t('examiner.recused')}</Tag> : null}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {view.items.map((it) => (
                  <tr key={it.id}>
                    <th scope="row">{it.label}</th>
                    <td className="num">{points(it.max)}</td>
                    {view.sheets.map((s) => (
                      <td key={s.expertId} className="num">
                        {points(s.scores[it.id])}
                      </td>
                    ))}
                  </tr>
                ))}
                <tr>
                  <th scope="row">{t('examiner.col.total')}</th>
                  <td />
                  {view.sheets.map((s) => (
                    <td key={s.expertId} className="num" data-testid={`total-${s.expertId}`}>
                      {points(s.total)}
                    </td>
                  ))}
                </tr>
                <tr>
                  <th scope="row">{t('examiner.col.stated')}</th>
                  <td />
                  {view.sheets.map((s) => (
                    <td key={s.expertId} className={s.statedTotal !== null && s.statedTotal !== s.total ? 'num examiner-diff' : 'num'}>
                      {points(s.statedTotal)}
                      {s.statedTotal !== null && s.statedTotal !== s.total ? ` (${t('examiner.mismatch')})` : ''}
                    </td>
                  ))}
                </tr>
                <tr>
                  <th scope="row">{t('examiner.col.recommendation')}</th>
                  <td />
                  {view.sheets.map((s) => (
                    <td key={s.expertId}>{t(`examiner.recommendation.${s.recommendation ?? 'none'}`)}</td>
                  ))}
                </tr>
                <tr>
                  <th scope="row">{t('examiner.col.status')}</th>
                  <td />
                  {view.sheets.map((s) => (
                    <td key={s.expertId}>{t(`examiner.sheetStatus.${s.status}`)}</td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
          {view.without.length > 0 ? (
            <p>
              {t('examiner.noSheet')}：{view.without.map((w) => `${w.expertName}${w.recused ? `（${t('examiner.recused')}）` : ''}`).join('，')}
            </p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
