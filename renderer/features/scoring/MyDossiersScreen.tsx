import { useEffect } from 'react';
import { Segmented, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SheetStatus } from '../../../shared/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useStore } from '../../store';
import type { MyFilter } from '../../store/scoring-slice';
import { ExportSheetsButton } from '../offline/ExportSheetsButton';
import { MyDossiersTable } from './MyDossiersTable';

const STATUSES: readonly SheetStatus[] = ['unscored', 'draft', 'submitted', 'recused'];

/** The expert's home: the dossiers of their groups, with their own status and total; Enter opens the score sheet. */
export function MyDossiersScreen() {
  const { t } = useTranslation();
  const sessionId = useStore((s) => s.sessionId);
  const principal = useStore((s) => s.principal);
  const rows = useStore((s) => s.myDossiers);
  const filter = useStore((s) => s.myFilter);
  const loading = useStore((s) => s.myLoading);
  const error = useStore((s) => s.myError);
  const load = useStore((s) => s.loadMyDossiers);
  const setFilter = useStore((s) => s.setMyFilter);
  const openSheet = useStore((s) => s.openSheet);
  const setView = useStore((s) => s.setView);
  const lastOpened = useStore((s) => s.sheet?.dossier.id ?? null);

  useEffect(() => {
    if (sessionId) void load();
  }, [sessionId, principal.expertId, load]);

  // Keyboard first: focus comes back to the row last opened, or the first row.
  useEffect(() => {
    if (rows.length === 0) return;
    const all = [...document.querySelectorAll<HTMLElement>('[data-testid="my-dossier-row"]')];
    const el = all.find((r) => r.dataset.dossierId === lastOpened) ?? all[0];
    if (el && !el.contains(document.activeElement)) el.focus();
  }, [rows.length, lastOpened]);

  const count = (s: SheetStatus) => rows.filter((r) => r.status === s).length;
  const shown = filter === 'all' ? rows : rows.filter((r) => r.status === filter);
  const open = (id: string) => {
    setView('sheet');
    void openSheet(id);
  };

  return (
    <div data-testid="my-dossiers">
      <h1 className="page-title">{t('scoring.myTitle')}</h1>
      <div className="filters">
        <Segmented<MyFilter>
          aria-label={t('scoring.filterLabel')}
          data-testid="my-status-filter"
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: t('scoring.filterAll', { count: rows.length }) },
            ...STATUSES.map((s) => ({ value: s, label: t('scoring.filterStatus', { label: t(`scoring.status.${s}`), count: count(s) }) })),
          ]}
        />
        <span className="muted" data-testid="my-summary">
          {t('scoring.summary', { total: rows.length, submitted: count('submitted'), recused: count('recused') })}
        </span>
        <span className="muted">{t('scoring.openHint')}</span>
      </div>
      {error ? <ErrorAlert error={error} /> : null}
      {count('submitted') > 0 ? <ExportSheetsButton expertName={principal.expertName ?? ''} /> : null}
      <Spin spinning={loading} delay={300}>
        <MyDossiersTable rows={shown} onOpen={open} />
      </Spin>
    </div>
  );
}
