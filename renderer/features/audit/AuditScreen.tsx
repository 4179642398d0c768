// The audit log people can read: verification with what it proves, filters computed on the backend,
// pages of translated entries, a checkpoint on demand, Excel export and an A4 print.
import { useMemo, useState } from 'react';
import { Alert, Button, Input, Modal, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../shared/errors';
import type { AuditEventView } from '../../../shared/types';
import { ApiError, call, errorShape, shell } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useStore } from '../../store';
import { AuditVerdict } from './AuditVerdict';
import { describeEvent, exportLabels, integrityText, KNOWN_KINDS, kindLabel, personText } from './describe';
import { formatDateTime } from './time';
import { PAGE_SIZE, useAuditLog } from './useAuditLog';
import './audit.css';

export function AuditScreen() {
  const { t } = useTranslation();
  const sessionId = useStore((s) => s.sessionId);
  const role = useStore((s) => s.principal.role);
  const overview = useStore((s) => s.overview);
  const kindsMatching = useMemo(
    () => (text: string) => (text.trim() ? KNOWN_KINDS.filter((k) => kindLabel(t, k).includes(text.trim())) : []),
    [t],
  );
  const log = useAuditLog(sessionId, kindsMatching);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [cpOpen, setCpOpen] = useState(false);
  const [cpPass, setCpPass] = useState('');
  const [cpError, setCpError] = useState<AppErrorShape | null>(null);
  const { filters, changeFilters, page, options } = log;

  const kindOptions = useMemo(() => {
    const all = new Set([...(options?.kinds ?? []), ...KNOWN_KINDS]);
    return [...all].map((k) => ({ value: k, label: kindLabel(t, k) })).sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
  }, [options, t]);
  const personOptions = useMemo(
    () => [
      { value: 'secretary', label: t('role.secretary') },
      { value: 'examiner', label: t('role.examiner') },
      ...(options?.people ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.id}）` })),
    ],
    [options, t],
  );
  const dossierOptions = useMemo(() => (options?.dossiers ?? []).map((d) => ({ value: d.id, label: `${d.packetNo} ${d.name}` })), [options]);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setNotice(null);
    log.setError(null);
    try {
      await fn();
    } catch (e) {
      log.setError(errorShape(e));
    } finally {
      setBusy(false);
    }
  };

  const summary = () => (log.integrity ? (({ title, lines }) => [title, ...lines])(integrityText(t, log.integrity, formatDateTime)) : []);

  const exportExcel = () =>
    run(async () => {
      if (!log.query) return;
      const path = await shell().pickSavePath(`${t('audit.title')}-${overview?.name ?? ''}.xlsx`.replace(/[\\/]/g, '_'));
      if (!path) return;
      const res = await call('exportAuditLog', { query: log.query, path, labels: exportLabels(t, summary()) });
      setNotice(t('audit.exported', { rows: res.rows, file: res.path.split(/[\\/]/).pop() ?? '' }));
    });

  const print = () =>
    run(async () => {
      if (!log.query) return;
      const params: Record<string, string> = { sessionId: log.query.sessionId };
      if (log.query.kinds) params.kinds = log.query.kinds.join(',');
      for (const k of ['person', 'dossierId', 'from', 'to', 'search'] as const) {
        const v = log.query[k];
        if (v) params[k] = v;
      }
      if (log.query.searchKinds) params.searchKinds = log.query.searchKinds.join(',');
      const res = await shell().printToPdf({ view: 'audit-log', params, suggestedName: `${t('audit.title')}-${overview?.name ?? ''}.pdf`.replace(/[\\/]/g, '_') });
      if (!res.ok) throw new ApiError(res.error);
      if (res.value) setNotice(t('audit.printed', { file: res.value.file }));
    });

  const signCheckpoint = async () => {
    setCpError(null);
    try {
      const cp = await call('checkpointAuditLog', { passphrase: cpPass });
      setCpOpen(false);
      setCpPass('');
      setNotice(t('audit.checkpointDone', { count: cp.count, fingerprint: cp.fingerprint }));
      await log.verify();
      await log.reload();
    } catch (e) {
      setCpError(errorShape(e));
    }
  };

  const from = page && page.total > 0 ? log.offset + 1 : 0;
  const to = page ? log.offset + page.rows.length : 0;

  return (
    <div data-testid="audit-screen">
      <h1 className="page-title">{t('audit.title')}</h1>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button onClick={() => void log.verify()} loading={log.checking} data-testid="audit-verify">
          {t('audit.verify')}
        </Button>
        {role === 'secretary' || role === 'chair' || role === 'examiner' ? (
          <Button onClick={() => setCpOpen(true)} data-testid="audit-checkpoint">
            {t('audit.checkpointNow')}
          </Button>
        ) : null}
        <Button onClick={() => void exportExcel()} disabled={busy} data-testid="audit-export">
          {t('audit.exportExcel')}
        </Button>
        <Button type="primary" onClick={() => void print()} disabled={busy} data-testid="audit-print">
          {t('audit.print')}
        </Button>
      </Space>
      {notice ? <Alert type="success" showIcon title={notice} style={{ marginBottom: 12 }} data-testid="audit-notice" /> : null}
      {log.error ? <ErrorAlert error={log.error} /> : null}
      {log.integrity ? <AuditVerdict integrity={log.integrity} /> : null}

      <section aria-label={t('audit.filters')} className="audit-filters" data-testid="audit-filters">
        <Select
          mode="multiple"
          allowClear
          aria-label={t('audit.kindFilter')}
          placeholder={t('audit.kindFilter')}
          style={{ minWidth: 220 }}
          options={kindOptions}
          value={filters.kinds}
          onChange={(kinds: string[]) => changeFilters({ kinds })}
          data-testid="audit-filter-kind"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('audit.personFilter')}
          placeholder={t('audit.personFilter')}
          style={{ minWidth: 180 }}
          options={personOptions}
          value={filters.person}
          onChange={(person?: string) => changeFilters({ person })}
          data-testid="audit-filter-person"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('audit.dossierFilter')}
          placeholder={t('audit.dossierFilter')}
          style={{ minWidth: 200 }}
          options={dossierOptions}
          value={filters.dossierId}
          onChange={(dossierId?: string) => changeFilters({ dossierId })}
          data-testid="audit-filter-dossier"
        />
        <label className="audit-date">
          {t('audit.from')}
          <Input type="date" value={filters.from} onChange={(e) => changeFilters({ from: e.target.value })} data-testid="audit-filter-from" />
        </label>
        <label className="audit-date">
          {t('audit.to')}
          <Input type="date" value={filters.to} onChange={(e) => changeFilters({ to: e.target.value })} data-testid="audit-filter-to" />
        </label>
        <Input.Search
          allowClear
          aria-label={t('audit.search')}
          placeholder={t('audit.search')}
          style={{ width: 240 }}
          defaultValue={filters.search}
          onSearch={(search) => changeFilters({ search })}
          data-testid="audit-filter-search"
        />
        <Button onClick={() => changeFilters({ kinds: [], person: undefined, dossierId: undefined, from: '', to: '', search: '' })}>{t('audit.clear')}</Button>
      </section>

      <DataTable<AuditEventView>
        rowKey="seq"
        testId="audit-entries"
        emptyText={t('audit.none')}
        dataSource={page?.rows ?? []}
        columns={[
          { key: 'seq', title: t('audit.seq'), align: 'right', width: 70, render: (e) => e.seq },
          { key: 'at', title: t('audit.at'), width: 170, render: (e) => formatDateTime(e.at) },
          { key: 'kind', title: t('audit.kind'), width: 150, render: (e) => kindLabel(t, e.kind) },
          { key: 'actor', title: t('audit.actor'), width: 170, render: (e) => personText(t, e.actor) },
          { key: 'event', title: t('audit.event'), render: (e) => describeEvent(t, e) },
        ]}
      />
      <Space style={{ marginTop: 8 }}>
        <span data-testid="audit-shown">{page && page.total > 0 ? t('audit.shown', { from, to, total: page.total }) : null}</span>
        <Button size="small" disabled={log.offset === 0} onClick={() => log.setOffset(Math.max(0, log.offset - PAGE_SIZE))}>
          {t('audit.prev')}
        </Button>
        <Button size="small" disabled={!page || to >= page.total} onClick={() => log.setOffset(log.offset + PAGE_SIZE)} data-testid="audit-next">
          {t('audit.next')}
        </Button>
      </Space>

      <Modal
        open={cpOpen}
        scrollLock={false}
        destroyOnHidden
        title={t('audit.checkpointTitle')}
        okText={t('audit.checkpointNow')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: cpPass === '', 'data-testid': 'audit-checkpoint-ok' }}
        onCancel={() => setCpOpen(false)}
        onOk={() => void signCheckpoint()}
      >
        <p>{t('audit.checkpointIntro')}</p>
        <label htmlFor="audit-cp-pass">{t('audit.checkpointPassphrase')}</label>
        <Input.Password id="audit-cp-pass" data-testid="audit-checkpoint-pass" autoFocus value={cpPass} maxLength={256} onChange={(e) => setCpPass(e.target.value)} onPressEnter={() => void signCheckpoint()} />
        {cpError ? <ErrorAlert error={cpError} /> : null}
      </Modal>
    </div>
  );
}
