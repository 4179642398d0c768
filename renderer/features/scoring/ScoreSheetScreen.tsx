import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Empty, Space, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useStore } from '../../store';
import { OPINION } from '../../store/scoring-slice';
import { DossierDetailView } from '../dossiers/DossierDetailView';
import { KeyMapModal } from './KeyMapModal';
import { SheetPanel, type SheetFocus } from './SheetPanel';
import { SubmitModal } from './SubmitModal';
import { useSheetKeys } from './use-sheet-keys';

/** The dossier on the left, the score sheet on the right; nothing here needs the mouse. */
export function ScoreSheetScreen() {
  const { t } = useTranslation();
  const view = useStore((s) => s.sheet);
  const loading = useStore((s) => s.sheetLoading);
  const error = useStore((s) => s.sheetError);
  const openSheet = useStore((s) => s.openSheet);
  const flush = useStore((s) => s.flushPending);
  const setView = useStore((s) => s.setView);
  const [keysOpen, setKeysOpen] = useState(false);
  const [submitOpen, setSubmitOpen] = useState(false);
  const [blocked, setBlocked] = useState(false);

  // Focus targets by item id (and the opinion), in standard order, so Enter can go on to the next.
  const targets = useRef(new Map<string, HTMLElement>());
  const refCallbacks = useRef(new Map<string, (el: HTMLElement | null) => void>());
  const order = useMemo(() => (view ? [...view.standard.items.map((i) => i.id), OPINION] : []), [view]);
  const focus: SheetFocus = useMemo(
    () => ({
      register(key) {
        let cb = refCallbacks.current.get(key);
        if (!cb) {
          cb = (el) => {
            if (el) targets.current.set(key, el);
            else targets.current.delete(key);
          };
          refCallbacks.current.set(key, cb);
        }
        return cb;
      },
      next(itemId) {
        const i = order.indexOf(itemId);
        const key = order[i + 1];
        if (key) targets.current.get(key)?.focus();
      },
    }),
    [order],
  );

  const left = useRef<HTMLDivElement>(null);
  const right = useRef<HTMLDivElement>(null);
  const dossierId = view?.dossier.id ?? null;
  const status = view?.sheet.status ?? null;
  // A newly opened sheet starts at the top of the dossier and at its first unscored item (or the first item).
  useEffect(() => {
    const v = useStore.getState().sheet;
    if (!v) return;
    if (left.current) left.current.scrollTop = 0;
    if (right.current) right.current.scrollTop = 0;
    const first = v.standard.items.find((i) => v.sheet.scores[i.id] === undefined) ?? v.standard.items[0];
    if (first) targets.current.get(first.id)?.focus();
  }, [dossierId]);

  // Just submitted: the locked banner at the top of the sheet comes into view, and focus leaves the
  // (now read-only) fields so that J/K go straight on to the next dossier.
  useEffect(() => {
    if (status !== 'submitted' || !right.current) return;
    right.current.scrollTop = 0;
    const active = document.activeElement;
    if (!active || active === document.body || right.current.contains(active)) right.current.focus({ preventScroll: true });
  }, [status]);

  // A / Alt+A: to the dossier's attachments from anywhere on the sheet; closing the viewer comes back here.
  const returnTo = useRef<HTMLElement | null>(null);
  const toAttachments = () => {
    const first = left.current?.querySelector<HTMLElement>('[data-testid="attachment-list"] button, [data-testid="no-attachments"]');
    if (!first) return;
    const active = document.activeElement;
    returnTo.current = active instanceof HTMLElement && active !== document.body && !left.current?.contains(active) ? active : null;
    first.focus();
  };
  const afterViewerClose = () => {
    const back = returnTo.current;
    returnTo.current = null;
    if (back?.isConnected) back.focus();
  };

  const go = async (id: string | null) => {
    if (!id) return;
    returnTo.current = null;
    // Leaving a sheet must not drop what is typed: a field still in error keeps the user here.
    if (!(await flush())) {
      setBlocked(true);
      return;
    }
    setBlocked(false);
    await openSheet(id);
  };
  const openSubmit = async () => {
    if (!view || view.sheet.status === 'submitted') return;
    await flush();
    setSubmitOpen(true);
  };

  useSheetKeys(!!view && !keysOpen && !submitOpen, {
    next: () => void go(view?.nextDossierId ?? null),
    prev: () => void go(view?.prevDossierId ?? null),
    help: () => setKeysOpen(true),
    submit: () => void openSubmit(),
    attachments: toAttachments,
  });

  if (!view) {
    if (error) return <ErrorAlert error={error} />;
    return loading ? <Spin description={t('common.loading')} /> : <Empty description={t('scoring.noSheet')} />;
  }
  const d = view.dossier;
  return (
    <div className="sheet-screen" data-testid="sheet-screen">
      <div className="sheet-bar">
        <Button onClick={() => void flush().then(() => setView('myDossiers'))} data-testid="sheet-back">
          ← {t('scoring.back')}
        </Button>
        <h1 className="page-title sheet-title" data-testid="sheet-title">
          {d.packetNo} {d.name}
        </h1>
        <Space>
          <Button data-testid="prev-dossier" disabled={!view.prevDossierId} onClick={() => void go(view.prevDossierId)}>
            {t('scoring.prev')}
          </Button>
          <Button data-testid="next-dossier" disabled={!view.nextDossierId} onClick={() => void go(view.nextDossierId)}>
            {t('scoring.next')}
          </Button>
          <Button data-testid="attachments-jump" onClick={toAttachments}>
            {t('screens.attachmentsShortcut')}
          </Button>
          <Button data-testid="keymap-open" onClick={() => setKeysOpen(true)}>
            {t('scoring.keys')}
          </Button>
        </Space>
      </div>
      {error ? <ErrorAlert error={error} /> : null}
      {blocked ? <Alert type="error" showIcon role="alert" data-testid="sheet-blocked" title={t('scoring.unsaved')} style={{ marginBottom: 12 }} /> : null}
      <Spin spinning={loading} delay={300}>
        <div className="sheet-layout">
          <div className="sheet-left" data-testid="sheet-dossier" ref={left}>
            <DossierDetailView d={d} afterViewerClose={afterViewerClose} />
          </div>
          <div className="sheet-right" ref={right} tabIndex={-1}>
            <SheetPanel view={view} focus={focus} onSubmit={() => void openSubmit()} />
          </div>
        </div>
      </Spin>
      <KeyMapModal open={keysOpen} onClose={() => setKeysOpen(false)} />
      <SubmitModal
        open={submitOpen}
        view={view}
        onClose={() => setSubmitOpen(false)}
        onSubmitted={() => {
          // Focus leaves the closing dialog at once, so `?`, J and K work straight after a submit.
          setSubmitOpen(false);
          right.current?.focus({ preventScroll: true });
        }}
      />
    </div>
  );
}
