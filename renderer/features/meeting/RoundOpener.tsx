// The chair opens a round for the whole list, a selected batch (filtered by specialty, then ticked) or one dossier,
// electronic or on paper. Dossiers whose applicant's commitment is not recorded are flagged here, before the vote.
import { useEffect, useMemo, useState } from 'react';
import { Button, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MeetingView } from '../../../shared/meeting-types';
import type { DossierRow } from '../../../shared/types';
import { call } from '../../api/client';

export function RoundOpener({ view, busy, run }: { view: MeetingView; busy: boolean; run: (fn: () => Promise<unknown>) => Promise<boolean> }) {
  const { t } = useTranslation();
  const sessionId = view.sessionId;
  const [rows, setRows] = useState<DossierRow[]>([]);
  const [specialty, setSpecialty] = useState('');
  const [picked, setPicked] = useState<Set<string>>(new Set());
  useEffect(() => {
    void call('listDossiers', { sessionId }).then((l) => setRows(l.rows), () => setRows([]));
  }, [sessionId]);
  const noCommitment = useMemo(() => new Set(view.withoutCommitment.map((d) => d.dossierId)), [view.withoutCommitment]);
  const specialties = useMemo(() => [...new Set(rows.map((r) => r.specialty))].sort(), [rows]);
  const shown = specialty ? rows.filter((r) => r.specialty === specialty) : rows;
  const toggle = (id: string) =>
    setPicked((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const open = (dossierIds: string[] | undefined, paper: boolean) =>
    void run(() => call('openBallotRound', { sessionId, ...(dossierIds ? { dossierIds } : {}), ...(paper ? { paper: true } : {}) })).then((ok) => {
      if (ok) setPicked(new Set());
    });
  const ids = [...picked];
  return (
    <div data-testid="round-opener" style={{ marginBottom: 12 }}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Button type="primary" loading={busy} data-testid="round-open-all" onClick={() => open(undefined, false)}>
          {t('meeting.openRoundAll')}
        </Button>
        <Button loading={busy} data-testid="round-open-paper" onClick={() => open(undefined, true)}>
          {t('meeting.openRoundPaper')}
        </Button>
      </Space>
      <details data-testid="round-batch">
        <summary>{t('meeting.batch.title')}</summary>
        <Space wrap style={{ margin: '8px 0' }}>
          <label htmlFor="batch-specialty">{t('meeting.batch.specialty')}</label>
          <select id="batch-specialty" data-testid="batch-specialty" value={specialty} onChange={(e) => setSpecialty(e.target.value)}>
            <option value="">{t('meeting.batch.allSpecialties')}</option>
            {specialties.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <Button size="small" data-testid="batch-pick-shown" onClick={() => setPicked(new Set([...picked, ...shown.map((r) => r.id)]))}>
            {t('meeting.batch.pickShown', { count: shown.length })}
          </Button>
          <Button size="small" data-testid="batch-clear" onClick={() => setPicked(new Set())}>
            {t('meeting.batch.clear')}
          </Button>
          <Button type="primary" disabled={ids.length === 0} loading={busy} data-testid="round-open-selected" onClick={() => open(ids, false)}>
            {t('meeting.batch.open', { count: ids.length })}
          </Button>
          <Button disabled={ids.length === 0} loading={busy} data-testid="round-open-selected-paper" onClick={() => open(ids, true)}>
            {t('meeting.batch.openPaper', { count: ids.length })}
          </Button>
        </Space>
        <div style={{ maxHeight: 320, overflowY: 'auto' }}>
          <table className="data-table" data-testid="batch-table">
            <thead>
              <tr>
                <th scope="col">{t('meeting.batch.pick')}</th>
                <th scope="col">{t('meeting.results.packetNo')}</th>
                <th scope="col">{t('meeting.results.name')}</th>
                <th scope="col">{t('meeting.batch.specialty')}</th>
                <th scope="col">{t('meeting.batch.commitment')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.id}>
                  <td>
                    <input type="checkbox" aria-label={`${r.packetNo} ${r.name}`} data-testid={`batch-pick-${r.id}`} checked={picked.has(r.id)} onChange={() => toggle(r.id)} />
                  </td>
                  <td>{r.packetNo}</td>
                  <td>{r.name}</td>
                  <td>{r.specialty}</td>
                  <td>{noCommitment.has(r.id) ? <Tag color="red">{t('meeting.batch.noCommitment')}</Tag> : t('meeting.batch.hasCommitment')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
