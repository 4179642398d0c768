import { useEffect } from 'react';
import { Tag } from 'antd';
import { DataTable } from '../../components/DataTable';
import { useTranslation } from 'react-i18next';
import type { ExpertRow } from '../../../shared/types';
import { useStore } from '../../store';
import { KeyFingerprintCell } from '../identity/KeyFingerprintCell';

export function RoleTag({ role }: { role: ExpertRow['role'] }) {
  const { t } = useTranslation();
  return <Tag color={role === 'member' ? 'default' : 'blue'}>{t(`expertRole.${role}`)}</Tag>;
}

export function RosterTab() {
  const { t } = useTranslation();
  const experts = useStore((s) => s.experts);
  const groups = useStore((s) => s.groups);
  const sessionId = useStore((s) => s.sessionId);
  const loadIdentities = useStore((s) => s.loadIdentities);
  useEffect(() => {
    if (sessionId) void loadIdentities();
  }, [sessionId, loadIdentities]);
  const groupName = (id: string) => groups.find((g) => g.id === id)?.name ?? id;
  return (
    <DataTable<ExpertRow>
      rowKey="id"
      testId="roster-table"
      dataSource={experts}
      columns={[
        { title: t('setup.col.name'), dataIndex: 'name', key: 'name' },
        { title: t('setup.col.role'), key: 'role', render: (e) => <RoleTag role={e.role} /> },
        { title: t('setup.col.affiliation'), dataIndex: 'affiliation', key: 'affiliation' },
        { title: t('setup.col.specialty'), dataIndex: 'specialty', key: 'specialty' },
        { title: t('setup.col.title'), key: 'title', render: (e) => e.title ?? '' },
        { title: t('setup.col.groups'), key: 'groups', render: (e) => e.groups.map(groupName).join('、') },
        { title: t('identity.keyColumn'), key: 'key', render: (e) => <KeyFingerprintCell expertId={e.id} /> },
      ]}
    />
  );
}
