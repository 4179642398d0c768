import { useEffect } from 'react';
import { Button, Card, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { GroupProgressRow, ProgressRow } from '../../../shared/types';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useStore } from '../../store';
import { UnlockPanel } from './UnlockPanel';

const REFRESH_MS = 15_000;

/** Per expert and per group: scored / submitted / remaining / recused. Counts only, never a score. */
export function ProgressScreen() {
  const { t } = useTranslation();
  const sessionId = useStore((s) => s.sessionId);
  const role = useStore((s) => s.principal.role);
  const progress = useStore((s) => s.progress);
  const error = useStore((s) => s.progressError);
  const load = useStore((s) => s.loadProgress);
  const loadIdentities = useStore((s) => s.loadIdentities);
  const identities = useStore((s) => s.identities);
  const reEnrolled = new Map(identities.map((r) => [r.expertId, r.revokedKeys]));

  useEffect(() => {
    if (!sessionId) return;
    void load();
    void loadIdentities();
    const id = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(id);
  }, [sessionId, load, loadIdentities]);

  const n = (k: keyof ProgressRow & keyof GroupProgressRow) => ({ key: k, title: t(`progress.col.${k}`), align: 'right' as const, dataIndex: k });
  return (
    <div data-testid="progress-screen">
      <h1 className="page-title">{t('progress.title')}</h1>
      <div className="filters">
        <span className="muted">{t('progress.intro')}</span>
        <Button onClick={() => void load()} data-testid="progress-refresh">
          {t('progress.refresh')}
        </Button>
      </div>
      {error ? <ErrorAlert error={error} /> : null}
      <Card title={t('progress.experts')}>
        <DataTable<ProgressRow>
          rowKey="expertId"
          testId="progress-experts"
          dataSource={progress?.experts ?? []}
          columns={[
            { key: 'name', title: t('progress.col.name'), dataIndex: 'name' },
            { key: 'groups', title: t('progress.col.groups'), render: (r) => r.groups.join('、') },
            { key: 'assigned', title: t('progress.col.assigned'), align: 'right', dataIndex: 'assigned' },
            { key: 'scored', title: t('progress.col.scored'), align: 'right', dataIndex: 'scored' },
            n('submitted'),
            n('remaining'),
            n('recused'),
            {
              key: 'reEnrolled',
              title: t('roles.col.reEnrolments'),
              align: 'right',
              // A key revoked and enrolled again is shown to everyone who follows progress, never hidden.
              render: (r) => {
                const k = reEnrolled.get(r.expertId) ?? 0;
                return k > 0 ? <Tag color="orange" data-testid={`re-enrolled-${r.expertId}`}>{t('roles.reEnrolled', { n: k })}</Tag> : '0';
              },
            },
          ]}
        />
      </Card>
      <Card title={t('progress.groups')} style={{ marginTop: 16 }}>
        <DataTable<GroupProgressRow>
          rowKey="groupId"
          testId="progress-groups"
          dataSource={progress?.groups ?? []}
          columns={[
            { key: 'group', title: t('progress.col.group'), dataIndex: 'name' },
            { key: 'dossiers', title: t('progress.col.dossiers'), align: 'right', dataIndex: 'dossiers' },
            { key: 'sheetsExpected', title: t('progress.col.sheetsExpected'), align: 'right', dataIndex: 'sheetsExpected' },
            n('submitted'),
            n('remaining'),
            n('recused'),
          ]}
        />
      </Card>
      {role === 'chair' ? <UnlockPanel /> : null}
    </div>
  );
}
