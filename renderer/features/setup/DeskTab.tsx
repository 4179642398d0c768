import { useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../shared/errors';
import { call, errorShape } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useStore } from '../../store';

/** The secretary's passphrase: once set, the app starts locked and only it returns to the secretary's desk. */
function ExaminerCard() {
  const { t } = useTranslation();
  const principal = useStore((s) => s.principal);
  const applyPrincipal = useStore((s) => s.applyPrincipal);
  const [pass, setPass] = useState('');
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [done, setDone] = useState(false);
  const save = async () => {
    setError(null);
    try {
      applyPrincipal(await call('setExaminerPassphrase', { passphrase: pass }));
      setPass('');
      setDone(true);
    } catch (e) {
      setError(errorShape(e));
    }
  };
  return (
    <Card title={t('desk.examinerTitle')} style={{ maxWidth: 640, marginTop: 16 }} data-testid="examiner-card">
      <p>{principal.examinerEnabled ? t('desk.examinerEnabled') : t('desk.examinerDisabled')}</p>
      <Input.Password aria-label={t('desk.examinerNew')} placeholder={t('desk.examinerNew')} value={pass} onChange={(e) => setPass(e.target.value)} style={{ maxWidth: 320, marginRight: 8 }} />
      <Button disabled={pass.length < 8} onClick={() => void save()} data-testid="examiner-save">
        {t('desk.save')}
      </Button>
      {done ? <Alert style={{ marginTop: 12 }} type="success" showIcon title={t('desk.examinerSaved')} /> : null}
      {error ? <ErrorAlert error={error} /> : null}
    </Card>
  );
}

function IdleCard() {
  const { t } = useTranslation();
  const minutes = useStore((s) => s.principal.idleLockMinutes);
  const setIdleLock = useStore((s) => s.setIdleLock);
  const [value, setValue] = useState<number>(minutes);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  return (
    <Card title={t('roles.idleTitle')} style={{ maxWidth: 640, marginTop: 16 }} data-testid="idle-card">
      <p>{t('roles.idleIntro')}</p>
      <Space>
        <InputNumber min={1} max={120} precision={0} value={value} onChange={(v) => setValue(typeof v === 'number' ? v : minutes)} aria-label={t('roles.idleTitle')} data-testid="idle-minutes" />
        <span>{t('roles.idleMinutes')}</span>
        <Button
          data-testid="idle-save"
          onClick={() =>
            void setIdleLock(value).then((err) => {
              setError(err);
              setSaved(err ? null : value);
            })
          }
        >
          {t('roles.idleSave')}
        </Button>
      </Space>
      {saved !== null ? <Alert style={{ marginTop: 12 }} type="success" showIcon title={t('roles.idleSaved', { minutes: saved })} /> : null}
      {error ? <ErrorAlert error={error} /> : null}
    </Card>
  );
}

export function DeskTab() {
  return (
    <>
      <SecretaryCard />
      <IdleCard />
      <ExaminerCard />
    </>
  );
}

function SecretaryCard() {
  const { t } = useTranslation();
  const applyPrincipal = useStore((s) => s.applyPrincipal);
  const [form] = Form.useForm<{ current: string; passphrase: string; again: string }>();
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [done, setDone] = useState(false);
  const save = async (v: { current: string; passphrase: string }) => {
    setError(null);
    setDone(false);
    try {
      applyPrincipal(await call('setSecretaryPassphrase', { current: v.current, passphrase: v.passphrase }));
      form.resetFields();
      setDone(true);
    } catch (e) {
      setError(errorShape(e));
    }
  };
  return (
    <Card title={t('desk.title')} data-testid="desk-tab" style={{ maxWidth: 640 }}>
      <p>{t('desk.protected')}</p>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Form.Item name="current" label={t('desk.current')} rules={[{ required: true, message: t('desk.required') }]}>
          <Input.Password aria-label={t('desk.current')} />
        </Form.Item>
        <Form.Item name="passphrase" label={t('desk.new')} rules={[{ required: true, min: 8, message: t('offline.passphraseRule', { min: 8 }) }]}>
          <Input.Password aria-label={t('desk.new')} />
        </Form.Item>
        <Form.Item
          name="again"
          label={t('offline.passphraseAgain')}
          dependencies={['passphrase']}
          rules={[
            { required: true, message: t('offline.passphraseMismatch') },
            ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('passphrase') ? Promise.resolve() : Promise.reject(new Error(t('offline.passphraseMismatch')))) }),
          ]}
        >
          <Input.Password aria-label={t('offline.passphraseAgain')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="desk-save">
          {t('desk.save')}
        </Button>
      </Form>
      {done ? <Alert style={{ marginTop: 12 }} type="success" showIcon title={t('desk.saved')} data-testid="desk-saved" /> : null}
      {error ? (
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={error} />
        </div>
      ) : null}
    </Card>
  );
}
