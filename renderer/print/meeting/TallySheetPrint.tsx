// 投票结果表: the fixed columns of issue 9, one row per dossier and round, 20 rows a page (A4 landscape), and the
// teller's, scrutineer's and chair's signature lines on every page.
import { useTranslation } from 'react-i18next';
import { TALLY_ROWS_PER_PAGE, chunk, tallyRows, type TallyRow } from '../../../shared/prints/meeting-prints';
import { StampBlock, baseMeta, loadMeetingBase, usePrintData, type MeetingBase, type PrintProps } from './common';

const NUMBERS = ['expected', 'present', 'recused', 'issued', 'returned', 'valid', 'agree', 'disagree', 'abstain', 'invalid'] as const;

export function OfficerSignLines({ base }: { base: MeetingBase }) {
  const { t } = useTranslation();
  const name = (id: string | null) => (id ? t('prints.signNamed', { name: base.meeting.experts.find((e) => e.expertId === id)?.name ?? id }) : '');
  return (
    <div className="print-sign-row">
      <span>
        {t('prints.signTeller')}
        {name(base.meeting.tellerId)}
      </span>
      <span>
        {t('prints.signScrutineer')}
        {name(base.meeting.scrutineerId)}
      </span>
      <span>{t('prints.signChair')}</span>
      <span>{t('prints.date')}</span>
    </div>
  );
}

export function TallySheetPrint(props: PrintProps) {
  const { t } = useTranslation();
  const sessionId = props.params.sessionId ?? '';
  const data = usePrintData(
    props,
    async () => {
      const base = await loadMeetingBase(sessionId);
      return { base, rows: tallyRows(base.results, base.meeting.rounds, base.seriesOf) };
    },
    (d, tt) => baseMeta(tt, d.base, tt('prints.tally')),
  );
  if (!data) return <p>{t('print.loading')}</p>;
  const { base, rows } = data;
  const pages = chunk(rows, TALLY_ROWS_PER_PAGE);
  const ssl = (r: TallyRow) => [r.series, r.specialty, t(`level.${r.level}`)].filter(Boolean).join('/');
  return (
    <article className="print-page print-landscape" data-testid="print-tally">
      {pages.map((page, i) => (
        <section key={i} className="print-sheet" data-testid="tally-page">
          <h1>
            {base.overview.committeeName} · {t('prints.tally')}
          </h1>
          {i === 0 ? <StampBlock base={base} /> : null}
          <p className="print-page-no">{t('prints.pageOf', { page: i + 1, pages: pages.length })}</p>
          <table className="print-rows print-tally">
            <thead>
              <tr>
                <th className="num">{t('prints.col.seq')}</th>
                <th>{t('prints.col.name')}</th>
                <th>{t('prints.col.employer')}</th>
                <th>{t('prints.col.ssl')}</th>
                {NUMBERS.map((k) => (
                  <th key={k} className="num">
                    {t(`prints.col.${k}`)}
                  </th>
                ))}
                <th>{t('prints.col.result')}</th>
                <th className="num">{t('prints.col.round')}</th>
              </tr>
            </thead>
            <tbody>
              {page.map((r) => (
                <tr key={`${r.dossierId}-${r.roundId}`}>
                  <td className="num">{r.seq}</td>
                  <td>{r.name}</td>
                  <td>{r.employer}</td>
                  <td>{ssl(r)}</td>
                  {NUMBERS.map((k) => (
                    <td key={k} className="num">
                      {r[k]}
                    </td>
                  ))}
                  <td>{t(`prints.result.${r.result}`)}</td>
                  <td className="num">{r.round}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <OfficerSignLines base={base} />
        </section>
      ))}
    </article>
  );
}
