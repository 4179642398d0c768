import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../shared/errors';
import { DEMO_SECRETARY_PASSPHRASE } from '../../../shared/demo';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useStore } from '../../store';

const MIN_LENGTH = 8;

/** A new data folder: the secretary sets the desk's passphrase before anything else. */
export function FirstRunScreen() {
  const { t } = useTranslation();
  const setUpDesk = useStore((s) => s.setUpDesk);
  const [form] = Form.useForm<{ passphrase: string; again: string }>();
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { passphrase: string }) => {
    setBusy(true);
    setError(await setUpDesk(v.passphrase));
    setBusy(false);
  };
  return (
    <div className="centered-card" data-testid="first-run">
      <Card title={<h1 className="card-title">{t('roles.firstRunTitle')}</h1>}>
        <Typography.Paragraph>{t('roles.firstRunIntro')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} aria-label={t('roles.firstRunTitle')}>
          <Form.Item name="passphrase" label={t('roles.passphrase')} htmlFor="first-run-pass" rules={[{ required: true, min: MIN_LENGTH, message: t('identity.tooShort') }]}>
            <Input.Password id="first-run-pass" autoFocus data-testid="first-run-passphrase" maxLength={256} />
          </Form.Item>
          <Form.Item
            name="again"
            label={t('roles.again')}
            htmlFor="first-run-again"
            dependencies={['passphrase']}
            rules={[
              { required: true, message: t('identity.mismatch') },
              ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('passphrase') ? Promise.resolve() : Promise.reject(new Error(t('identity.mismatch')))) }),
            ]}
          >
            <Input.Password id="first-run-again" data-testid="first-run-again" maxLength={256} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="first-run-submit">
            {t('roles.setUp')}
          </Button>
        </Form>
        {error ? <ErrorAlert error={error} /> : null}
        <Alert
          style={{ marginTop: 16 }}
          type="info"
          showIcon
          title={t('roles.demoHint', { pass: DEMO_SECRETARY_PASSPHRASE })}
          action={
            <Button size="small" data-testid="first-run-demo" onClick={() => form.setFieldsValue({ passphrase: DEMO_SECRETARY_PASSPHRASE, again: DEMO_SECRETARY_PASSPHRASE })}>
              {t('roles.useDemo')}
            </Button>
          }
        />
      </Card>
    </div>
  );
}
