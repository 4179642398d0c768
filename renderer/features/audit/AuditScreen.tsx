import { useEffect, useState } from 'react';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../shared/errors';
import type { AuditReport } from '../../../shared/types';
import { call, errorShape } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useStore } from '../../store';

/** The audit log's hash chain, recomputed on demand, and the session's latest entries. */
export function AuditScreen() {
  const { t } = useTranslation();
  const sessionId = useStore((s) => s.sessionId);
  const [report, setReport] = useState<AuditReport | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const verify = async () => {
    if (!sessionId) return;
    setError(null);
    try {
      setReport(await call('verifyAuditLog', { sessionId }));
    } catch (e) {
      setError(errorShape(e));
    }
  };
  useEffect(() => {
    void verify();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sessionId]);
  return (
    <div data-testid="audit-screen">
      <h1 className="page-title">{t('audit.title')}</h1>
      <Button onClick={() => void verify()} style={{ marginBottom: 12 }}>
        {t('audit.verify')}
      </Button>
      {error ? <ErrorAlert error={error} /> : null}
      {report ? (
        <>
          <Alert
            data-testid="audit-verdict"
            type={report.ok ? 'success' : 'error'}
            showIcon
            style={{ marginBottom: 12 }}
            title={report.ok ? t('audit.ok', { entries: report.entries }) : t('audit.broken', { seq: report.brokenAt?.seq ?? 0, reason: t(`audit.reason.${report.brokenAt?.reason ?? 'hash'}`) })}
            description={t('audit.head', { head: report.head.slice(0, 16) })}
          />
          <DataTable
            rowKey="seq"
            testId="audit-entries"
            dataSource={report.recent}
            columns={[
              { key: 'seq', title: '#', align: 'right', render: (e) => e.seq },
              { key: 'at', title: t('audit.at'), render: (e) => new Date(e.at).toLocaleString() },
              { key: 'actor', title: t('audit.actor'), render: (e) => e.actor },
              { key: 'kind', title: t('audit.kind'), render: (e) => t(`audit.kinds.${e.kind.replace(/\./g, '_')}`, { defaultValue: e.kind }) },
            ]}
          />
        </>
      ) : null}
    </div>
  );
}
