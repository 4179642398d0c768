// The examiner's signed findings on A4: what was signed (key fingerprint, payload hash, bundle hash), the sample
// with its seed and salt, each finding, the anomalies acknowledged, the thresholds; the examiner's signature line.
// Printed from the signed payload itself, so the paper says what the signature covers.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FindingsStatementView } from '../../shared/examiner/views';
import type { SessionOverview } from '../../shared/types';
import { call } from '../api/client';
import { formatDateTime } from '../features/audit/time';
import type { PrintMeta } from './PrintRoot';

export function FindingsPrint({ params, onReady, onError }: { params: Record<string, string>; onReady(meta: PrintMeta): void; onError(code: string): void }) {
  const { t } = useTranslation();
  const [data, setData] = useState<{ overview: SessionOverview; statement: FindingsStatementView } | null>(null);
  const sessionId = params.sessionId ?? '';

  useEffect(() => {
    Promise.all([call('getOverview', { sessionId }), call('getFindingsStatement', { sessionId })]).then(
      ([overview, statement]) => (statement ? setData({ overview, statement }) : onError('EXAMINER_NOT_SIGNED')),
      (e: unknown) => onError(e instanceof Error ? e.message.slice(0, 200) : 'INTERNAL'),
    );
    // A print window's params never change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!data) return;
    const o = data.overview;
    onReady({
      header: `${o.committeeName} · ${o.name} · ${t('print.meetingDate')} ${o.meetingDate}`,
      footer: `${t('examiner.print.title')} · ${data.statement.payloadSha256.slice(0, 16)}`,
    });
  }, [data, onReady, t]);

  if (!data) return <p>{t('print.loading')}</p>;
  const { overview: o, statement: st } = data;
  const p = st.payload;
  const conclusion = (c: boolean | null) => (c === null ? t('examiner.spot.notChecked') : c ? t('examiner.spot.conforms') : t('examiner.spot.notConforms'));
  return (
    <article className="print-page" data-testid="print-examiner-findings">
      <h1>
        {o.committeeName} · {t('examiner.print.title')}
      </h1>
      <table className="print-meta">
        <tbody>
          <tr>
            <th>{t('print.session')}</th>
            <td>{o.name}</td>
            <th>{t('print.meetingDate')}</th>
            <td>{o.meetingDate}</td>
          </tr>
          <tr>
            <th>{t('examiner.print.signedAt')}</th>
            <td>{formatDateTime(st.signedAt)}</td>
            <th>{t('examiner.print.fingerprint')}</th>
            <td className="mono">{st.fingerprint}</td>
          </tr>
          <tr>
            <th>{t('examiner.print.payload')}</th>
            <td colSpan={3} className="mono">
              {st.payloadSha256}
            </td>
          </tr>
          <tr>
            <th>{t('examiner.bundleHash', { hash: '' })}</th>
            <td colSpan={3} className="mono">
              {p.bundleHash}
            </td>
          </tr>
        </tbody>
      </table>

      <h2>{t('examiner.print.sample')}</h2>
      <p>
        {t('examiner.print.algorithm')}：{p.sample.algorithm}
        <br />
        {t('examiner.spot.seed', { hash: p.bundleHash.slice(0, 16), salt: p.sample.salt })}；{p.sample.dossierIds.length} / {p.sample.population}
      </p>
      <h2>{t('examiner.print.findings')}</h2>
      <table className="print-rows">
        <thead>
          <tr>
            <th>{t('examiner.col.packetNo')}</th>
            <th>{t('examiner.col.name')}</th>
            <th>{t('examiner.col.finding')}</th>
            <th>{t('examiner.col.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {p.findings.map((f) => (
            <tr key={f.dossierId}>
              <td>{f.packetNo}</td>
              <td>{f.name}</td>
              <td>{conclusion(f.conforms)}</td>
              <td>{f.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('examiner.print.anomalies')}</h2>
      <p>{t('examiner.print.total', { total: p.anomalies.total, count: p.anomalies.acknowledged.length })}</p>
      <table className="print-rows">
        <thead>
          <tr>
            <th>{t('examiner.col.severity')}</th>
            <th>{t('examiner.col.rule')}</th>
            <th>{t('examiner.col.evidence')}</th>
          </tr>
        </thead>
        <tbody>
          {p.anomalies.acknowledged.map((a) => (
            <tr key={a.key}>
              <td>{t(`examiner.severity.${a.severity}`)}</td>
              <td>{t(`examiner.rule.${a.rule}`)}</td>
              <td className="mono">{a.key.split('|').filter(Boolean).join(' · ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('examiner.print.thresholds')}</h2>
      <p>
        {Object.entries(p.anomalies.thresholds)
          .map(([k, v]) => `${t(`examiner.thresholds.${k}`)} ${String(v)}`)
          .join('；')}
      </p>

      <section className="print-sign">
        <h2>{t('print.signatures')}</h2>
        <div className="print-sign-line">
          <div>{t('examiner.print.signer')}＿＿＿＿＿＿＿＿＿＿</div>
          <div>
            {t('print.date')}：＿＿＿＿＿＿ {t('print.fingerprint')}：{st.fingerprint}
          </div>
        </div>
      </section>
    </article>
  );
}
