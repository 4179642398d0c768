import { useState } from 'react';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../shared/errors';
import { call, errorShape, shell } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useStore } from '../../store';
import { PassphraseModal } from './PassphraseModal';

/** Expert on their own laptop: every submitted sheet, signed, into one file for the secretary. */
export function ExportSheetsButton({ expertName }: { expertName: string }) {
  const { t } = useTranslation();
  const sessionId = useStore((s) => s.sessionId);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = async (passphrase: string) => {
    if (!sessionId) return;
    setBusy(true);
    setError(null);
    try {
      const path = await shell().pickSavePath(t('offline.sheetsName', { name: expertName }));
      if (!path) return;
      const r = await call('exportSheetBundle', { sessionId, path, passphrase });
      setDone(t('offline.sheetsSaved', { count: r.sheets, path: r.path }));
      setOpen(false);
    } catch (e) {
      setError(errorShape(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ marginBottom: 12 }}>
      <Button onClick={() => setOpen(true)} data-testid="export-sheets">
        {t('offline.exportSheets')}
      </Button>
      {done ? <Alert style={{ marginTop: 8 }} type="success" showIcon title={done} data-testid="export-sheets-done" /> : null}
      {error && !open ? (
        <div style={{ marginTop: 8 }}>
          <ErrorAlert error={error} />
        </div>
      ) : null}
      <PassphraseModal
        open={open}
        title={t('offline.sheetsPassTitle')}
        confirm={false}
        minLength={1}
        busy={busy}
        error={error}
        onCancel={() => setOpen(false)}
        onOk={(p) => void run(p)}
      />
    </div>
  );
}
