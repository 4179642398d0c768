import { useState } from 'react';
import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../shared/errors';
import { ErrorAlert } from '../../components/ErrorAlert';

/** Asks a passphrase (twice when `confirm`), then runs `onOk`; errors stay in the caller. */
export function PassphraseModal({
  open,
  title,
  confirm,
  minLength,
  onOk,
  onCancel,
  busy,
  error,
}: {
  open: boolean;
  title: string;
  confirm: boolean;
  minLength: number;
  onOk: (passphrase: string) => void;
  onCancel: () => void;
  busy: boolean;
  error?: AppErrorShape | null;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ passphrase: string; again?: string }>();
  const [valid, setValid] = useState(false);
  return (
    <Modal
      open={open}
      title={title}
      scrollLock={false}
      destroyOnHidden
      okText={t('offline.continue')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !valid, loading: busy }}
      onCancel={onCancel}
      onOk={() => void form.validateFields().then((v) => onOk(v.passphrase))}
    >
      <Form form={form} layout="vertical" onValuesChange={() => setValid(form.getFieldsError().every((f) => f.errors.length === 0) && !!form.getFieldValue('passphrase'))}>
        <Form.Item
          name="passphrase"
          label={t('offline.passphrase')}
          rules={[{ required: true, min: minLength, message: t('offline.passphraseRule', { min: minLength }) }]}
        >
          <Input.Password autoFocus aria-label={t('offline.passphrase')} />
        </Form.Item>
        {confirm ? (
          <Form.Item
            name="again"
            label={t('offline.passphraseAgain')}
            dependencies={['passphrase']}
            rules={[
              { required: true, message: t('offline.passphraseMismatch') },
              ({ getFieldValue }) => ({
                validator: (_, v) => (v === getFieldValue('passphrase') ? Promise.resolve() : Promise.reject(new Error(t('offline.passphraseMismatch')))),
              }),
            ]}
          >
            <Input.Password aria-label={t('offline.passphraseAgain')} />
          </Form.Item>
        ) : null}
      </Form>
      {error ? <ErrorAlert error={error} /> : null}
    </Modal>
  );
}
