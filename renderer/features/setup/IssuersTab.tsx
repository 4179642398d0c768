import { useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { hexToBytes } from '@noble/hashes/utils.js';
import type { IssuerTrustView, TrustedIssuerView } from '../../../shared/contract';
import { fingerprintOf, keyIdOf } from '../../../shared/crypto/keyid';
import type { AppErrorShape } from '../../../shared/errors';
import { call, errorShape } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';

const PUBLIC_KEY = /^[0-9a-fA-F]{64}$/;

/** The fingerprint a typed public key will have, so the secretary can check it with the issuer first. */
function previewFingerprint(hex: string | undefined): string | null {
  const v = (hex ?? '').trim();
  return PUBLIC_KEY.test(v) ? fingerprintOf(keyIdOf(hexToBytes(v.toLowerCase()))) : null;
}

/** 签发方: the issuer keys this installation trusts, and whether bundles must be signed (bundle-format §6.6). */
export function IssuersTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [trust, setTrust] = useState<IssuerTrustView | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [removing, setRemoving] = useState<TrustedIssuerView | null>(null);
  const [form] = Form.useForm<{ label: string; publicKeyHex: string }>();
  const typedKey = Form.useWatch('publicKeyHex', form);

  const run = async (fn: () => Promise<IssuerTrustView>): Promise<IssuerTrustView | null> => {
    try {
      const next = await fn();
      setTrust(next);
      setError(null);
      return next;
    } catch (err) {
      setError(errorShape(err));
      return null;
    }
  };

  useEffect(() => {
    let live = true;
    call('getIssuerTrust', {}).then(
      (v) => live && setTrust(v),
      (err: unknown) => live && setError(errorShape(err)),
    );
    return () => {
      live = false;
    };
  }, []);

  const add = async (v: { label: string; publicKeyHex: string }) => {
    const publicKeyHex = v.publicKeyHex.trim();
    const next = await run(() => call('addTrustedIssuer', { label: v.label.trim(), publicKeyHex }));
    const key = next?.keys.find((k) => k.publicKeyHex === publicKeyHex.toLowerCase());
    if (key) {
      form.resetFields();
      void message.success(t('issuers.added', { label: key.label, fingerprint: fingerprintOf(key.keyid) }));
    }
  };

  const preview = previewFingerprint(typedKey);
  return (
    <div data-testid="issuers">
      {error ? <ErrorAlert error={error} /> : null}
      <Card title={t('issuers.title')} style={{ marginBottom: 16 }}>
        <p>{t('issuers.intro')}</p>
        <Space style={{ marginBottom: 12 }}>
          <Switch
            checked={trust?.required ?? false}
            disabled={!trust}
            aria-label={t('issuers.required')}
            data-testid="signature-required"
            onChange={(required) => void run(() => call('setSignatureRequired', { required }))}
          />
          <span>{t('issuers.required')}</span>
          <span className="muted">{trust?.required ? t('issuers.requiredOn') : t('issuers.requiredOff')}</span>
        </Space>
        <Space style={{ marginBottom: 12, display: 'flex' }}>
          <Switch
            checked={trust?.refuseTrustChange ?? false}
            disabled={!trust}
            aria-label={t('issuers.refuseTrustChange')}
            data-testid="refuse-trust-change"
            onChange={(refuse) => void run(() => call('setRefuseTrustChange', { refuse }))}
          />
          <span>{t('issuers.refuseTrustChange')}</span>
          <span className="muted">{trust?.refuseTrustChange ? t('issuers.refuseTrustChangeOn') : t('issuers.refuseTrustChangeOff')}</span>
        </Space>
        <DataTable<TrustedIssuerView>
          rowKey="keyid"
          testId="issuers-table"
          emptyText={t('issuers.empty')}
          dataSource={trust?.keys ?? []}
          columns={[
            { title: t('issuers.col.label'), key: 'label', render: (k) => k.label || '—' },
            { title: t('issuers.col.fingerprint'), key: 'fp', render: (k) => <code>{fingerprintOf(k.keyid)}</code> },
            { title: t('issuers.col.addedAt'), key: 'at', render: (k) => (k.addedAt ? new Date(k.addedAt).toLocaleString() : '—') },
            {
              title: t('issuers.col.action'),
              key: 'act',
              render: (k) => (
                <Button size="small" danger onClick={() => setRemoving(k)}>
                  {t('issuers.remove')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('issuers.add')}>
        <Form form={form} layout="vertical" onFinish={(v) => void add(v)} requiredMark={false} style={{ maxWidth: 640 }}>
          <Form.Item name="label" label={t('issuers.label')} rules={[{ required: true, whitespace: true, message: t('issuers.labelRequired') }]}>
            <Input maxLength={100} placeholder={t('issuers.labelPlaceholder')} aria-label={t('issuers.label')} />
          </Form.Item>
          <Form.Item
            name="publicKeyHex"
            label={t('issuers.publicKey')}
            extra={preview ? t('issuers.fingerprintPreview', { fingerprint: preview }) : undefined}
            rules={[{ validator: (_, v: string | undefined) => (PUBLIC_KEY.test((v ?? '').trim()) ? Promise.resolve() : Promise.reject(new Error(t('issuers.publicKeyInvalid')))) }]}
          >
            <Input spellCheck={false} autoComplete="off" maxLength={80} aria-label={t('issuers.publicKey')} />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            {t('issuers.addButton')}
          </Button>
        </Form>
      </Card>
      <Modal
        open={!!removing}
        scrollLock={false}
        title={removing ? t('issuers.removeTitle', { label: removing.label || fingerprintOf(removing.keyid) }) : ''}
        okText={t('issuers.remove')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        onCancel={() => setRemoving(null)}
        onOk={() => {
          if (!removing) return;
          void run(() => call('removeTrustedIssuer', { keyid: removing.keyid })).then((next) => next && setRemoving(null));
        }}
      >
        <p>{removing ? t('issuers.removeBody', { fingerprint: fingerprintOf(removing.keyid) }) : null}</p>
      </Modal>
    </div>
  );
}
