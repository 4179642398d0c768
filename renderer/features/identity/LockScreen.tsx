import { useEffect, useState } from 'react';
import { Alert, Button, Card, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../shared/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useStore } from '../../store';
import { SignInList } from './SwitchPerson';

/** Nobody signed in: the secretary's passphrase, or an expert (or the chair) signs in with their own. */
export function LockScreen() {
  const { t } = useTranslation();
  const signInSecretary = useStore((s) => s.signInSecretary);
  const overview = useStore((s) => s.overview);
  const idleLocked = useStore((s) => s.idleLocked);
  const loadIdentities = useStore((s) => s.loadIdentities);
  const [pass, setPass] = useState('');
  const [error, setError] = useState<AppErrorShape | null>(null);
  useEffect(() => {
    void loadIdentities();
  }, [loadIdentities, overview]);
  const unlock = () =>
    void signInSecretary(pass).then((err) => {
      setError(err);
      if (!err) setPass('');
    });
  return (
    <div className="centered-card lock-screen" data-testid="lock-screen">
      <Card title={<h1 className="card-title">{t('roles.lockedTitle')}</h1>}>
        {idleLocked ? <Alert type="warning" showIcon title={t('roles.idleLocked')} data-testid="idle-locked" style={{ marginBottom: 12 }} /> : null}
        <Typography.Paragraph>{t('roles.lockedIntro')}</Typography.Paragraph>
        {overview ? <Typography.Paragraph strong>{overview.name}</Typography.Paragraph> : null}
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
            {t('roles.unlock')}
          </Button>
        </Space.Compact>
        {error ? <ErrorAlert error={error} /> : null}
        {overview ? (
          <div style={{ marginTop: 16 }}>
            <Typography.Paragraph>{t('desk.expertHint')}</Typography.Paragraph>
            <SignInList />
          </div>
        ) : null}
      </Card>
    </div>
  );
}
