// The verification result: what was checked and what it proves. Success reads as success (green tint, dark text).
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditIntegrity } from '../../../shared/types';
import { formatDateTime } from './time';
import { integrityText } from './describe';

export function AuditVerdict({ integrity }: { integrity: AuditIntegrity }) {
  const { t } = useTranslation();
  const { title, lines } = integrityText(t, integrity, formatDateTime);
  return (
    <Alert
      data-testid="audit-verdict"
      className={integrity.ok ? 'audit-verdict audit-verdict-ok' : 'audit-verdict audit-verdict-bad'}
      type={integrity.ok ? 'success' : 'error'}
      showIcon
      style={{ marginBottom: 12 }}
      title={title}
      description={
        <>
          <ul className="audit-verdict-lines">
            {lines.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
          <div className="audit-head" data-testid="audit-head">
            {t('audit.head', { head: integrity.head, entries: integrity.entries })}
          </div>
        </>
      }
    />
  );
}
