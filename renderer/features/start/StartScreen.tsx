import { Button, Card, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useStore } from '../../store';
import { ImportPanel } from '../import/ImportPanel';

export function StartScreen() {
  const { t } = useTranslation();
  const sessions = useStore((s) => s.sessions);
  const busy = useStore((s) => s.busy);
  const error = useStore((s) => s.sessionError);
  const openDemo = useStore((s) => s.openDemo);
  const openSession = useStore((s) => s.openSession);

  return (
    <div style={{ maxWidth: 880 }}>
      <h1 className="page-title">{t('start.welcome')}</h1>
      <Typography.Paragraph>{t('start.intro')}</Typography.Paragraph>
      {sessions.length === 0 ? <Typography.Paragraph strong>{t('start.noSession')}</Typography.Paragraph> : null}
      <Space style={{ marginBottom: 16 }}>
        <Button data-testid="open-demo" type={sessions.length === 0 ? 'primary' : 'default'} size="large" loading={busy} onClick={() => void openDemo()}>
          {t('start.openDemo')}
        </Button>
        <Button size="large" loading={busy} onClick={() => void openDemo('breach')} data-testid="open-breach-demo">
          {t('meeting.openBreachDemo')}
        </Button>
      </Space>
      {error ? <ErrorAlert error={error} /> : null}
      <ImportPanel />
      {sessions.length > 0 ? (
        <Card title={t('start.recent')} style={{ marginTop: 16 }}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            {sessions.map((s) => (
              <div key={s.id} style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12 }}>
                <div>
                  <div style={{ fontWeight: 600 }}>{s.name}</div>
                  <div className="muted">
                    {s.committeeName} · {t('start.meetingOn', { date: s.meetingDate })} · {t('start.dossierCount', { count: s.dossierCount })}
                  </div>
                </div>
                <Button onClick={() => void openSession(s.id)}>{t('start.open')}</Button>
              </div>
            ))}
          </Space>
        </Card>
      ) : null}
    </div>
  );
}
