// Each expert's score sheets: per expert (a page each), per dossier item by item with the total, the opinion and the
// recommendation, and the signature line with the key fingerprint the sheet was signed with.
import { useTranslation } from 'react-i18next';
import { formatPoints } from '../../../shared/domain/scoring';
import { sheetsByExpert } from '../../../shared/prints/meeting-prints';
import { call } from '../../api/client';
import { formatDateTime } from '../../features/audit/time';
import { StampBlock, baseMeta, loadMeetingBase, usePrintData, type PrintProps } from './common';

export function ScoreSheetsPrint(props: PrintProps) {
  const { t } = useTranslation();
  const sessionId = props.params.sessionId ?? '';
  const expertId = props.params.expertId || undefined;
  const data = usePrintData(
    props,
    async () => {
      const [base, sheets] = await Promise.all([loadMeetingBase(sessionId), call('listScoreSheetsForPrint', expertId ? { sessionId, expertId } : { sessionId })]);
      return { base, experts: sheetsByExpert(sheets) };
    },
    (d, tt) => baseMeta(tt, d.base, tt('prints.scoreSheets')),
  );
  if (!data) return <p>{t('print.loading')}</p>;
  const { base, experts } = data;
  if (experts.length === 0) {
    return (
      <article className="print-page" data-testid="print-score-sheets">
        <h1>
          {base.overview.committeeName} · {t('prints.scoreSheets')}
        </h1>
        <StampBlock base={base} />
        <p>{t('prints.noSheets')}</p>
      </article>
    );
  }
  return (
    <article className="print-page" data-testid="print-score-sheets">
      {experts.map((x, i) => (
        <section key={x.expertId} className="print-sheet" data-testid="score-sheet-expert">
          <h1>{t('prints.sheetTitle', { name: x.expertName })}</h1>
          {i === 0 ? <StampBlock base={base} /> : null}
          {x.sheets.map((s) => (
            <div key={s.dossierId} className="print-block">
              <h2>{t('prints.sheetDossier', { packetNo: s.packetNo, name: s.dossierName, employer: s.employer, specialty: s.specialty, level: t(`level.${s.level}`) })}</h2>
              <p>{t('prints.sheetMeta', { group: s.groupName, version: s.version, time: s.submittedAt ? formatDateTime(s.submittedAt) : '—' })}</p>
              <table className="print-rows">
                <thead>
                  <tr>
                    <th>{t('prints.col.item')}</th>
                    <th className="num">{t('prints.col.max')}</th>
                    <th className="num">{t('prints.col.value')}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.items.map((it) => (
                    <tr key={it.itemId}>
                      <td>
                        {it.group} · {it.label}
                      </td>
                      <td className="num">{formatPoints(it.max)}</td>
                      <td className="num">{it.value === null ? '—' : formatPoints(it.value)}</td>
                    </tr>
                  ))}
                  <tr>
                    <th>{t('prints.total')}</th>
                    <td />
                    <th className="num">{formatPoints(s.total)}</th>
                  </tr>
                </tbody>
              </table>
              <p>
                {t('prints.recommendation')}：{s.recommendation ? t(`meeting.choice.${s.recommendation}`) : '—'}；{t('prints.opinion')}：{s.opinion || '—'}
              </p>
              {s.payloadSha256 ? (
                <p className="mono">
                  {t('prints.sheetHash')}：{s.payloadSha256.slice(0, 16)}
                </p>
              ) : null}
            </div>
          ))}
          <p className="print-sign-line">{t('prints.sheetSign', { fingerprint: x.fingerprint ?? t('prints.noKey') })}</p>
        </section>
      ))}
    </article>
  );
}
