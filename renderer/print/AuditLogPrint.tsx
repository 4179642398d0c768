// The audit log on A4: committee, session and meeting date; what was verified and the chain head;
// the entries (rows never split across pages); signature lines with the signers' key fingerprints.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditCheckpointView, AuditEventView, AuditIntegrity, AuditQuery, SessionOverview } from '../../shared/types';
import { call } from '../api/client';
import { describeEvent, integrityText, kindLabel, personText } from '../features/audit/describe';
import { formatDateTime } from '../features/audit/time';
import type { PrintMeta } from './PrintRoot';

/** More than this goes to Excel: a print of 100k rows helps nobody. */
export const PRINT_MAX_ROWS = 5000;

export function queryFromParams(p: Record<string, string>): AuditQuery {
  const q: AuditQuery = { sessionId: p.sessionId ?? '' };
  const list = (v: string | undefined) => (v ? v.split(',').filter(Boolean) : undefined);
  if (p.kinds) q.kinds = list(p.kinds);
  if (p.searchKinds) q.searchKinds = list(p.searchKinds);
  for (const k of ['person', 'dossierId', 'from', 'to', 'search'] as const) if (p[k]) q[k] = p[k];
  return q;
}

interface Data {
  overview: SessionOverview;
  integrity: AuditIntegrity;
  rows: AuditEventView[];
  total: number;
}

async function load(q: AuditQuery): Promise<Data> {
  const [overview, integrity] = await Promise.all([call('getOverview', { sessionId: q.sessionId }), call('checkAuditAnchors', { sessionId: q.sessionId })]);
  const rows: AuditEventView[] = [];
  let total = 0;
  for (let offset = 0; offset < PRINT_MAX_ROWS; offset += 500) {
    const page = await call('listAuditEvents', { ...q, order: 'asc', offset, limit: 500 });
    total = page.total;
    rows.push(...page.rows);
    if (page.rows.length < 500) break;
  }
  return { overview, integrity, rows: rows.slice(0, PRINT_MAX_ROWS), total };
}

function latestBy(signers: AuditCheckpointView[], role: string): string | null {
  const mine = signers.filter((s) => s.signer.role === role);
  return mine.at(-1)?.fingerprint ?? null;
}

export function AuditLogPrint({ params, onReady, onError }: { params: Record<string, string>; onReady(meta: PrintMeta): void; onError(code: string): void }) {
  const { t } = useTranslation();
  const [data, setData] = useState<Data | null>(null);
  const q = queryFromParams(params);

  useEffect(() => {
    load(q).then(setData, (e: unknown) => onError(e instanceof Error ? e.message.slice(0, 200) : 'INTERNAL'));
    // The params never change in a print window.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!data) return;
    const o = data.overview;
    onReady({
      header: `${o.committeeName} · ${o.name} · ${t('print.meetingDate')} ${o.meetingDate}`,
      footer: `${t('print.auditTitle')} · ${t('print.chainHead')} ${data.integrity.head.slice(0, 16)}`,
    });
  }, [data, onReady, t]);

  if (!data) return <p>{t('print.loading')}</p>;
  const { overview: o, integrity, rows, total } = data;
  const verdict = integrityText(t, integrity, formatDateTime);
  const filters = [
    q.kinds ? `${t('audit.kindFilter')}：${q.kinds.map((k) => kindLabel(t, k)).join('、')}` : null,
    q.person ? `${t('audit.personFilter')}：${q.person}` : null,
    q.dossierId ? `${t('audit.dossierFilter')}：${q.dossierId}` : null,
    q.from ? `${t('audit.from')}：${formatDateTime(q.from)}` : null,
    q.to ? `${t('audit.to')}：${formatDateTime(q.to)}` : null,
    q.search ? `${t('audit.search')}：${q.search}` : null,
  ].filter(Boolean);
  const signers = integrity.checkpoints.signers;
  return (
    <article className="print-page" data-testid="print-audit-log">
      <h1>
        {o.committeeName} · {t('print.auditTitle')}
      </h1>
      <table className="print-meta">
        <tbody>
          <tr>
            <th>{t('print.committee')}</th>
            <td>{o.committeeName}</td>
            <th>{t('print.session')}</th>
            <td>{o.name}</td>
          </tr>
          <tr>
            <th>{t('print.meetingDate')}</th>
            <td>{o.meetingDate}</td>
            <th>{t('print.printedAt')}</th>
            <td>{formatDateTime(integrity.checkedAt)}</td>
          </tr>
          <tr>
            <th>{t('print.filters')}</th>
            <td colSpan={3}>{filters.length > 0 ? filters.join('；') : t('print.allEntries')}</td>
          </tr>
        </tbody>
      </table>

      <section className={integrity.ok ? 'print-verdict ok' : 'print-verdict bad'} data-testid="print-verdict">
        <h2>
          {t('print.verification')}：{verdict.title}
        </h2>
        <ul>
          {verdict.lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
        <p className="print-head">
          {t('print.chainHead')}：<span className="mono">{integrity.head}</span>（{integrity.entries}）
        </p>
      </section>

      <h2>{t('print.entries', { total })}</h2>
      {total > rows.length ? <p>{t('print.truncated', { shown: rows.length, total })}</p> : null}
      <table className="print-rows">
        <thead>
          <tr>
            <th className="c-seq">{t('audit.seq')}</th>
            <th className="c-at">{t('audit.at')}</th>
            <th className="c-kind">{t('audit.kind')}</th>
            <th className="c-actor">{t('audit.actor')}</th>
            <th>{t('audit.event')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.seq}>
              <td className="c-seq">{e.seq}</td>
              <td className="c-at">{formatDateTime(e.at)}</td>
              <td className="c-kind">{kindLabel(t, e.kind)}</td>
              <td className="c-actor">{personText(t, e.actor)}</td>
              <td>{describeEvent(t, e)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <section className="print-sign">
        <h2>{t('print.signatures')}</h2>
        <p>{t('print.fileHash', { short: integrity.head.slice(0, 16) })}</p>
        <div className="print-sign-lines">
          {(
            [
              ['secretary', t('print.signSecretary')],
              ['examiner', t('print.signExaminer')],
              ['chair', t('print.signChair')],
            ] as const
          ).map(([role, label]) => (
            <div key={role} className="print-sign-line">
              <div>{label}：＿＿＿＿＿＿＿＿＿＿</div>
              <div>
                {t('print.date')}：＿＿＿＿＿＿ {latestBy(signers, role) ? `${t('print.fingerprint')}：${latestBy(signers, role) ?? ''}` : ''}
              </div>
            </div>
          ))}
        </div>
      </section>
    </article>
  );
}
