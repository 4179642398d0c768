import { useCallback, useDeferredValue, useEffect, useState } from 'react';
import { Drawer, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useStore } from '../../store';
import { DossierDetailView } from './DossierDetailView';
import { DossierFilters } from './DossierFilters';
import { DossierTable } from './DossierTable';

function useListHeight(): number {
  const [h, setH] = useState(() => Math.max(300, window.innerHeight - 260));
  useEffect(() => {
    const on = () => setH(Math.max(300, window.innerHeight - 260));
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return h;
}

/**
 * The filtered rows, on their own: a keystroke re-renders this and the table, not the screen around them.
 * Typing stays responsive: the search box updates first, the (virtualized) list right after.
 */
function DossierListBody() {
  const rows = useDeferredValue(useStore((s) => s.rows));
  const loading = useStore((s) => s.listLoading);
  const openDossier = useStore((s) => s.openDossier);
  const height = useListHeight();
  const onOpen = useCallback((id: string) => void openDossier(id), [openDossier]);
  return (
    <Spin spinning={loading} delay={300}>
      <DossierTable rows={rows} onOpen={onOpen} height={height} />
    </Spin>
  );
}

export function DossierListScreen() {
  const { t } = useTranslation();
  const listError = useStore((s) => s.listError);
  const detail = useStore((s) => s.detail);
  const detailError = useStore((s) => s.detailError);
  const loadDossiers = useStore((s) => s.loadDossiers);
  const closeDossier = useStore((s) => s.closeDossier);
  const sessionId = useStore((s) => s.sessionId);

  useEffect(() => {
    if (sessionId) void loadDossiers();
  }, [sessionId, loadDossiers]);

  return (
    <div>
      <h1 className="page-title">{t('dossiers.title')}</h1>
      <DossierFilters />
      {listError ? <ErrorAlert error={listError} /> : null}
      <DossierListBody />
      <Drawer
        open={!!detail || !!detailError}
        onClose={closeDossier}
        size={760}
        title={detail ? `${detail.packetNo} ${detail.name}` : t('dossier.title')}
        getContainer={() => document.getElementById('drawer-root') ?? document.body}
        destroyOnHidden
      >
        {detailError ? <ErrorAlert error={detailError} /> : null}
        {detail ? <DossierDetailView d={detail} /> : null}
      </Drawer>
    </div>
  );
}
