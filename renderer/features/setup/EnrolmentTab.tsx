import { useEffect, useState } from 'react';
import { Alert, Button, Input, Modal, Space, Steps, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../shared/errors';
import type { IdentityRow } from '../../../shared/types';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useStore } from '../../store';
import { EnrollForm } from '../identity/PassphraseForms';
import { RoleTag } from './RosterTab';

type Step = 'passphrase' | 'readOut' | 'done';

/** The enrolment ceremony for one expert: their own passphrase, the fingerprint read aloud, the secretary's confirmation. */
function Ceremony({ row, onClose }: { row: IdentityRow; onClose: () => void }) {
  const { t } = useTranslation();
  const confirm = useStore((s) => s.confirmExpertKey);
  const closeEnrolment = useStore((s) => s.closeEnrolment);
  const live = useStore((s) => s.identities.find((r) => r.expertId === row.expertId)) ?? row;
  const [step, setStep] = useState<Step>(row.hasKey ? 'readOut' : 'passphrase');
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const cancel = () => void closeEnrolment().then(onClose);
  const current = step === 'passphrase' ? 0 : step === 'readOut' ? 1 : 2;
  return (
    <Modal
      open
      scrollLock={false}
      destroyOnHidden
      width={720}
      title={t('roles.ceremonyTitle', { name: row.name })}
      footer={null}
      onCancel={step === 'done' ? onClose : cancel}
    >
      <div data-testid="enrol-ceremony">
        <Steps
          size="small"
          current={current}
          style={{ marginBottom: 16 }}
          items={[{ title: t('roles.stepPassphrase', { name: row.name }) }, { title: t('roles.stepReadOut', { name: row.name }) }, { title: t('roles.stepDone') }]}
        />
        {step === 'passphrase' ? <EnrollForm row={row} onCancel={cancel} onEnrolled={() => setStep('readOut')} /> : null}
        {step === 'readOut' ? (
          <div data-testid="enrol-read-out">
            <p>{t('roles.readOutBody', { name: row.name })}</p>
            <div className="fingerprint-big" data-testid="enrol-fingerprint" aria-label={t('identity.fingerprint')}>
              {live.fingerprint}
            </div>
            {error ? <ErrorAlert error={error} /> : null}
            <Space>
              <Button
                type="primary"
                loading={busy}
                data-testid="enrol-confirm"
                disabled={!live.keyid}
                onClick={() => {
                  if (!live.keyid) return;
                  setBusy(true);
                  void confirm(row.expertId, live.keyid).then((err) => {
                    setBusy(false);
                    setError(err);
                    if (!err) setStep('done');
                  });
                }}
              >
                {t('roles.confirmOk')}
              </Button>
              <Button onClick={cancel} data-testid="enrol-cancel">
                {t('roles.cancel')}
              </Button>
            </Space>
          </div>
        ) : null}
        {step === 'done' ? (
          <div>
            <Alert type="success" showIcon title={t('roles.done', { name: row.name })} data-testid="enrol-done" />
            <Button style={{ marginTop: 12 }} type="primary" autoFocus onClick={onClose} data-testid="enrol-close">
              {t('common.close')}
            </Button>
          </div>
        ) : null}
      </div>
    </Modal>
  );
}

function RevokeModal({ row, onClose }: { row: IdentityRow; onClose: () => void }) {
  const { t } = useTranslation();
  const revoke = useStore((s) => s.revokeKey);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppErrorShape | null>(null);
  return (
    <Modal
      open
      scrollLock={false}
      destroyOnHidden
      title={t('roles.revokeTitle', { name: row.name })}
      okText={t('roles.revokeOk')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, disabled: reason.trim() === '', 'data-testid': 'revoke-ok' }}
      onCancel={onClose}
      onOk={() => void revoke(row.expertId, reason.trim()).then((err) => (err ? setError(err) : onClose()))}
    >
      <p>{t('roles.revokeBody')}</p>
      <Input.TextArea aria-label={t('roles.revokeReason')} placeholder={t('roles.revokeReason')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="revoke-reason" maxLength={500} />
      {error ? <ErrorAlert error={error} /> : null}
    </Modal>
  );
}

/** The secretary's list of experts' keys: enrol (ceremony), confirm, revoke; re-enrolments stay visible. */
export function EnrolmentTab() {
  const { t } = useTranslation();
  const identities = useStore((s) => s.identities);
  const loadIdentities = useStore((s) => s.loadIdentities);
  const openEnrolment = useStore((s) => s.openEnrolment);
  const [ceremony, setCeremony] = useState<IdentityRow | null>(null);
  const [revoking, setRevoking] = useState<IdentityRow | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  useEffect(() => {
    void loadIdentities();
  }, [loadIdentities]);
  const start = (row: IdentityRow) =>
    void openEnrolment(row.expertId).then((r) => {
      if ('error' in r) setError(r.error);
      else {
        setError(null);
        setCeremony(r.value);
      }
    });
  return (
    <div data-testid="enrolment-tab">
      <p>{t('roles.enrolIntro')}</p>
      {error ? <ErrorAlert error={error} /> : null}
      <DataTable<IdentityRow>
        rowKey="expertId"
        testId="enrolment-table"
        dataSource={identities}
        columns={[
          { key: 'name', title: t('roles.col.name'), render: (r) => r.name },
          { key: 'role', title: t('roles.col.role'), render: (r) => <RoleTag role={r.role} /> },
          { key: 'key', title: t('roles.col.key'), render: (r) => (r.fingerprint ? <span className="fingerprint">{r.fingerprint}</span> : '—') },
          {
            key: 'status',
            title: t('roles.col.status'),
            render: (r) => (
              <Tag color={r.confirmed ? 'green' : r.hasKey ? 'gold' : 'default'} data-testid={`key-status-${r.expertId}`}>
                {t(`roles.status.${r.confirmed ? 'confirmed' : r.hasKey ? 'unconfirmed' : 'none'}`)}
              </Tag>
            ),
          },
          { key: 'again', title: t('roles.col.reEnrolments'), align: 'right', render: (r) => (r.revokedKeys > 0 ? <Tag color="orange">{t('roles.reEnrolled', { n: r.revokedKeys })}</Tag> : '0') },
          {
            key: 'action',
            title: t('roles.col.action'),
            render: (r) => (
              <Space wrap>
                {!r.confirmed ? (
                  <Button size="small" type="primary" data-testid={`enrol-${r.expertId}`} onClick={() => start(r)}>
                    {t('roles.start')}
                  </Button>
                ) : null}
                {r.hasKey ? (
                  <Button size="small" danger data-testid={`revoke-${r.expertId}`} onClick={() => setRevoking(r)}>
                    {t('roles.revoke')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {ceremony ? <Ceremony row={ceremony} onClose={() => setCeremony(null)} /> : null}
      {revoking ? <RevokeModal row={revoking} onClose={() => setRevoking(null)} /> : null}
    </div>
  );
}
