import { useState, type DragEvent } from 'react';
import { Alert, Button, Progress, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { shell } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { UpdatePreviewCard } from './UpdatePreviewCard';
import { formatBytes } from '../../components/format';
import { useStore } from '../../store';
import { BundleKeyForm } from './BundleKeyForm';

function secondsLeft(p: { bytesDone: number; bytesTotal: number; startedAt: number }): number | null {
  const elapsed = (Date.now() - p.startedAt) / 1000;
  if (p.bytesDone <= 0 || p.bytesTotal <= 0 || elapsed < 1) return null;
  return Math.max(0, Math.round((elapsed * (p.bytesTotal - p.bytesDone)) / p.bytesDone));
}

/** Import a session bundle: file dialog or drop, progress with Cancel, and a report naming what went wrong. */
export function ImportPanel() {
  const { t } = useTranslation();
  const progress = useStore((s) => s.importProgress);
  const result = useStore((s) => s.importResult);
  const importPath = useStore((s) => s.importPath);
  const error = useStore((s) => s.importError);
  const startImport = useStore((s) => s.startImport);
  const cancelImport = useStore((s) => s.cancelImport);
  const openSession = useStore((s) => s.openSession);
  const clearImport = useStore((s) => s.clearImport);
  const retryImportWithKey = useStore((s) => s.retryImportWithKey);
  const [over, setOver] = useState(false);
  // An encrypted bundle: ask for its passphrase or identity, and again after a wrong one.
  const needsKey = error?.code === 'BUNDLE_ENCRYPTED_NEEDS_KEY' || error?.code === 'BUNDLE_DECRYPT_FAILED';

  const pick = async () => {
    const path = await shell().pickBundle();
    if (path) await startImport(path);
  };
  const onDrop = async (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (!file) return;
    const path = await shell().pathForFile(file);
    if (path) await startImport(path);
  };

  const pct = progress && progress.bytesTotal > 0 ? Math.floor((100 * progress.bytesDone) / progress.bytesTotal) : 0;
  const left = progress ? secondsLeft(progress) : null;

  return (
    <section aria-label={t('import.title')}>
      <div
        className={`drop-zone${over ? ' active' : ''}`}
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => void onDrop(e)}
      >
        <Space orientation="vertical">
          <Button type="primary" size="large" onClick={() => void pick()} disabled={!!progress}>
            {t('start.importBundle')}
          </Button>
          <span>{t('start.dropHint')}</span>
        </Space>
      </div>
      {progress ? (
        <div style={{ marginTop: 16 }} data-testid="import-progress">
          <div>{t(`import.phase.${progress.phase}`, { defaultValue: progress.phase })}</div>
          <Progress percent={pct} status="active" aria-label={t('import.title')} />
          <Space>
            <span>
              {progress.phase === 'decrypting'
                ? t('import.decryptProgress', { done: formatBytes(progress.bytesDone), total: formatBytes(progress.bytesTotal) })
                : t('import.progress', {
                    files: progress.filesDone,
                    filesTotal: progress.filesTotal,
                    done: formatBytes(progress.bytesDone),
                    total: formatBytes(progress.bytesTotal),
                  })}
            </span>
            {left !== null ? <span>{t('import.remaining', { seconds: left })}</span> : null}
            <Button onClick={() => void cancelImport()}>{t('common.cancel')}</Button>
          </Space>
        </div>
      ) : null}
      {result && !result.applied && result.update ? (
        <UpdatePreviewCard
          preview={result.update}
          busy={!!progress}
          onCancel={clearImport}
          onApply={(acceptTrustChange) => {
            const path = importPath;
            if (path && result.update) void startImport(path, { bundleHash: result.update.bundleHash, ...(acceptTrustChange ? { acceptTrustChange: true as const } : {}) });
          }}
        />
      ) : null}
      {result && result.applied ? (
        <Alert
          style={{ marginTop: 16 }}
          type="success"
          showIcon
          data-testid="import-done"
          title={
            result.update
              ? t('update.applied', { to: result.bundleVersion })
              : t('import.done', { name: result.name, dossiers: result.dossiers, experts: result.experts, attachments: result.attachments })
          }
          action={
            <Button
              type="primary"
              onClick={() => {
                clearImport();
                void openSession(result.sessionId);
              }}
            >
              {t('start.open')}
            </Button>
          }
        />
      ) : null}
      {error && error.code !== 'BUNDLE_ENCRYPTED_NEEDS_KEY' ? (
        <div style={{ marginTop: 16 }} data-testid="import-error">
          <ErrorAlert
            error={error}
            title={error.code === 'JOB_CANCELLED' ? t('import.cancelled') : t('import.failed')}
            extra={t('import.nothingChanged')}
          />
        </div>
      ) : null}
      {error && needsKey ? <BundleKeyForm key={`${error.code}:${String(error.details?.file)}`} error={error} onSubmit={(key) => void retryImportWithKey(key)} onCancel={clearImport} /> : null}
    </section>
  );
}
