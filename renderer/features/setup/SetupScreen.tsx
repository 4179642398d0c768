import { useEffect } from 'react';
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useStore } from '../../store';
import { ExcelPanel } from '../excel/ExcelPanel';
import { OfflinePanel } from '../offline/OfflinePanel';
import { AttendanceTab } from './AttendanceTab';
import { DeskTab } from './DeskTab';
import { EnrolmentTab } from './EnrolmentTab';
import { ConflictsTab } from './ConflictsTab';
import { GroupsTab } from './GroupsTab';
import { IssuersTab } from './IssuersTab';
import { RosterTab } from './RosterTab';
import { StandardsTab } from './StandardsTab';

export function SetupScreen() {
  const { t } = useTranslation();
  const sessionId = useStore((s) => s.sessionId);
  const loadSetup = useStore((s) => s.loadSetup);
  const error = useStore((s) => s.setupError);
  useEffect(() => {
    if (sessionId) void loadSetup();
  }, [sessionId, loadSetup]);
  return (
    <div>
      <h1 className="page-title">{t('setup.title')}</h1>
      {error ? <ErrorAlert error={error} /> : null}
      <Tabs
        items={[
          { key: 'roster', label: t('setup.tabs.roster'), children: <RosterTab /> },
          { key: 'enrolment', label: t('roles.enrolTab'), children: <EnrolmentTab /> },
          { key: 'groups', label: t('setup.tabs.groups'), children: <GroupsTab /> },
          { key: 'conflicts', label: t('setup.tabs.conflicts'), children: <ConflictsTab /> },
          { key: 'attendance', label: t('setup.tabs.attendance'), children: <AttendanceTab /> },
          { key: 'standards', label: t('setup.tabs.standards'), children: <StandardsTab /> },
          { key: 'excel', label: t('setup.tabs.excel'), children: <ExcelPanel /> },
          { key: 'offline', label: t('setup.tabs.offline'), children: <OfflinePanel /> },
          { key: 'issuers', label: t('setup.tabs.issuers'), children: <IssuersTab /> },
          { key: 'desk', label: t('setup.tabs.desk'), children: <DeskTab /> },
        ]}
      />
    </div>
  );
}
