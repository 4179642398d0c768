// A paper round: the teller and the scrutineer each enter every dossier's counts with their own passphrase; the second
// enters blind. Matching entries close the round; different ones list the fields to recount.
import { useState } from 'react';
import { Alert, Card, InputNumber, Radio, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../shared/errors';
import type { PaperCount, PaperEntryResult, RoundSummary } from '../../../shared/meeting-types';
import { call, errorShape } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PassphraseConfirm } from './PassphraseConfirm';

const FIELDS = ['issued', 'returned', 'valid', 'invalid', 'agree', 'disagree', 'abstain'] as const;
type Field = (typeof FIELDS)[number];

export function PaperPanel({
  sessionId,
  round,
  officers,
  nameOf,
  onDone,
}: {
  sessionId: string;
  round: RoundSummary;
  officers: string[];
  nameOf: (id: string) => string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const blank = () => Object.fromEntries(round.dossierIds.map((d) => [d, Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<Field, number>]));
  const [entrant, setEntrant] = useState<string | null>(null);
  const [counts, setCounts] = useState<Record<string, Record<Field, number>>>(blank);
  const [passphrase, setPassphrase] = useState('');
  const [result, setResult] = useState<PaperEntryResult | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);

  const submit = async () => {
    if (!entrant || !passphrase) return;
    setError(null);
    try {
      const list: PaperCount[] = round.dossierIds.map((dossierId) => ({ dossierId, ...(counts[dossierId] as Record<Field, number>) }));
      const r = await call('enterPaperCounts', { sessionId, roundId: round.id, entrantId: entrant, passphrase, counts: list });
      // Blind: the next person starts from empty fields.
      setCounts(blank());
      setEntrant(null);
      setResult(r);
      if (r.accepted) onDone();
    } catch (err) {
      setError(errorShape(err));
    } finally {
      setPassphrase('');
    }
  };

  return (
    <Card title={t('meeting.paper.title', { number: round.number })} style={{ marginTop: 16 }} data-testid="paper-panel">
      {error ? <ErrorAlert error={error} /> : null}
      {result && !result.accepted ? (
        <Alert
          type={result.diff.length > 0 ? 'warning' : 'info'}
          showIcon
          data-testid="paper-result"
          style={{ marginBottom: 12 }}
          title={result.diff.length > 0 ? t('meeting.paper.diff', { count: result.diff.length }) : t('meeting.paper.waiting')}
          description={result.diff.map((d) => `${d.dossierId} ${t(`meeting.paper.field.${d.field}`)}: ${d.values[0]} / ${d.values[1]}`).join('；')}
        />
      ) : null}
      <Space style={{ marginBottom: 12 }}>
        <span>{t('meeting.paper.entrant')}</span>
        <Radio.Group value={entrant} onChange={(e) => setEntrant(e.target.value as string)}>
          {officers.map((id) => (
            <Radio key={id} value={id} data-testid={`paper-entrant-${id}`}>
              {nameOf(id)}
            </Radio>
          ))}
        </Radio.Group>
      </Space>
      <table className="data-table" data-testid="paper-table">
        <thead>
          <tr>
            <th>{t('meeting.col.dossiers')}</th>
            {FIELDS.map((f) => (
              <th key={f}>{t(`meeting.paper.field.${f}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {round.dossierIds.map((d) => (
            <tr key={d}>
              <td>{d}</td>
              {FIELDS.map((f) => (
                <td key={f}>
                  <InputNumber
                    min={0}
                    max={1000}
                    precision={0}
                    aria-label={`${d} ${t(`meeting.paper.field.${f}`)}`}
                    data-testid={`paper-${d}-${f}`}
                    value={counts[d]?.[f] ?? 0}
                    onChange={(v) => setCounts((prev) => ({ ...prev, [d]: { ...(prev[d] as Record<Field, number>), [f]: typeof v === 'number' ? v : 0 } }))}
                    style={{ width: 72 }}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <PassphraseConfirm
        value={passphrase}
        onChange={setPassphrase}
        onConfirm={() => void submit()}
        ready={!!entrant}
        label={t('meeting.paper.submit')}
        inputTestId="paper-passphrase"
        buttonTestId="paper-submit"
      />
    </Card>
  );
}
