import { useState } from 'react';
import { Button, Card, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../shared/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useStore } from '../../store';
import { SwitchPerson } from './SwitchPerson';

/** A protected desk with nobody signed in: the secretary's passphrase, or an expert signs in. */
export function LockScreen() {
  const { t } = useTranslation();
  const signOut = useStore((s) => s.signOut);
  const overview = useStore((s) => s.overview);
  const [pass, setPass] = useState('');
  const [error, setError] = useState<AppErrorShape | null>(null);
  const unlock = () =>
    void signOut(pass).then((err) => {
      setError(err);
      if (!err) setPass('');
    });
  return (
    <div style={{ maxWidth: 560, margin: '48px auto' }} data-testid="lock-screen">
      <Card title={t('desk.lockedTitle')}>
        <Typography.Paragraph>{t('desk.lockedIntro')}</Typography.Paragraph>
        {overview ? <Typography.Paragraph type="secondary">{overview.name}</Typography.Paragraph> : null}
        <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
          <Input.Password
            autoFocus
            data-testid="unlock-passphrase"
            aria-label={t('identity.deskPassphrase')}
            placeholder={t('identity.deskPassphrase')}
            value={pass}
            onChange={(e) => setPass(e.target.value)}
            onPressEnter={unlock}
          />
          <Button type="primary" data-testid="unlock-desk" disabled={pass === ''} onClick={unlock}>
            {t('desk.unlock')}
          </Button>
        </Space.Compact>
        {error ? <ErrorAlert error={error} /> : null}
        {overview ? (
          <div style={{ marginTop: 16 }}>
            <Typography.Paragraph>{t('desk.expertHint')}</Typography.Paragraph>
            <SwitchPerson />
          </div>
        ) : null}
      </Card>
    </div>
  );
}
