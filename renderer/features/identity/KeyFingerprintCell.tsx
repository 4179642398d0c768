import { useState } from 'react';
import { Button, Modal, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../shared/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useStore } from '../../store';

/** The roster's key column: the expert's key fingerprint, and the secretary's check after it is read out aloud. */
export function KeyFingerprintCell({ expertId, name }: { expertId: string; name: string }) {
  const { t } = useTranslation();
  const row = useStore((s) => s.identities.find((r) => r.expertId === expertId));
  const confirm = useStore((s) => s.confirmExpertKey);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  if (!row?.hasKey || !row.fingerprint) return <span className="muted">{t('identity.noKey')}</span>;
  const keyid = row.keyid;
  return (
    <span data-testid="key-fingerprint" data-expert-id={expertId}>
      <span className="fingerprint">{row.fingerprint}</span>{' '}
      {row.confirmed ? (
        <Tag color="green">{t('identity.confirmed')}</Tag>
      ) : (
        <Button size="small" data-testid="confirm-key" disabled={!keyid} onClick={() => setOpen(true)}>
          {t('identity.confirmKey')}
        </Button>
      )}
      <Modal
        open={open}
        scrollLock={false}
        destroyOnHidden
        title={t('identity.confirmKeyTitle', { name })}
        okText={t('identity.confirmKeyOk')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: busy, 'data-testid': 'confirm-key-ok' }}
        onCancel={() => setOpen(false)}
        onOk={() => {
          if (!keyid) return;
          setBusy(true);
          void confirm(expertId, keyid).then((err) => {
            setBusy(false);
            setError(err);
            if (!err) setOpen(false);
          });
        }}
      >
        <p>{t('identity.confirmKeyBody', { name })}</p>
        <div className="fingerprint-big">{row.fingerprint}</div>
        {error ? <ErrorAlert error={error} /> : null}
      </Modal>
    </span>
  );
}
