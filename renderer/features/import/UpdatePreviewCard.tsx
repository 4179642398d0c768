import { Alert, Button, Card, Checkbox, Collapse, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fingerprintOf } from '../../../shared/crypto/keyid';
import type { ChangeList, UpdatePreview } from '../../../shared/types';

const SECTIONS = ['experts', 'groups', 'standards', 'dossiers', 'conflicts', 'quotas'] as const;

function ChangeLines({ list }: { list: ChangeList }) {
  const { t } = useTranslation();
  return (
    <ul style={{ margin: 0 }}>
      {list.added.map((c) => (
        <li key={`a${c.id}`}>
          <Tag color="green">{t('update.added')}</Tag>
          {c.label}
        </li>
      ))}
      {list.removed.map((c) => (
        <li key={`r${c.id}`}>
          <Tag color="red">{t('update.removed')}</Tag>
          {c.label}
        </li>
      ))}
      {list.changed.map((c) => (
        <li key={`c${c.id}`}>
          <Tag color="blue">{t('update.changed')}</Tag>
          {c.label}（{c.fields.map((f) => t(`update.field.${f}`, { defaultValue: f })).join('、')}）
        </li>
      ))}
    </ul>
  );
}

/** What a newer version of the session changes; applying it needs an explicit confirmation. */
export function UpdatePreviewCard({
  preview,
  onApply,
  onCancel,
  busy,
}: {
  preview: UpdatePreview;
  /** `acceptTrustChange`: the secretary ticked the confirmation of a change of signer. */
  onApply: (acceptTrustChange: boolean) => void;
  onCancel: () => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const [trustAccepted, setTrustAccepted] = useState(false);
  const trust = preview.trust;
  const trustChanged = trust !== undefined && (trust.change === 'unsigned' || trust.change === 'other_key');
  const count = (l: ChangeList) => l.added.length + l.removed.length + l.changed.length;
  const items = SECTIONS.filter((s) => count(preview[s]) > 0).map((s) => ({
    key: s,
    label: t('update.section', { name: t(`update.sections.${s}`), added: preview[s].added.length, removed: preview[s].removed.length, changed: preview[s].changed.length }),
    children: <ChangeLines list={preview[s]} />,
  }));
  return (
    <Card title={t('update.title', { from: preview.fromVersion, to: preview.toVersion })} style={{ marginTop: 16 }} data-testid="update-preview">
      <p>{t('update.intro')}</p>
      {preview.session.length > 0 ? <p>{t('update.sessionFields', { fields: preview.session.map((f) => t(`update.field.${f}`, { defaultValue: f })).join('、') })}</p> : null}
      {items.length > 0 ? <Collapse items={items} /> : <p>{t('update.nothing')}</p>}
      {preview.blocked.length > 0 ? (
        <Alert
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          data-testid="update-blocked"
          title={t('update.blockedTitle')}
          description={
            <ul style={{ margin: 0 }}>
              {preview.blocked.map((b) => (
                <li key={`${b.kind}${b.id}`}>{t(`update.blocked.${b.kind}`, { label: b.label, sheets: b.sheets })}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      {preview.rescore.length > 0 ? (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          title={t('update.rescoreTitle')}
          description={
            <ul style={{ margin: 0 }}>
              {preview.rescore.map((r) => (
                <li key={r.id}>{t('update.rescore', { label: r.label, sheets: r.sheets })}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      {trustChanged && trust ? (
        <Alert
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          data-testid="update-trust"
          title={t('update.trustTitle', {
            from: trust.from ? fingerprintOf(trust.from) : '—',
            to: trust.to ? t('update.trustOtherKey', { key: fingerprintOf(trust.to) }) : t('update.trustUnsigned'),
          })}
          description={
            <>
              <p style={{ margin: 0 }}>{t('update.trustHelp')}</p>
              <Checkbox checked={trustAccepted} onChange={(e) => setTrustAccepted(e.target.checked)} data-testid="update-trust-confirm">
                {t('update.trustConfirm')}
              </Checkbox>
            </>
          }
        />
      ) : null}
      <Space style={{ marginTop: 12 }}>
        <Button
          type="primary"
          danger={preview.rescore.length > 0 || trustChanged}
          disabled={preview.blocked.length > 0 || (trustChanged && !trustAccepted)}
          loading={busy}
          onClick={() => onApply(trustChanged && trustAccepted)}
        >
          {t('update.apply', { to: preview.toVersion })}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
    </Card>
  );
}
