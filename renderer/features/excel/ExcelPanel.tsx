import { useState } from 'react';
import { Alert, Button, Card, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../shared/errors';
import { problemKey, type RowProblem } from '../../../shared/excel-problems';
import type { ExcelImportResult } from '../../../shared/types';
import { call, errorShape, shell } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useStore } from '../../store';

type Kind = 'roster' | 'dossiers';

/** One Excel workflow: blank template out; a filled sheet in, with every bad cell listed before anything is written. */
function ExcelCard({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  const sessionId = useStore((s) => s.sessionId);
  const loadSetup = useStore((s) => s.loadSetup);
  const loadDossiers = useStore((s) => s.loadDossiers);
  const [file, setFile] = useState<string | null>(null);
  const [result, setResult] = useState<ExcelImportResult | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(errorShape(e));
    } finally {
      setBusy(false);
    }
  };
  const importFile = (path: string, skip: boolean) =>
    run(async () => {
      if (!sessionId) return;
      const r = await call('importExcel', { sessionId, kind, path, skipProblemRows: skip });
      setResult(r);
      if (r.applied) await Promise.all([loadSetup(), loadDossiers()]);
    });
  const pick = () =>
    run(async () => {
      setResult(null);
      setSaved(null);
      const path = await shell().pickExcel();
      if (!path) return;
      setFile(path);
      await importFile(path, false);
    });
  const template = () =>
    run(async () => {
      if (!sessionId) return;
      const path = await shell().pickSavePath(t(`excel.templateName.${kind}`));
      if (!path) return;
      await call('exportExcelTemplate', { sessionId, kind, path });
      setSaved(path);
    });

  const message = (p: RowProblem) => t(problemKey(p.code));
  return (
    <Card title={t(`excel.title.${kind}`)} style={{ marginBottom: 16 }} data-testid={`excel-${kind}`}>
      <Space wrap>
        <Button onClick={() => void template()} disabled={busy}>
          {t('excel.downloadTemplate')}
        </Button>
        <Button type="primary" onClick={() => void pick()} loading={busy}>
          {t('excel.importFrom')}
        </Button>
      </Space>
      {saved ? <Alert style={{ marginTop: 12 }} type="success" showIcon title={t('excel.templateSaved', { path: saved })} /> : null}
      {error ? (
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={error} />
        </div>
      ) : null}
      {result?.applied ? (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          showIcon
          data-testid={`excel-${kind}-done`}
          title={t('excel.imported', { count: result.imported, skipped: result.skippedRows })}
        />
      ) : null}
      {result && !result.applied && result.problems.length > 0 ? (
        <div style={{ marginTop: 12 }} data-testid={`excel-${kind}-problems`}>
          <Alert
            type="error"
            showIcon
            title={t('error.EXCEL_HAS_PROBLEMS', { count: new Set(result.problems.map((p) => `${p.sheet}/${p.row}`)).size })}
            description={t('excel.cleanRows', { count: result.rows })}
            action={
              file && result.rows > 0 ? (
                <Button danger onClick={() => void importFile(file, true)}>
                  {t('excel.skipAndImport', { count: result.rows })}
                </Button>
              ) : undefined
            }
          />
          <DataTable<RowProblem>
            rowKey={(p) => `${p.sheet}/${p.row}/${p.column}/${p.code}`}
            dataSource={result.problems}
            columns={[
              { key: 'sheet', title: t('excel.col.sheet'), render: (p) => p.sheet },
              { key: 'row', title: t('excel.col.row'), align: 'right', render: (p) => (p.row > 0 ? p.row : '') },
              { key: 'column', title: t('excel.col.column'), render: (p) => p.column },
              { key: 'message', title: t('excel.col.problem'), render: (p) => message(p) },
              { key: 'value', title: t('excel.col.value'), render: (p) => p.value ?? '' },
            ]}
          />
        </div>
      ) : null}
    </Card>
  );
}

export function ExcelPanel() {
  return (
    <div>
      <ExcelCard kind="roster" />
      <ExcelCard kind="dossiers" />
    </div>
  );
}
