import { Alert, Card, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { RoleTag } from './RosterTab';

export function GroupsTab() {
  const { t } = useTranslation();
  const groups = useStore((s) => s.groups);
  return (
    <div className="stat-grid" style={{ gridTemplateColumns: 'repeat(auto-fill, minmax(320px, 1fr))' }} data-testid="groups">
      {groups.map((g) => (
        <Card key={g.id} title={g.name} extra={<Tag>{t('setup.groupSize', { size: g.size })}</Tag>} data-testid="group-card">
          {g.tooSmall ? <Alert type="error" showIcon style={{ marginBottom: 8 }} title={t('warning.GROUP_TOO_SMALL', { group: g.name, size: g.size, min: 3 })} /> : null}
          {g.specialty ? <div className="muted" style={{ marginBottom: 8 }}>{g.specialty}</div> : null}
          {g.members.map((m) => (
            <div key={m.id} style={{ display: 'flex', justifyContent: 'space-between', padding: '2px 0' }}>
              <span>
                {m.name}
                {g.leaderId === m.id ? <Tag style={{ marginLeft: 8 }}>{t('setup.leader')}</Tag> : null}
              </span>
              <RoleTag role={m.role} />
            </div>
          ))}
        </Card>
      ))}
    </div>
  );
}
