// A paper round: the teller and the scrutineer each enter every dossier's counts, or every ballot one by one, with
// their own passphrase; the second enters blind. Matching entries close the round; different ones list the fields
// (and ballots) to recount, and the chair may accept one of the two with a reason.
import { useState } from 'react';
import { Alert, Button, Card, Input, InputNumber, Radio, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../shared/errors';
import type { PaperCount, PaperEntryResult, RoundSummary } from '../../../shared/meeting-types';
import { call, errorShape } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EMPTY_DRAFT, PaperBallotEntry, type BallotDraft } from './PaperBallotEntry';
import { PassphraseConfirm } from './PassphraseConfirm';

const FIELDS = ['issued', 'returned', 'valid', 'invalid', 'agree', 'disagree', 'abstain'] as const;
type Field = (typeof FIELDS)[number];

export function PaperPanel({
  sessionId,
  round,
  officers,
  chair,
  nameOf,
  onDone,
}: {
  sessionId: string;
  round: RoundSummary;
  officers: string[];
  chair: boolean;
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
  const [mode, setMode] = useState<'counts' | 'ballots'>('counts');
  const [draft, setDraft] = useState<BallotDraft>(EMPTY_DRAFT);
  const [reason, setReason] = useState('');

  const submit = async () => {
    if (!entrant || !passphrase) return;
    setError(null);
    try {
      const list: PaperCount[] = round.dossierIds.map((dossierId) => ({ dossierId, ...(counts[dossierId] as Record<Field, number>) }));
      const r =
        mode === 'ballots'
          ? await call('enterPaperBallots', { sessionId, roundId: round.id, entrantId: entrant, passphrase, ballots: draft.done })
          : await call('enterPaperCounts', { sessionId, roundId: round.id, entrantId: entrant, passphrase, counts: list });
      // Blind: the next person starts from empty fields.
      setCounts(blank());
      setDraft(EMPTY_DRAFT);
      setEntrant(null);
      setResult(r);
      if (r.accepted) onDone();
    } catch (err) {
      setError(errorShape(err));
    } finally {
      setPassphrase('');
    }
  };

  const arbitrate = async (entrantId: string) => {
    setError(null);
    try {
      await call('arbitratePaperEntry', { sessionId, roundId: round.id, entrantId, reason });
      setReason('');
      onDone();
    } catch (err) {
      setError(errorShape(err));
    }
  };

  const differs = !!result && !result.accepted && (result.diff.length > 0 || result.ballotDiff.length > 0);
  const mark = (m: string | null) => (m ? t(`meeting.paper.mark.${m}`) : '—');
  return (
    <Card title={t('meeting.paper.title', { number: round.number })} style={{ marginTop: 16 }} data-testid="paper-panel">
      {error ? <ErrorAlert error={error} /> : null}
      {result && !result.accepted ? (
        <Alert
          type={differs ? 'warning' : 'info'}
          showIcon
          data-testid="paper-result"
          style={{ marginBottom: 12 }}
          title={differs ? t('meeting.paper.diff', { count: result.diff.length + result.ballotDiff.length }) : t('meeting.paper.waiting')}
          description={[
            ...result.diff.map((d) => `${d.dossierId} ${t(`meeting.paper.field.${d.field}`)}: ${d.values[0]} / ${d.values[1]}`),
            ...result.ballotDiff.map((d) => `${t('meeting.paper.ballotNo', { number: d.ballot })} ${d.dossierId}: ${mark(d.values[0])} / ${mark(d.values[1])}`),
          ].join('；')}
        />
      ) : null}
      {chair && differs ? (
        <Space style={{ marginBottom: 12 }} wrap data-testid="paper-arbitration">
          <span>{t('meeting.paper.arbitrate')}</span>
          <Input
            aria-label={t('meeting.paper.arbitrationReason')}
            placeholder={t('meeting.paper.arbitrationReason')}
            data-testid="paper-arbitration-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            style={{ width: 280 }}
          />
          {officers.map((id) => (
            <Button key={id} disabled={!reason.trim()} data-testid={`paper-accept-${id}`} onClick={() => void arbitrate(id)}>
              {t('meeting.paper.accept', { name: nameOf(id) })}
            </Button>
          ))}
        </Space>
      ) : null}
      <Radio.Group
        style={{ marginBottom: 12, display: 'block' }}
        aria-label={t('meeting.paper.mode')}
        value={mode}
        onChange={(e) => setMode(e.target.value as 'counts' | 'ballots')}
        data-testid="paper-mode"
      >
        <Radio value="counts" data-testid="paper-mode-counts">
          {t('meeting.paper.byCounts')}
        </Radio>
        <Radio value="ballots" data-testid="paper-mode-ballots">
          {t('meeting.paper.byBallots')}
        </Radio>
      </Radio.Group>
      <Space style={{ marginBottom: 12 }}>
        <span>{t('meeting.paper.entrant')}</span>
        <Radio.Group value={entrant} aria-label={t('meeting.paper.entrant')} onChange={(e) => setEntrant(e.target.value as string)}>
          {officers.map((id) => (
            <Radio key={id} value={id} data-testid={`paper-entrant-${id}`}>
              {nameOf(id)}
            </Radio>
          ))}
        </Radio.Group>
      </Space>
      {mode === 'ballots' ? <PaperBallotEntry dossierIds={round.dossierIds} draft={draft} onChange={setDraft} /> : null}
      <table className="data-table" data-testid="paper-table" hidden={mode === 'ballots'}>
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
        ready={!!entrant && (mode === 'counts' || (draft.done.length > 0 && draft.current.length === 0))}
        label={t('meeting.paper.submit')}
        inputTestId="paper-passphrase"
        buttonTestId="paper-submit"
      />
    </Card>
  );
}
