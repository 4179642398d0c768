// The meeting (chair and secretary): check-in with each expert's passphrase, commitments, live quorum, ballot rounds
// (who has voted, never how), the private voting screen and, once every round is closed, the results.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Input, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../shared/errors';
import type { MeetingExpertRow, MeetingView, RoundSummary } from '../../../shared/meeting-types';
import { call, errorShape } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useStore } from '../../store';
import { ResultsPanel } from './ResultsPanel';
import { ResultBundlePanel } from './ResultBundlePanel';
import { PaperPanel } from './PaperPanel';
import { VotingPanel } from './VotingPanel';

type Pending = { expertId: string; name: string; action: 'checkIn' | 'signCommitment' } | null;

export function MeetingScreen() {
  const { t } = useTranslation();
  const sessionId = useStore((s) => s.sessionId);
  const role = useStore((s) => s.principal.role);
  const [view, setView] = useState<MeetingView | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [teller, setTeller] = useState<string | null>(null);
  const [scrutineer, setScrutineer] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!sessionId) return;
    try {
      setView(await call('getMeeting', { sessionId }));
    } catch (err) {
      setError(errorShape(err));
    }
  }, [sessionId]);
  useEffect(() => void load(), [load]);

  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      await load();
      return true;
    } catch (err) {
      setError(errorShape(err));
      return false;
    } finally {
      setBusy(false);
    }
  };

  if (!sessionId || !view) return error ? <ErrorAlert error={error} /> : null;
  const chair = role === 'chair';
  const open = view.rounds.find((r) => r.status === 'open') ?? null;
  const allClosed = view.rounds.length > 0 && !open;
  const nameOf = (id: string) => view.experts.find((e) => e.expertId === id)?.name ?? id;

  const submitPending = async () => {
    if (!pending || !passphrase) return;
    const ok = await run(() => call(pending.action, { sessionId, expertId: pending.expertId, passphrase }));
    setPassphrase('');
    if (ok) setPending(null);
  };

  const status = (e: MeetingExpertRow) =>
    e.present ? (e.late ? <Tag color="orange">{t('meeting.late')}</Tag> : <Tag color="green">{t('meeting.present')}</Tag>) : e.leftAt ? <Tag>{t('meeting.left')}</Tag> : <Tag>{t('meeting.absent')}</Tag>;

  return (
    <div data-testid="meeting-screen">
      <h1 className="page-title">{t('meeting.title')}</h1>
      {error ? <ErrorAlert error={error} /> : null}
      <Card>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <div data-testid="meeting-quorum">
            {t('meeting.quorumLine', { present: view.quorum.present, n: view.quorum.n, needed: view.quorum.needed })}
            {view.quorum.met ? <Tag color="green">{t('meeting.quorumMet')}</Tag> : <Tag color="red">{t('meeting.quorumShort', { count: view.quorum.shortBy })}</Tag>}
          </div>
          <div className="muted" data-testid="meeting-settings">
            {t('meeting.settingsLine', {
              base: t(`meeting.base.${view.settings.quorumBase}`),
              recused: t(view.settings.recusedCountInA ? 'meeting.recusedIn' : 'meeting.recusedOut'),
              revotes: view.settings.maxRevotes,
            })}
          </div>
          {view.opened ? (
            <div data-testid="meeting-opened">{t('meeting.openedBy', { name: nameOf(view.openedBy ?? '') })}</div>
          ) : chair ? (
            <Button type="primary" loading={busy} data-testid="meeting-open" onClick={() => void run(() => call('openMeeting', { sessionId }))}>
              {t('meeting.open')}
            </Button>
          ) : (
            <Alert type="info" showIcon title={t('meeting.notOpen')} />
          )}
        </Space>
      </Card>

      <Card title={t('meeting.attendance')} style={{ marginTop: 16 }}>
        {pending ? (
          <Space style={{ marginBottom: 12 }} data-testid="meeting-pending">
            <span>{t(`meeting.pending.${pending.action}`, { name: pending.name })}</span>
            <Input.Password
              autoFocus
              data-testid="meeting-passphrase"
              aria-label={t('meeting.passphrase')}
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
              onPressEnter={() => void submitPending()}
              style={{ width: 240 }}
            />
            <Button type="primary" loading={busy} onClick={() => void submitPending()} data-testid="meeting-pending-ok">
              {t('meeting.confirm')}
            </Button>
            <Button onClick={() => setPending(null)}>{t('common.cancel')}</Button>
          </Space>
        ) : null}
        {view.opened ? <p className="muted">{t('meeting.commitmentText')}：{view.commitmentText}</p> : null}
        {view.opened ? (
          <Space style={{ marginBottom: 12 }} wrap data-testid="meeting-officers">
            <span>{t('meeting.teller')}</span>
            <select aria-label={t('meeting.teller')} data-testid="teller-select" value={teller ?? view.tellerId ?? ''} onChange={(e) => setTeller(e.target.value || null)}>
              <option value="">—</option>
              {view.experts.filter((e) => e.present).map((e) => (
                <option key={e.expertId} value={e.expertId}>
                  {e.name}
                </option>
              ))}
            </select>
            <span>{t('meeting.scrutineer')}</span>
            <select aria-label={t('meeting.scrutineer')} data-testid="scrutineer-select" value={scrutineer ?? view.scrutineerId ?? ''} onChange={(e) => setScrutineer(e.target.value || null)}>
              <option value="">—</option>
              {view.experts.filter((e) => e.present).map((e) => (
                <option key={e.expertId} value={e.expertId}>
                  {e.name}
                </option>
              ))}
            </select>
            <Button
              size="small"
              data-testid="officers-save"
              disabled={!(teller ?? view.tellerId) || !(scrutineer ?? view.scrutineerId)}
              onClick={() => void run(() => call('designateOfficers', { sessionId, tellerId: (teller ?? view.tellerId) as string, scrutineerId: (scrutineer ?? view.scrutineerId) as string }))}
            >
              {t('meeting.officersSave')}
            </Button>
          </Space>
        ) : null}
        <DataTable<MeetingExpertRow>
          rowKey="expertId"
          testId="meeting-experts"
          dataSource={view.experts}
          columns={[
            { key: 'name', title: t('meeting.col.name'), render: (e) => e.name },
            { key: 'role', title: t('meeting.col.role'), render: (e) => t(`expertRole.${e.role}`) },
            { key: 'status', title: t('meeting.col.status'), render: status },
            { key: 'commitment', title: t('meeting.col.commitment'), render: (e) => (e.commitmentSignedAt ? t('meeting.signed') : '—') },
            {
              key: 'actions',
              title: '',
              render: (e) => (
                <Space>
                  {!e.present && e.hasKey ? (
                    <Button size="small" data-testid={`check-in-${e.expertId}`} onClick={() => setPending({ expertId: e.expertId, name: e.name, action: 'checkIn' })}>
                      {t('meeting.checkIn')}
                    </Button>
                  ) : null}
                  {e.present && view.opened && !e.commitmentSignedAt ? (
                    <Button size="small" data-testid={`commit-${e.expertId}`} onClick={() => setPending({ expertId: e.expertId, name: e.name, action: 'signCommitment' })}>
                      {t('meeting.signCommitment')}
                    </Button>
                  ) : null}
                  {e.present ? (
                    <Button size="small" data-testid={`check-out-${e.expertId}`} onClick={() => void run(() => call('checkOut', { sessionId, expertId: e.expertId }))}>
                      {t('meeting.checkOut')}
                    </Button>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Card title={t('meeting.rounds')} style={{ marginTop: 16 }}>
        {chair && view.opened && !open ? (
          <Button type="primary" loading={busy} data-testid="round-open-all" style={{ marginBottom: 12 }} onClick={() => void run(() => call('openBallotRound', { sessionId }))}>
            {t('meeting.openRoundAll')}
          </Button>
        ) : null}
        {chair && view.opened && !open ? (
          <Button loading={busy} data-testid="round-open-paper" style={{ marginBottom: 12, marginLeft: 8 }} onClick={() => void run(() => call('openBallotRound', { sessionId, paper: true }))}>
            {t('meeting.openRoundPaper')}
          </Button>
        ) : null}
        <DataTable<RoundSummary>
          rowKey="id"
          testId="meeting-rounds"
          dataSource={view.rounds}
          emptyText={t('meeting.noRounds')}
          columns={[
            { key: 'number', title: t('meeting.col.round'), align: 'right', render: (r) => r.number },
            { key: 'purpose', title: t('meeting.col.purpose'), render: (r) => t(`meeting.purpose.${r.purpose}`) },
            { key: 'status', title: t('meeting.col.status'), render: (r) => <span data-testid={`round-status-${r.number}`}>{t(`meeting.roundStatus.${r.status}`)}</span> },
            { key: 'dossiers', title: t('meeting.col.dossiers'), align: 'right', render: (r) => r.dossierIds.length },
            { key: 'voted', title: t('meeting.col.voted'), align: 'right', render: (r) => <span data-testid={`round-voted-${r.number}`}>{`${r.voted.length} / ${r.voters.length}`}</span> },
            { key: 'who', title: t('meeting.col.who'), render: (r) => r.voted.map(nameOf).join('、') },
            {
              key: 'close',
              title: '',
              render: (r) =>
                chair && r.status === 'open' ? (
                  <Button size="small" danger data-testid={`round-close-${r.number}`} onClick={() => void run(() => call('closeBallotRound', { sessionId, roundId: r.id }))}>
                    {t('meeting.closeRound')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>

      {open && open.kind === 'electronic' ? <VotingPanel sessionId={sessionId} round={open} nameOf={nameOf} onVoted={() => void load()} /> : null}
      {open && open.kind === 'paper' ? (
        <PaperPanel
          sessionId={sessionId}
          round={open}
          officers={[view.tellerId, view.scrutineerId].filter((x): x is string => x !== null)}
          nameOf={nameOf}
          onDone={() => void load()}
        />
      ) : null}
      {allClosed ? <ResultsPanel sessionId={sessionId} chair={chair} onChanged={() => void load()} /> : null}
      {allClosed && role === 'secretary' ? <ResultBundlePanel sessionId={sessionId} /> : null}
    </div>
  );
}
