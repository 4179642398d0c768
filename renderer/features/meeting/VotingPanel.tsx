// The voting laptop's private ballot screen: one expert at a time, keyboard-first (1 同意, 2 不同意, 3 弃权 on the
// current dossier, then the next; Enter in the passphrase casts). It shows nothing of earlier ballots and clears
// itself after each vote, leaving only the voter's tracker code.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Button, Card, Radio, Space, Tag } from 'antd';
import type { InputRef } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Choice } from '../../../shared/domain/ballots';
import type { AppErrorShape } from '../../../shared/errors';
import type { BallotSheet, RoundSummary } from '../../../shared/meeting-types';
import { call, errorShape } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PassphraseConfirm } from './PassphraseConfirm';

const KEYS: Record<string, Choice> = { '1': 'agree', '2': 'disagree', '3': 'abstain' };

export function VotingPanel({ sessionId, round, nameOf, onVoted }: { sessionId: string; round: RoundSummary; nameOf: (id: string) => string; onVoted: () => void }) {
  const { t } = useTranslation();
  const [sheet, setSheet] = useState<BallotSheet | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [active, setActive] = useState(0);
  const [passphrase, setPassphrase] = useState('');
  const [tracker, setTracker] = useState<string | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const ballotRef = useRef<HTMLDivElement>(null);
  const passRef = useRef<InputRef>(null);
  const waiting = round.voters.filter((v) => !round.voted.includes(v));

  useEffect(() => {
    if (sheet) ballotRef.current?.focus();
  }, [sheet]);

  const clear = () => {
    setSheet(null);
    setChoices({});
    setActive(0);
    setPassphrase('');
    setError(null);
  };

  const start = async (expertId: string) => {
    clear();
    setTracker(null);
    try {
      setSheet(await call('getBallotSheet', { sessionId, expertId }));
    } catch (err) {
      setError(errorShape(err));
    }
  };

  const choose = (dossierId: string, c: Choice, index: number) => {
    setChoices((prev) => ({ ...prev, [dossierId]: c }));
    const next = index + 1;
    if (sheet && next >= sheet.dossiers.length) passRef.current?.focus();
    else setActive(next);
  };

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    // Keys typed in the passphrase field (inside the ballot) are the passphrase, not choices: a passphrase may hold 1, 2, 3.
    if (!sheet || (e.target as HTMLElement).tagName === 'INPUT') return;
    const d = sheet.dossiers[active];
    const c = KEYS[e.key];
    if (d && c) {
      e.preventDefault();
      choose(d.dossierId, c, active);
    } else if (e.key === 'ArrowDown' || e.key === 'j') setActive(Math.min(active + 1, sheet.dossiers.length - 1));
    else if (e.key === 'ArrowUp' || e.key === 'k') setActive(Math.max(active - 1, 0));
  };

  const cast = async () => {
    if (!sheet || !passphrase) return;
    try {
      const receipt = await call('castBallot', {
        sessionId,
        roundId: sheet.roundId,
        expertId: sheet.expertId,
        passphrase,
        choices: sheet.dossiers.map((d) => ({ dossierId: d.dossierId, choice: choices[d.dossierId] as Choice })),
      });
      // Nothing of this ballot stays on screen: only the tracker, for the voter to note.
      clear();
      setTracker(receipt.tracker);
      onVoted();
    } catch (err) {
      setPassphrase('');
      setError(errorShape(err));
    }
  };

  const complete = sheet !== null && sheet.dossiers.every((d) => choices[d.dossierId] !== undefined);
  return (
    <Card title={t('meeting.voting.title', { number: round.number })} style={{ marginTop: 16 }} data-testid="voting-panel">
      {error ? <ErrorAlert error={error} /> : null}
      {tracker ? (
        <p data-testid="vote-tracker">
          {t('meeting.voting.done')} <Tag>{tracker}</Tag>
        </p>
      ) : null}
      {!sheet ? (
        <Space wrap>
          <span>{t('meeting.voting.next')}</span>
          {waiting.map((id) => (
            <Button key={id} data-testid={`vote-as-${id}`} onClick={() => void start(id)}>
              {nameOf(id)}
            </Button>
          ))}
        </Space>
      ) : (
        <div ref={ballotRef} tabIndex={0} onKeyDown={onKey} data-testid="ballot" aria-label={t('meeting.voting.keys')}>
          <p>
            <strong>{sheet.expertName}</strong> · {t('meeting.voting.keys')}
          </p>
          <table className="data-table">
            <tbody>
              {sheet.dossiers.map((d, i) => (
                <tr key={d.dossierId} className={i === active ? 'row-active' : undefined} data-testid="ballot-row" aria-current={i === active}>
                  <td>{d.packetNo}</td>
                  <td>{d.name}</td>
                  <td>{d.employer}</td>
                  <td>
                    <Radio.Group value={choices[d.dossierId]} onChange={(e) => choose(d.dossierId, e.target.value as Choice, i)}>
                      <Radio value="agree">{t('meeting.choice.agree')}</Radio>
                      <Radio value="disagree">{t('meeting.choice.disagree')}</Radio>
                      <Radio value="abstain">{t('meeting.choice.abstain')}</Radio>
                    </Radio.Group>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <PassphraseConfirm
            inputRef={passRef}
            value={passphrase}
            onChange={setPassphrase}
            onConfirm={() => void cast()}
            ready={complete}
            label={t('meeting.voting.cast')}
            inputTestId="ballot-passphrase"
            buttonTestId="ballot-cast"
          >
            <Button onClick={clear}>{t('common.cancel')}</Button>
          </PassphraseConfirm>
        </div>
      )}
    </Card>
  );
}
