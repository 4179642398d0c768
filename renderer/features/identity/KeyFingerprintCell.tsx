import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';

/** The roster's key column: the expert's key fingerprint and whether it was confirmed in the enrolment ceremony. */
export function KeyFingerprintCell({ expertId }: { expertId: string }) {
  const { t } = useTranslation();
  const row = useStore((s) => s.identities.find((r) => r.expertId === expertId));
  if (!row?.hasKey || !row.fingerprint) return <span className="muted">{t('identity.noKey')}</span>;
  return (
    <span data-testid="key-fingerprint" data-expert-id={expertId}>
      <span className="fingerprint">{row.fingerprint}</span>{' '}
      <Tag color={row.confirmed ? 'green' : 'gold'}>{row.confirmed ? t('identity.confirmed') : t('identity.notConfirmed')}</Tag>
    </span>
  );
}
