// 计票结果报告单: once every round is closed, the teller and the scrutineer each sign the counts of every round with
// their own passphrase at the desk. The chair's results signature waits for both (over the counts as they are now).
import { useCallback, useEffect, useState } from 'react';
import { Card, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../shared/errors';
import type { CountReport, PaperCount } from '../../../shared/meeting-types';
import { call, errorShape } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PassphraseConfirm } from './PassphraseConfirm';

type Row = PaperCount & { key: string; number: number; status: 'closed' | 'void' };
const FIELDS = ['issued', 'returned', 'valid', 'invalid', 'agree', 'disagree', 'abstain'] as const;

export function CountReportPanel({
  sessionId,
  version,
  nameOf,
  onComplete,
}: {
  sessionId: string;
  /** Changes whenever a round opens or closes: the counts are read again. */
  version: string;
  nameOf: (id: string) => string;
  onComplete: (complete: boolean) => void;
}) {
  const { t } = useTranslation();
  const [report, setReport] = useState<CountReport | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [pass, setPass] = useState<Record<string, string>>({});

  const load = useCallback(async () => {
    try {
      const r = await call('getCountReport', { sessionId });
      setReport(r);
      onComplete(r.complete);
    } catch (err) {
      setError(errorShape(err));
    }
  }, [sessionId, onComplete]);
  useEffect(() => {
    void load();
  }, [load, version]);

  if (!report) return error ? <ErrorAlert error={error} /> : null;
  const sign = async (expertId: string) => {
    setError(null);
    try {
      const r = await call('coSignCounts', { sessionId, expertId, passphrase: pass[expertId] ?? '' });
      setReport(r);
      onComplete(r.complete);
    } catch (err) {
      setError(errorShape(err));
    } finally {
      setPass((p) => ({ ...p, [expertId]: '' }));
    }
  };
  const rows: Row[] = report.rounds.flatMap((r) => r.counts.map((c) => ({ ...c, key: `${r.roundId}-${c.dossierId}`, number: r.number, status: r.status })));
  const officers = [
    ['teller', report.tellerId],
    ['scrutineer', report.scrutineerId],
  ] as const;
  return (
    <Card title={t('meeting.counts.title')} style={{ marginTop: 16 }} data-testid="count-report">
      {error ? <ErrorAlert error={error} /> : null}
      <p className="muted" data-testid="count-report-hash">
        {t('meeting.counts.hash', { hash: report.countsSha256.slice(0, 12) })}
      </p>
      <DataTable<Row>
        rowKey="key"
        testId="count-report-table"
        dataSource={rows}
        columns={[
          { key: 'round', title: t('meeting.col.round'), align: 'right', render: (r) => r.number },
          { key: 'dossier', title: t('meeting.col.dossiers'), render: (r) => r.dossierId },
          ...FIELDS.map((f) => ({ key: f, title: t(`meeting.paper.field.${f}`), align: 'right' as const, render: (r: Row) => r[f] })),
          { key: 'status', title: t('meeting.col.status'), render: (r) => t(`meeting.roundStatus.${r.status}`) },
        ]}
      />
      {officers.map(([officer, id]) => {
        const current = report.signatures.find((s) => s.officer === officer && s.current);
        return (
          <div key={officer} style={{ marginTop: 12 }} data-testid={`count-sign-${officer}`}>
            <Space wrap>
              <strong>{t(`meeting.${officer}`)}</strong>
              <span>{id ? nameOf(id) : t('meeting.counts.noOfficer')}</span>
              {current ? <Tag color="green">{t('meeting.counts.signed', { fingerprint: current.fingerprint })}</Tag> : <Tag>{t('meeting.counts.unsigned')}</Tag>}
            </Space>
            {id && !current ? (
              <PassphraseConfirm
                value={pass[id] ?? ''}
                onChange={(v) => setPass((p) => ({ ...p, [id]: v }))}
                onConfirm={() => void sign(id)}
                ready
                label={t('meeting.counts.sign', { name: nameOf(id) })}
                inputTestId={`count-pass-${officer}`}
                buttonTestId={`count-sign-btn-${officer}`}
              />
            ) : null}
          </div>
        );
      })}
    </Card>
  );
}
