import { Alert, Switch } from 'antd';
import { DataTable } from '../../components/DataTable';
import { useTranslation } from 'react-i18next';
import type { ExpertRow } from '../../../shared/types';
import { useStore } from '../../store';
import { RoleTag } from './RosterTab';

/** Attendance at the meeting, with the quorum rule at work: present ≥ ⌈2N/3⌉. */
export function AttendanceTab() {
  const { t } = useTranslation();
  const experts = useStore((s) => s.experts);
  const attendance = useStore((s) => s.attendance);
  const mark = useStore((s) => s.markAttendance);
  return (
    <div>
      {attendance ? (
        <Alert
          data-testid="quorum"
          type={attendance.quorum.met ? 'success' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          title={
            attendance.quorum.met
              ? t('setup.quorumMet', { present: attendance.present, members: attendance.members, needed: attendance.quorum.needed })
              : t('setup.quorumShort', { present: attendance.present, members: attendance.members, needed: attendance.quorum.needed, short: attendance.quorum.shortBy })
          }
        />
      ) : null}
      <DataTable<ExpertRow>
        rowKey="id"
        testId="attendance-table"
        dataSource={experts}
        columns={[
          { title: t('setup.col.name'), dataIndex: 'name', key: 'name' },
          { title: t('setup.col.role'), key: 'role', render: (e) => <RoleTag role={e.role} /> },
          { title: t('setup.col.affiliation'), dataIndex: 'affiliation', key: 'affiliation' },
          {
            title: t('setup.col.present'),
            key: 'present',
            render: (e) => (
              <Switch
                aria-label={t('setup.presentOf', { name: e.name })}
                checked={e.present === true}
                checkedChildren={t('setup.present')}
                unCheckedChildren={e.present === null ? t('setup.notRecorded') : t('setup.absent')}
                onChange={(v) => void mark(e.id, v)}
              />
            ),
          },
        ]}
      />
    </div>
  );
}
