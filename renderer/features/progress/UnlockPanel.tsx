import { useEffect, useState } from 'react';
import { Button, Card, Input, Modal, Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../shared/errors';
import type { SheetStatusRow } from '../../../shared/types';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useStore } from '../../store';

/** The chair reopens a submitted sheet, with a reason on the record; no scores are shown. */
export function UnlockPanel() {
  const { t, i18n } = useTranslation();
  const dossiers = useStore((s) => s.unlockDossiers);
  const statuses = useStore((s) => s.sheetStatuses);
  const loadDossiers = useStore((s) => s.loadUnlockDossiers);
  const loadStatus = useStore((s) => s.loadSheetStatus);
  const unlock = useStore((s) => s.unlockSheet);
  const [dossierId, setDossierId] = useState<string | null>(null);
  const [target, setTarget] = useState<SheetStatusRow | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void loadDossiers();
  }, [loadDossiers]);

  const close = () => {
    setTarget(null);
    setReason('');
    setError(null);
  };
  const confirm = async () => {
    if (!target || !dossierId || reason.trim() === '') return;
    setBusy(true);
    const err = await unlock(dossierId, target.expertId, reason.trim());
    setBusy(false);
    if (err) setError(err);
    else close();
  };

  return (
    <Card title={t('progress.unlockTitle')} data-testid="unlock-panel" style={{ marginTop: 16 }}>
      <p className="muted">{t('progress.unlockIntro')}</p>
      <Select
        style={{ width: 360, marginBottom: 12 }}
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('progress.pickDossier')}
        aria-label={t('progress.pickDossier')}
        data-testid="unlock-dossier"
        value={dossierId ?? undefined}
        options={dossiers.map((d) => ({ value: d.id, label: `${d.packetNo} ${d.name}` }))}
        onChange={(v: string) => {
          setDossierId(v);
          void loadStatus(v);
        }}
      />
      {dossierId && statuses ? (
        <DataTable<SheetStatusRow>
          rowKey="expertId"
          testId="sheet-status-table"
          emptyText={t('progress.noSheets')}
          dataSource={statuses}
          columns={[
            { key: 'expert', title: t('progress.sheetCol.expert'), dataIndex: 'expertName' },
            {
              key: 'status',
              title: t('progress.sheetCol.status'),
              render: (r) => <Tag color={r.status === 'submitted' ? 'green' : 'default'}>{t(`progress.sheetStatus.${r.status}`)}</Tag>,
            },
            { key: 'at', title: t('progress.sheetCol.submittedAt'), render: (r) => (r.submittedAt ? new Date(r.submittedAt).toLocaleString(i18n.language) : '') },
            { key: 'version', title: t('progress.sheetCol.version'), align: 'right', dataIndex: 'version' },
            { key: 'reason', title: t('progress.sheetCol.unlockReason'), render: (r) => r.unlockReason ?? '' },
            {
              key: 'act',
              title: '',
              render: (r) =>
                r.status === 'submitted' ? (
                  <Button size="small" danger data-testid="unlock-sheet" onClick={() => setTarget(r)}>
                    {t('progress.unlock')}
                  </Button>
                ) : null,
            },
          ]}
        />
      ) : null}
      <Modal
        open={!!target}
        scrollLock={false}
        destroyOnHidden
        title={target ? t('progress.unlockConfirmTitle', { name: target.expertName }) : ''}
        okText={t('progress.unlock')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: reason.trim() === '', loading: busy, danger: true, 'data-testid': 'unlock-confirm' }}
        onCancel={close}
        onOk={() => void confirm()}
      >
        <label htmlFor="unlock-reason">{t('progress.reason')}</label>
        <Input.TextArea
          id="unlock-reason"
          data-testid="unlock-reason"
          autoFocus
          value={reason}
          maxLength={500}
          placeholder={t('progress.reasonRequired')}
          onChange={(e) => setReason(e.target.value)}
        />
        {error ? <ErrorAlert error={error} /> : null}
      </Modal>
    </Card>
  );
}
