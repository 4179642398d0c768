// Results once every round is closed: per dossier the score, the latest counts, the 2/3 decision, the quota outcome
// and the final decision; ties at a quota cut line go to a re-vote among the tied; the chair signs.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Input, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatPoints } from '../../../shared/domain/scoring';
import type { AppErrorShape } from '../../../shared/errors';
import type { DossierResult, MeetingResults } from '../../../shared/meeting-types';
import { call, errorShape } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';

export function ResultsPanel({ sessionId, chair, countsSigned, onChanged }: { sessionId: string; chair: boolean; countsSigned: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const [res, setRes] = useState<MeetingResults | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [passphrase, setPassphrase] = useState('');

  const load = useCallback(async () => {
    try {
      setRes(await call('getMeetingResults', { sessionId }));
    } catch (err) {
      setError(errorShape(err));
    }
  }, [sessionId]);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the results arrive asynchronously from the backend
    void load();
  }, [load]);

  const run = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      await load();
      onChanged();
    } catch (err) {
      setError(errorShape(err));
    }
  };

  if (!res) return error ? <ErrorAlert error={error} /> : null;
  const latest = (d: DossierResult) => d.rounds.filter((r) => r.purpose === 'vote' && !r.void).at(-1);
  return (
    <Card title={t('meeting.results.title')} style={{ marginTop: 16 }} data-testid="results-panel">
      {error ? <ErrorAlert error={error} /> : null}
      {res.ties.map((tie) => (
        <Alert
          key={tie.quotaId}
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="quota-tie"
          title={t('meeting.results.tie', { quota: tie.quotaId, count: tie.dossierIds.length, seats: tie.seats })}
          action={
            chair && tie.next === 'revote' ? (
              <Button size="small" data-testid={`tie-revote-${tie.quotaId}`} onClick={() => void run(() => call('openTieBreakRound', { sessionId, quotaId: tie.quotaId }))}>
                {t('meeting.results.revote')}
              </Button>
            ) : null
          }
        />
      ))}
      <DataTable<DossierResult>
        rowKey="dossierId"
        testId="results-table"
        dataSource={res.dossiers.filter((d) => d.rounds.length > 0)}
        columns={[
          { key: 'packetNo', title: t('meeting.results.packetNo'), render: (d) => d.packetNo },
          { key: 'name', title: t('meeting.results.name'), render: (d) => d.name },
          { key: 'score', title: t('meeting.results.score'), align: 'right', render: (d) => (d.score === null ? '—' : formatPoints(d.score)) },
          { key: 'agree', title: t('meeting.choice.agree'), align: 'right', render: (d) => latest(d)?.agree ?? '—' },
          { key: 'disagree', title: t('meeting.choice.disagree'), align: 'right', render: (d) => latest(d)?.disagree ?? '—' },
          { key: 'abstain', title: t('meeting.choice.abstain'), align: 'right', render: (d) => latest(d)?.abstain ?? '—' },
          { key: 'needed', title: t('meeting.results.needed'), align: 'right', render: (d) => latest(d)?.needed ?? '—' },
          { key: 'quota', title: t('meeting.results.quota'), render: (d) => t(`meeting.results.quotaOutcome.${d.outcome.quota}`) },
          {
            key: 'decision',
            title: t('meeting.results.decision'),
            render: (d) => <Tag color={d.outcome.decision === 'passed' ? 'green' : d.outcome.decision === 'pending' ? 'orange' : 'red'}>{t(`meeting.results.decisionValue.${d.outcome.decision}`)}</Tag>,
          },
        ]}
      />
      {res.statements.map((s) => (
        <p key={s.version} data-testid="results-statement">
          {t('meeting.results.signed', { version: s.version, fingerprint: s.fingerprint, hash: s.payloadSha256.slice(0, 12) })}
        </p>
      ))}
      {chair && res.statements.length === 0 && !countsSigned ? (
        <Alert type="info" showIcon style={{ marginTop: 12 }} data-testid="results-wait-counts" title={t('meeting.counts.chairWaits')} />
      ) : null}
      {chair && res.statements.length === 0 && countsSigned ? (
        <Space style={{ marginTop: 12 }}>
          <Input.Password
            data-testid="results-passphrase"
            aria-label={t('meeting.passphrase')}
            placeholder={t('meeting.passphrase')}
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            onPressEnter={() => passphrase && void run(() => call('signResults', { sessionId, passphrase }).finally(() => setPassphrase('')))}
            style={{ width: 240 }}
          />
          <Button type="primary" danger disabled={!passphrase} data-testid="results-sign" onClick={() => void run(() => call('signResults', { sessionId, passphrase }).finally(() => setPassphrase('')))}>
            {t('meeting.results.sign')}
          </Button>
        </Space>
      ) : null}
    </Card>
  );
}
