// 会议记录: committee, date and place; attendance with the quorum; the pass rule and every setting; each dossier with
// its group's opinion and every round's result; the commitments; every key re-enrolment (issue 8); signature lines
// for every expert present with their key fingerprint, and the chair's.
import { useTranslation } from 'react-i18next';
import { formatPoints } from '../../../shared/domain/scoring';
import { groupOpinions, minutesAttendance, minutesSigners, reEnrolments } from '../../../shared/prints/meeting-prints';
import type { MeetingExpertRow } from '../../../shared/meeting-types';
import type { AuditEventView } from '../../../shared/types';
import { call } from '../../api/client';
import { formatDateTime } from '../../features/audit/time';
import { StampBlock, baseMeta, loadMeetingBase, usePrintData, type PrintProps } from './common';
import { OfficerSignLines } from './TallySheetPrint';

async function revocationEvents(sessionId: string): Promise<AuditEventView[]> {
  const rows: AuditEventView[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await call('listAuditEvents', { sessionId, kinds: ['key.revoked'], order: 'asc', offset, limit: 500 });
    rows.push(...page.rows);
    if (page.rows.length < 500) return rows;
  }
}

export function MinutesPrint(props: PrintProps) {
  const { t } = useTranslation();
  const sessionId = props.params.sessionId ?? '';
  const data = usePrintData(
    props,
    async () => {
      const [base, identities, sheets, revoked] = await Promise.all([
        loadMeetingBase(sessionId),
        call('listIdentities', { sessionId }),
        call('listScoreSheetsForPrint', { sessionId }),
        revocationEvents(sessionId),
      ]);
      return { base, identities, opinions: groupOpinions(sheets), reEnrol: reEnrolments(revoked, identities) };
    },
    (d, tt) => baseMeta(tt, d.base, tt('prints.minutes')),
  );
  if (!data) return <p>{t('print.loading')}</p>;
  const { base, identities, opinions, reEnrol } = data;
  const { meeting, results } = base;
  const att = minutesAttendance(meeting);
  const q = results.quorum;
  const names = (list: MeetingExpertRow[], fmt?: (e: MeetingExpertRow) => string) => (list.length > 0 ? list.map((e) => (fmt ? fmt(e) : e.name)).join('、') : t('prints.none'));
  const signed = meeting.experts.filter((e) => e.commitmentSignedAt !== null);
  return (
    <article className="print-page" data-testid="print-minutes">
      <h1>
        {base.overview.committeeName} · {t('prints.minutes')}
      </h1>
      <StampBlock base={base} />

      <h2>{t('prints.attendanceTitle')}</h2>
      <p data-testid="minutes-attendance">
        {t('prints.attendanceLine', {
          members: att.members,
          present: att.present.length,
          late: att.late.length,
          left: att.left.length,
          absent: att.absent.length,
          needed: q.needed,
          met: q.met ? t('prints.quorumMet') : t('prints.quorumShort', { count: q.shortBy }),
        })}
      </p>
      <ul className="print-list">
        <li>
          {t('prints.presentList')}：{names(att.present)}
        </li>
        <li>
          {t('prints.lateList')}：{names(att.late, (e) => t('prints.arrivedAt', { name: e.name, time: formatDateTime(e.arrivedAt ?? '') }))}
        </li>
        <li>
          {t('prints.leftList')}：{names(att.left, (e) => t('prints.leftAt', { name: e.name, time: formatDateTime(e.leftAt ?? '') }))}
        </li>
        <li>
          {t('prints.absentList')}：{names(att.absent)}
        </li>
      </ul>

      <h2>{t('prints.rulesTitle')}</h2>
      <ul className="print-list" data-testid="minutes-settings">
        <li>{t('prints.passRule')}</li>
        <li>{t('prints.quorumBase', { base: t(`meeting.base.${results.settings.quorumBase}`) })}</li>
        <li>{t('prints.recusedInA', { value: results.settings.recusedCountInA ? t('meeting.recusedIn') : t('meeting.recusedOut') })}</li>
        <li>{t('prints.maxRevotes', { count: results.settings.maxRevotes })}</li>
      </ul>

      <h2>{t('prints.dossiersTitle')}</h2>
      <table className="print-rows print-minutes-dossiers">
        <thead>
          <tr>
            <th className="c-packet">{t('prints.col.packetNo')}</th>
            <th className="c-name">{t('prints.col.name')}</th>
            <th className="c-opinion">{t('prints.groupOpinion')}</th>
            <th className="c-score">{t('prints.score')}</th>
            <th>{t('prints.col.result')}</th>
            <th className="c-final">{t('prints.finalDecision')}</th>
          </tr>
        </thead>
        <tbody>
          {results.dossiers.map((d) => {
            const o = opinions.get(d.dossierId);
            return (
              <tr key={d.dossierId}>
                <td>{d.packetNo}</td>
                <td>
                  {d.name}
                  <br />
                  <small>{d.employer}</small>
                </td>
                <td>{o ? t('prints.opinionLine', { ...o }) : t('prints.noOpinion')}</td>
                <td className="num">{d.score === null ? '—' : formatPoints(d.score)}</td>
                <td>
                  {d.rounds.length > 0
                    ? d.rounds.map((r) => (
                        <div key={r.roundId}>
                          {t('prints.roundResult', { ...r, result: t(`prints.result.${r.void ? 'void' : r.passed ? 'passed' : 'not_passed'}`) })}
                        </div>
                      ))
                    : t('prints.none')}
                </td>
                <td>{t(`meeting.results.decisionValue.${d.outcome.decision}`)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h2>{t('prints.commitmentsTitle')}</h2>
      <p>{t('prints.commitmentsCount', { signed: signed.length, unsigned: meeting.experts.filter((e) => e.arrivedAt !== null).length - signed.filter((e) => e.arrivedAt !== null).length })}</p>
      <p>{signed.length > 0 ? signed.map((e) => t('prints.commitmentLine', { name: e.name, time: formatDateTime(e.commitmentSignedAt ?? '') })).join('；') : t('prints.commitmentsNone')}</p>

      <h2>{t('prints.reEnrolTitle')}</h2>
      <ul className="print-list" data-testid="minutes-reenrol">
        {reEnrol.rows.length === 0 && reEnrol.missing === 0 ? <li>{t('prints.reEnrolNone')}</li> : null}
        {reEnrol.rows.map((r) => (
          <li key={`${r.expertId}-${r.at}`}>{t('prints.reEnrolLine', { name: r.expertName || r.expertId, time: formatDateTime(r.at), fingerprint: r.fingerprint ?? '—', reason: r.reason })}</li>
        ))}
        {reEnrol.missing > 0 ? <li className="print-unsigned">{t('prints.reEnrolMissing', { count: reEnrol.missing })}</li> : null}
      </ul>

      <section className="print-sign">
        <h2>{t('prints.signTitle')}</h2>
        <div className="print-sign-grid">
          {minutesSigners(meeting, identities).map((s) => (
            <div key={s.expertId} className="print-sign-line">
              <div>{t('prints.signExpert', { name: s.name, role: t(`expertRole.${s.role}`) })}</div>
              <div className="mono">
                {t('prints.fingerprint')}：{s.fingerprint ?? t('prints.noKey')}
              </div>
            </div>
          ))}
        </div>
        <OfficerSignLines base={base} />
      </section>
    </article>
  );
}
