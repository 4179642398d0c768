import { Alert, Card, Descriptions, Statistic, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';

export function OverviewScreen() {
  const { t } = useTranslation();
  const o = useStore((s) => s.overview);
  if (!o) return null;
  const counts = Object.entries(o.counts) as Array<[keyof typeof o.counts, number]>;
  return (
    <div>
      <h1 className="page-title">{o.name}</h1>
      <Card>
        <Descriptions column={2} size="middle" bordered>
          <Descriptions.Item label={t('overview.committee')}>{o.committee.name}</Descriptions.Item>
          <Descriptions.Item label={t('overview.authority')}>{o.committee.authority ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('overview.form')}>{t(`form.${o.committee.form}`)}</Descriptions.Item>
          <Descriptions.Item label={t('overview.tier')}>{t(`tier.${o.committee.tier}`)}</Descriptions.Item>
          <Descriptions.Item label={t('overview.series')}>{o.committee.series ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('overview.size')}>{o.committee.size}</Descriptions.Item>
          <Descriptions.Item label={t('overview.meetingDate')}>{o.meetingDate}</Descriptions.Item>
          <Descriptions.Item label={t('overview.meetingPlace')}>{o.meetingPlace ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('overview.status')}>
            <Tag color="blue">{t(`sessionStatus.${o.status}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('overview.bundleVersion')}>{o.bundleVersion}</Descriptions.Item>
          <Descriptions.Item label={t('overview.issuer')}>{o.issuer ? o.issuer.slice(0, 16) : t('overview.unsigned')}</Descriptions.Item>
          <Descriptions.Item label={t('overview.importedAt')}>{new Date(o.importedAt).toLocaleString()}</Descriptions.Item>
        </Descriptions>
      </Card>
      <div className="stat-grid" data-testid="overview-counts">
        {counts.map(([key, value]) => (
          <Card key={key} size="small">
            <Statistic title={t(`overview.counts.${key}`)} value={value} data-testid={`count-${key}`} />
          </Card>
        ))}
      </div>
      <Card title={t('overview.warnings')}>
        {o.warnings.length === 0 ? (
          <Alert type="success" showIcon title={t('overview.noWarnings')} />
        ) : (
          o.warnings.map((w, i) => <Alert key={i} type="warning" showIcon style={{ marginBottom: 8 }} title={t(`warning.${w.code}`, w.params)} />)
        )}
      </Card>
    </div>
  );
}
