// The examiner's workspace on the live session: anomalies with evidence, charts with their data, one dossier's
// sheets side by side, spot checks with findings, the signed findings (PDF, Excel), and the thresholds.
import { useState } from 'react';
import { Alert, Button, Space, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, call, shell } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useStore } from '../../store';
import { AnomalyList } from './AnomalyList';
import { DossierSheets } from './DossierSheets';
import { ExaminerCharts } from './ExaminerCharts';
import { examinerExportLabels } from './export-labels';
import { SignPanel } from './SignPanel';
import { SpotCheckPanel } from './SpotCheckPanel';
import { ThresholdsForm } from './ThresholdsForm';
import { useExaminer } from './useExaminer';
import './examiner.css';

const safeName = (s: string) => s.replace(/[\\/]/g, '_');

export function ExaminerScreen() {
  const { t } = useTranslation();
  const sessionId = useStore((s) => s.sessionId);
  const overview = useStore((s) => s.overview);
  const role = useStore((s) => s.principal.role);
  const setView = useStore((s) => s.setView);
  const openDossier = useStore((s) => s.openDossier);
  const ex = useExaminer(sessionId);
  const [tab, setTab] = useState('anomalies');
  const [dossierId, setDossierId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const canWrite = role === 'examiner';
  const { analysis } = ex;

  const openSheets = (id: string) => {
    setDossierId(id);
    setTab('dossier');
  };
  const openInDossiers = (id: string) => {
    setView('dossiers');
    void openDossier(id);
  };
  const exportPdf = () =>
    void ex.run(async () => {
      if (!sessionId) return;
      const res = await shell().printToPdf({ view: 'examiner-findings', params: { sessionId }, suggestedName: safeName(`${t('examiner.print.title')}-${overview?.name ?? ''}.pdf`) });
      if (!res.ok) throw new ApiError(res.error);
      if (res.value) setNotice(t('examiner.sign.exported', { file: res.value.file }));
    });
  const exportExcel = () =>
    void ex.run(async () => {
      if (!sessionId) return;
      const path = await shell().pickSavePath(safeName(`${t('examiner.print.title')}-${overview?.name ?? ''}.xlsx`));
      if (!path) return;
      const res = await call('exportFindingsExcel', { sessionId, path, labels: examinerExportLabels(t, overview?.name ?? '') });
      setNotice(t('examiner.sign.exported', { file: res.path.split(/[\\/]/).pop() ?? '' }));
    });

  if (!sessionId) return null;
  return (
    <div data-testid="examiner-screen">
      <h1 className="page-title">{t('examiner.title')}</h1>
      <p>{t('examiner.intro')}</p>
      {analysis ? (
        <Space wrap style={{ marginBottom: 8 }}>
          <span className="examiner-hash">{t('examiner.bundleHash', { hash: analysis.bundleHash })}</span>
          <span>{t('examiner.sheetsCounted', { count: analysis.sheetsCounted })}</span>
          <Button size="small" onClick={() => void ex.reload()} data-testid="examiner-refresh">
            {t('examiner.refresh')}
          </Button>
        </Space>
      ) : null}
      {notice ? <Alert type="success" showIcon title={notice} data-testid="examiner-notice" style={{ marginBottom: 12 }} /> : null}
      {ex.error ? <ErrorAlert error={ex.error} /> : null}
      {analysis ? (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          destroyOnHidden
          items={[
            { key: 'anomalies', label: t('examiner.tabs.anomalies'), children: <AnomalyList analysis={analysis} onOpenSheets={openSheets} onOpenDossier={openInDossiers} /> },
            { key: 'charts', label: t('examiner.tabs.charts'), children: <ExaminerCharts analysis={analysis} /> },
            { key: 'dossier', label: t('examiner.tabs.dossier'), children: <DossierSheets sessionId={sessionId} analysis={analysis} dossierId={dossierId} onPick={setDossierId} /> },
            {
              key: 'spotCheck',
              label: t('examiner.tabs.spotCheck'),
              children: (
                <>
                  <SpotCheckPanel sessionId={sessionId} spot={ex.spot} canWrite={canWrite} busy={ex.busy} run={ex.run} />
                  <SignPanel
                    key={ex.statement?.version ?? 0}
                    sessionId={sessionId}
                    analysis={analysis}
                    statement={ex.statement}
                    canWrite={canWrite}
                    busy={ex.busy}
                    run={ex.run}
                    onPdf={exportPdf}
                    onExcel={exportExcel}
                  />
                </>
              ),
            },
            { key: 'thresholds', label: t('examiner.tabs.thresholds'), children: <ThresholdsForm key={JSON.stringify(analysis.thresholds)} current={analysis.thresholds} canWrite={canWrite} busy={ex.busy} run={ex.run} /> },
          ]}
        />
      ) : null}
    </div>
  );
}
