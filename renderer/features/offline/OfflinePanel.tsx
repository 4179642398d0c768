import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../shared/errors';
import type { IdentityRow, MergePreview, MergeSheetRow } from '../../../shared/types';
import { call, errorShape, shell } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useStore } from '../../store';
import { PassphraseModal } from './PassphraseModal';

/** Secretary: packages out to experts' laptops, their signed sheet bundles back in (preview, confirm, merge). */
export function OfflinePanel() {
  const { t } = useTranslation();
  const sessionId = useStore((s) => s.sessionId);
  const [identities, setIdentities] = useState<IdentityRow[]>([]);
  const [exportFor, setExportFor] = useState<IdentityRow | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [merge, setMerge] = useState<{ path: string; preview: MergePreview } | null>(null);
  const [fingerprintChecked, setFingerprintChecked] = useState(false);

  const reload = async () => {
    if (sessionId) setIdentities(await call('listIdentities', { sessionId }));
  };
  useEffect(() => {
    void reload().catch((e: unknown) => setError(errorShape(e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sessionId]);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await fn();
    } catch (e) {
      setError(errorShape(e));
    } finally {
      setBusy(false);
    }
  };

  const exportPackage = (passphrase: string) =>
    run(async () => {
      if (!sessionId || !exportFor) return;
      const path = await shell().pickSavePath(t('offline.packageName', { name: exportFor.name }));
      if (!path) return;
      const r = await call('exportExpertPackage', { sessionId, expertId: exportFor.expertId, path, passphrase });
      setNotice(t('offline.packageSaved', { name: exportFor.name, dossiers: r.dossiers, path: r.path }));
      setExportFor(null);
    });

  const pickSheets = () =>
    run(async () => {
      if (!sessionId) return;
      setMerge(null);
      setFingerprintChecked(false);
      const path = await shell().pickBundle();
      if (!path) return;
      setMerge({ path, preview: await call('previewSheetMerge', { sessionId, path }) });
    });

  const applyMerge = () =>
    run(async () => {
      if (!sessionId || !merge) return;
      const p = merge.preview;
      const done = await call('applySheetMerge', {
        sessionId,
        path: merge.path,
        bundleHash: p.bundleHash,
        ...(p.keyStatus !== 'confirmed' ? { acceptKeyid: p.keyid } : {}),
      });
      setMerge({ path: merge.path, preview: done });
      setNotice(t('offline.merged', { name: done.expertName, count: done.sheets.filter((s) => s.status === 'new').length }));
      await reload();
    });

  const statusTag = (s: MergeSheetRow) =>
    s.status === 'new' ? (
      <Tag color="green">{t('offline.sheetStatus.new')}</Tag>
    ) : s.status === 'identical' ? (
      <Tag>{t('offline.sheetStatus.identical')}</Tag>
    ) : (
      <Tag color="red">{t(`offline.reason.${s.reason ?? 'different_content'}`)}</Tag>
    );

  const p = merge?.preview;
  const needsConfirm = p && !p.applied && (p.keyStatus === 'new' || p.keyStatus === 'unconfirmed');
  return (
    <div data-testid="offline-panel">
      {error ? <ErrorAlert error={error} /> : null}
      {notice ? <Alert type="success" showIcon style={{ marginBottom: 12 }} title={notice} data-testid="offline-notice" /> : null}
      <Card title={t('offline.packagesTitle')} style={{ marginBottom: 16 }}>
        <p>{t('offline.packagesIntro')}</p>
        <DataTable<IdentityRow>
          rowKey="expertId"
          testId="offline-experts"
          dataSource={identities}
          columns={[
            { key: 'name', title: t('setup.col.name'), render: (r) => r.name },
            { key: 'role', title: t('setup.col.role'), render: (r) => t(`expertRole.${r.role}`) },
            { key: 'fp', title: t('offline.fingerprint'), render: (r) => (r.fingerprint ? `${r.fingerprint}${r.confirmed ? '' : ` (${t('offline.unconfirmed')})`}` : t('offline.noKey')) },
            {
              key: 'act',
              title: '',
              render: (r) => (
                <Button size="small" onClick={() => setExportFor(r)}>
                  {t('offline.exportPackage')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('offline.mergeTitle')}>
        <p>{t('offline.mergeIntro')}</p>
        <Button type="primary" onClick={() => void pickSheets()} loading={busy && !merge}>
          {t('offline.importSheets')}
        </Button>
        {p ? (
          <div style={{ marginTop: 12 }} data-testid="merge-preview">
            <p>
              {t('offline.from', { name: p.expertName })} · {t('offline.fingerprint')}：<strong data-testid="merge-fingerprint">{p.fingerprint}</strong>{' '}
              <Tag color={p.keyStatus === 'confirmed' ? 'green' : p.keyStatus === 'mismatch' ? 'red' : 'orange'}>{t(`offline.keyStatus.${p.keyStatus}`)}</Tag>
            </p>
            <DataTable<MergeSheetRow>
              rowKey={(s) => `${s.dossierId}@${s.version}`}
              testId="merge-sheets"
              dataSource={p.sheets}
              emptyText={t('offline.noSheets')}
              columns={[
                { key: 'd', title: t('setup.col.applicant'), render: (s) => `${s.packetNo} ${s.applicant}` },
                { key: 'v', title: t('offline.version'), align: 'right', render: (s) => s.version },
                { key: 's', title: t('offline.status'), render: statusTag },
              ]}
            />
            {!p.applied ? (
              <Space direction="vertical" style={{ marginTop: 12 }}>
                {needsConfirm ? (
                  <Checkbox checked={fingerprintChecked} onChange={(e) => setFingerprintChecked(e.target.checked)}>
                    {t('offline.confirmFingerprint', { name: p.expertName, fingerprint: p.fingerprint })}
                  </Checkbox>
                ) : null}
                <Button
                  type="primary"
                  disabled={p.keyStatus === 'mismatch' || !p.sheets.some((s) => s.status === 'new') || (needsConfirm && !fingerprintChecked)}
                  loading={busy}
                  onClick={() => void applyMerge()}
                >
                  {t('offline.applyMerge', { count: p.sheets.filter((s) => s.status === 'new').length })}
                </Button>
              </Space>
            ) : null}
          </div>
        ) : null}
      </Card>
      <PassphraseModal
        open={!!exportFor}
        title={t('offline.packagePassTitle', { name: exportFor?.name ?? '' })}
        confirm
        minLength={8}
        busy={busy}
        error={exportFor ? error : null}
        onCancel={() => setExportFor(null)}
        onOk={(pass) => void exportPackage(pass)}
      />
    </div>
  );
}
