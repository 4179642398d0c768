import { useState } from 'react';
import { Button, Card, Form, Input, Radio, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../shared/errors';
import type { ImportKey } from '../../store/import-slice';

type Mode = 'passphrase' | 'identity';

const IDENTITY_LINE = /^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]+$/;

/** The AGE-SECRET-KEY-1… line of a pasted key file (age-keygen writes comment lines around it). */
export function identityLine(text: string): string | null {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  return lines.length === 1 && IDENTITY_LINE.test(lines[0] as string) && (lines[0] as string).length <= 200 ? (lines[0] as string) : null;
}

function fileName(p: unknown): string {
  return typeof p === 'string' ? (p.split(/[\\/]/).pop() ?? p) : '';
}

/** Asks for what opens an encrypted bundle: a passphrase, or the committee's age identity pasted in. */
export function BundleKeyForm({ error, onSubmit, onCancel }: { error: AppErrorShape; onSubmit: (key: ImportKey) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const recipients = String(error.details?.recipients ?? '').split(',');
  const [mode, setMode] = useState<Mode>(recipients.includes('X25519') && !recipients.includes('scrypt') ? 'identity' : 'passphrase');
  const [form] = Form.useForm<{ passphrase?: string; identity?: string }>();

  const submit = (v: { passphrase?: string; identity?: string }) => {
    if (mode === 'passphrase') onSubmit({ passphrase: v.passphrase ?? '' });
    else onSubmit({ identity: identityLine(v.identity ?? '') ?? '' });
  };

  return (
    <Card
      style={{ marginTop: 16 }}
      data-testid="bundle-key-form"
      title={error.code === 'BUNDLE_DECRYPT_FAILED' ? t('import.key.retry') : t('import.key.title')}
    >
      <p>{t('import.key.intro', { file: fileName(error.details?.file) })}</p>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item label={t('import.key.mode')}>
          <Radio.Group
            optionType="button"
            value={mode}
            onChange={(e) => setMode(e.target.value as Mode)}
            options={[
              { value: 'passphrase', label: t('import.key.modePassphrase') },
              { value: 'identity', label: t('import.key.modeIdentity') },
            ]}
          />
        </Form.Item>
        {mode === 'passphrase' ? (
          <Form.Item name="passphrase" label={t('import.key.passphrase')} rules={[{ required: true, message: t('import.key.passphraseRequired') }, { max: 256 }]}>
            <Input.Password autoFocus autoComplete="off" maxLength={256} aria-label={t('import.key.passphrase')} />
          </Form.Item>
        ) : (
          <Form.Item
            name="identity"
            label={t('import.key.identity')}
            extra={t('import.key.identityHint')}
            rules={[{ validator: (_, v: string | undefined) => (identityLine(v ?? '') ? Promise.resolve() : Promise.reject(new Error(t('import.key.identityInvalid')))) }]}
          >
            <Input.TextArea autoFocus rows={3} spellCheck={false} autoComplete="off" aria-label={t('import.key.identity')} />
          </Form.Item>
        )}
        <Space>
          <Button type="primary" htmlType="submit">
            {t('import.key.decrypt')}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
