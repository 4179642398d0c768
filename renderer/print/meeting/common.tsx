// What every meeting print shares: loading its data once (an error becomes the host's error code), the stamp that
// ties the paper to the signed file (session, round ids, short hash of the chair's statement or "unsigned"), and
// the header and footer text the host prints on every page.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { AppError } from '../../../shared/errors';
import type { MeetingResults, MeetingView } from '../../../shared/meeting-types';
import { printStamp, type PrintStamp } from '../../../shared/prints/meeting-prints';
import type { SessionOverview } from '../../../shared/types';
import { ApiError, call } from '../../api/client';
import type { PrintMeta } from '../PrintRoot';

export interface PrintProps {
  params: Record<string, string>;
  onReady(meta: PrintMeta): void;
  onError(code: string): void;
}

export interface MeetingBase {
  overview: SessionOverview;
  meeting: MeetingView;
  results: MeetingResults;
  stamp: PrintStamp;
  /** Series of each dossier (the results carry specialty and level, not the series). */
  seriesOf: Map<string, string>;
}

export async function loadMeetingBase(sessionId: string): Promise<MeetingBase> {
  const [overview, meeting, results, dossiers] = await Promise.all([
    call('getOverview', { sessionId }),
    call('getMeeting', { sessionId }),
    call('getMeetingResults', { sessionId }),
    call('listPrintDossiers', { sessionId }),
  ]);
  return { overview, meeting, results, stamp: printStamp(sessionId, meeting.rounds, results.statements), seriesOf: new Map(dossiers.map((d) => [d.dossierId, d.series])) };
}

/** Loads once (params never change in a print window), reports the error code to the host, and calls onReady. */
export function usePrintData<T>(props: PrintProps, load: () => Promise<T>, meta: (data: T, t: TFunction) => PrintMeta): T | null {
  const { t } = useTranslation();
  const [data, setData] = useState<T | null>(null);
  const { onReady, onError } = props;
  useEffect(() => {
    load().then(setData, (e: unknown) => onError(e instanceof ApiError ? e.shape.code : e instanceof AppError ? e.code : e instanceof Error ? e.message.slice(0, 200) : 'INTERNAL'));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a print window loads once
  }, []);
  useEffect(() => {
    if (data) onReady(meta(data, t));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- meta is derived from data and the language only
  }, [data, onReady, t]);
  return data;
}

/** Round ids that fit one footer line; more are listed on the first page and named by number in the footer. */
const FOOTER_ROUNDS = 3;

export function stampText(t: TFunction, s: PrintStamp, sessionName: string): string {
  const first = s.rounds[0];
  const last = s.rounds.at(-1);
  const rounds =
    !first || !last
      ? t('prints.noRounds')
      : s.rounds.length <= FOOTER_ROUNDS
        ? s.rounds.map((r) => `${r.number}:${r.id}`).join(', ')
        : t('prints.roundsOnFirstPage', { first: first.number, last: last.number, count: s.rounds.length });
  return t('prints.stampLine', {
    session: sessionName,
    rounds,
    statement: s.statement ? t('prints.statementShort', { version: s.statement.version, short: s.statement.short }) : t('prints.stampUnsigned'),
  });
}

export function baseMeta(t: TFunction, base: Pick<MeetingBase, 'overview' | 'stamp'>, title: string): PrintMeta {
  const o = base.overview;
  return { header: `${o.committeeName} · ${o.name} · ${t('print.meetingDate')} ${o.meetingDate} · ${title}`, footer: stampText(t, base.stamp, o.name) };
}

/** The stamp block on the first page: session, round ids, statement hash; "unsigned" is marked, not implied. */
export function StampBlock({ base }: { base: Pick<MeetingBase, 'overview' | 'stamp'> }) {
  const { t } = useTranslation();
  const { stamp, overview: o } = base;
  return (
    <table className="print-meta" data-testid="print-stamp">
      <tbody>
        <tr>
          <th>{t('prints.committee')}</th>
          <td>{o.committeeName}</td>
          <th>{t('prints.sessionName')}</th>
          <td>
            {o.name}（{stamp.sessionId}）
          </td>
        </tr>
        <tr>
          <th>{t('prints.meetingDate')}</th>
          <td>{o.meetingDate}</td>
          <th>{t('prints.place')}</th>
          <td>{o.meetingPlace ?? t('prints.placeUnknown')}</td>
        </tr>
        <tr>
          <th>{t('prints.roundIds')}</th>
          <td colSpan={3} className="mono">
            {stamp.rounds.length > 0 ? stamp.rounds.map((r) => `${r.number}:${r.id}`).join('  ') : t('prints.noRounds')}
          </td>
        </tr>
        <tr>
          <th>{t('prints.statement')}</th>
          <td colSpan={3}>
            {stamp.statement ? (
              <span className="mono">{t('prints.statementShort', { version: stamp.statement.version, short: stamp.statement.short })}</span>
            ) : (
              <strong className="print-unsigned">{t('prints.unsignedMark')}</strong>
            )}
          </td>
        </tr>
      </tbody>
    </table>
  );
}
