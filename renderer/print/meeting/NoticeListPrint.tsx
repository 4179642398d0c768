// 公示名单: those finally passed, with name, employer, series, specialty and level only (no expert, no count), and a
// notice period of at least five working days from the chosen start, skipping weekends and the configured holidays.
import { useTranslation } from 'react-i18next';
import { noticePeriod } from '../../../shared/domain/notice-period';
import { noticeRows } from '../../../shared/prints/meeting-prints';
import { call } from '../../api/client';
import { StampBlock, baseMeta, loadMeetingBase, usePrintData, type PrintProps } from './common';

export function NoticeListPrint(props: PrintProps) {
  const { t } = useTranslation();
  const sessionId = props.params.sessionId ?? '';
  const start = props.params.start ?? '';
  const data = usePrintData(
    props,
    async () => {
      const [base, holidays] = await Promise.all([loadMeetingBase(sessionId), call('getNoticeHolidays', {})]);
      return { base, rows: noticeRows(base.results, base.seriesOf), period: noticePeriod(start, holidays.days) };
    },
    (d, tt) => baseMeta(tt, d.base, tt('prints.notice')),
  );
  if (!data) return <p>{t('print.loading')}</p>;
  const { base, rows, period } = data;
  return (
    <article className="print-page" data-testid="print-notice">
      <h1>
        {base.overview.committeeName} · {t('prints.notice')}
      </h1>
      <StampBlock base={base} />
      <p className="print-intro" data-testid="notice-intro">
        {rows.length > 0
          ? t('prints.noticeIntro', { committee: base.overview.committeeName, count: rows.length, start: period.start, end: period.end, days: period.workingDays.length })
          : t('prints.noticeEmpty')}
      </p>
      <table className="print-rows">
        <thead>
          <tr>
            <th className="num">{t('prints.col.seq')}</th>
            <th>{t('prints.col.name')}</th>
            <th>{t('prints.col.employer')}</th>
            <th>{t('prints.col.series')}</th>
            <th>{t('prints.col.specialty')}</th>
            <th>{t('prints.col.level')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.seq}>
              <td className="num">{r.seq}</td>
              <td>{r.name}</td>
              <td>{r.employer}</td>
              <td>{r.series}</td>
              <td>{r.specialty}</td>
              <td>{t(`level.${r.level}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
