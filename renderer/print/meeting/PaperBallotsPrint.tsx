// 表决票 for one round: one sheet per expert on the roll (a page each), the round's dossiers with 同意/不同意/弃权
// boxes and the round id, and no name: the sheets are alike, so nobody's ballot can be told from another's.
import { useTranslation } from 'react-i18next';
import { AppError } from '../../../shared/errors';
import { printStamp } from '../../../shared/prints/meeting-prints';
import { call } from '../../api/client';
import { StampBlock, baseMeta, usePrintData, type PrintProps } from './common';

export function PaperBallotsPrint(props: PrintProps) {
  const { t } = useTranslation();
  const sessionId = props.params.sessionId ?? '';
  const roundId = props.params.roundId ?? '';
  const data = usePrintData(
    props,
    async () => {
      const [overview, meeting, dossiers] = await Promise.all([call('getOverview', { sessionId }), call('getMeeting', { sessionId }), call('listPrintDossiers', { sessionId })]);
      const round = meeting.rounds.find((r) => r.id === roundId);
      if (!round) throw new AppError('PRINT_NO_ROUND', `no round ${roundId}`, { field: 'roundId', actual: roundId });
      const byId = new Map(dossiers.map((d) => [d.dossierId, d]));
      // Ballots are printed before the results exist: the stamp names the round, the statement is not signed yet.
      return { overview, round, stamp: printStamp(sessionId, [round], []), rows: round.dossierIds.map((id) => byId.get(id)).filter((d) => d !== undefined) };
    },
    (d, tt) => baseMeta(tt, d, tt('prints.ballotTitle', { number: d.round.number })),
  );
  if (!data) return <p>{t('print.loading')}</p>;
  const { overview, round, rows } = data;
  const sheets = Math.max(1, round.roll.length);
  return (
    <article className="print-page" data-testid="print-ballots">
      {Array.from({ length: sheets }, (_, i) => (
        <section key={i} className="print-sheet" data-testid="ballot-sheet">
          <h1>
            {overview.committeeName} · {t('prints.ballotTitle', { number: round.number })}
          </h1>
          {i === 0 ? <StampBlock base={data} /> : null}
          <p>
            <span className="mono">{t('prints.ballotRound', { id: round.id })}</span> · {t('prints.ballotSheet', { n: i + 1, count: sheets })}
          </p>
          <p>{t('prints.ballotIntro')}</p>
          <table className="print-rows">
            <thead>
              <tr>
                <th className="num">{t('prints.col.seq')}</th>
                <th>{t('prints.col.packetNo')}</th>
                <th>{t('prints.col.name')}</th>
                <th>{t('prints.col.employer')}</th>
                <th>{t('prints.col.ssl')}</th>
                <th className="box">{t('prints.col.agree')}</th>
                <th className="box">{t('prints.col.disagree')}</th>
                <th className="box">{t('prints.col.abstain')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d, n) => (
                <tr key={d.dossierId}>
                  <td className="num">{n + 1}</td>
                  <td>{d.packetNo}</td>
                  <td>{d.name}</td>
                  <td>{d.employer}</td>
                  <td>{[d.series, d.specialty, t(`level.${d.level}`)].join('/')}</td>
                  <td className="box">□</td>
                  <td className="box">□</td>
                  <td className="box">□</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </article>
  );
}
