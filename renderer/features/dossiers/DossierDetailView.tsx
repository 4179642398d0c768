import { useState } from 'react';
import { Button, Descriptions, Empty, Modal, Tag } from 'antd';
import { DataTable } from '../../components/DataTable';
import { useTranslation } from 'react-i18next';
import { educationKey } from '../../../shared/domain/education';
import type { AchievementView, AttachmentInfo, DossierDetail } from '../../../shared/types';
import { formatBytes, formatNumber } from '../../components/format';
import { useMedia } from '../../components/use-media';
import { AttachmentViewer } from '../viewer/AttachmentViewer';
import { EligibilityTag } from './DossierTable';

// Two columns of facts only where labels and values both fit whole (issue 13: "参加工作时 间" at 1366 px).
const WIDE = '(min-width: 1500px)';

/** Text reads from the left; numbers line up on the right. */
function AchievementValue({ a }: { a: AchievementView }) {
  const { i18n } = useTranslation();
  if (typeof a.value === 'string') return <div className="value-text">{a.value}</div>;
  return (
    <div className="value-num">
      {formatNumber(a.value, i18n.language)}
      {a.unit ? ` ${a.unit}` : ''}
    </div>
  );
}

/** One dossier as the committee sees it: applicant (ID masked), application, eligibility, green channel, evidence, files. */
export function DossierDetailView({ d, afterViewerClose }: { d: DossierDetail; afterViewerClose?: () => void }) {
  const { t } = useTranslation();
  const columns = useMedia(WIDE) ? 2 : 1;
  const eduLabel = (code: string) => `${t(`edu.${educationKey(code)}`)} (${code})`;
  // Kept after closing so the modal's closing animation still has its content.
  const [viewing, setViewing] = useState<AttachmentInfo | null>(null);
  const [viewerOpen, setViewerOpen] = useState(false);
  return (
    <div data-testid="dossier-detail">
      <Descriptions className="dossier-facts" title={t('dossier.applicant')} column={columns} bordered size="small">
        <Descriptions.Item label={t('dossier.name')}>{d.name}</Descriptions.Item>
        <Descriptions.Item label={t('dossier.packetNo')}>{d.packetNo}</Descriptions.Item>
        <Descriptions.Item label={t('dossier.gender')}>{d.gender}</Descriptions.Item>
        <Descriptions.Item label={t('dossier.idNumber')}>
          <span data-testid="id-number">{d.idNumberMasked}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('dossier.education')}>{eduLabel(d.education)}</Descriptions.Item>
        <Descriptions.Item label={t('dossier.major')}>{d.major}</Descriptions.Item>
        <Descriptions.Item label={t('dossier.workStart')}>{d.workStart}</Descriptions.Item>
        <Descriptions.Item label={t('dossier.employer')}>{d.employer}</Descriptions.Item>
        <Descriptions.Item label={t('dossier.currentTitle')}>{d.currentTitle}</Descriptions.Item>
        <Descriptions.Item label={t('dossier.currentTitleDate')}>{d.currentTitleDate ?? t('common.none')}</Descriptions.Item>
        <Descriptions.Item label={t('dossier.region')}>{d.regionCode}</Descriptions.Item>
        <Descriptions.Item label={t('dossier.commitment')}>
          {d.commitmentSigned ? <Tag color="green">{t('dossier.signed')}</Tag> : <Tag color="red">{t('dossier.notSigned')}</Tag>}
        </Descriptions.Item>
      </Descriptions>

      <Descriptions className="dossier-facts" title={t('dossier.declared')} column={columns} bordered size="small" style={{ marginTop: 16 }}>
        <Descriptions.Item label={t('dossier.series')}>{d.series}</Descriptions.Item>
        <Descriptions.Item label={t('dossier.specialty')}>{d.specialty}</Descriptions.Item>
        <Descriptions.Item label={t('dossier.level')}>{t(`level.${d.level}`)}</Descriptions.Item>
        <Descriptions.Item label={t('dossier.reviewType')}>{t(`reviewType.${d.reviewType}`)}</Descriptions.Item>
        <Descriptions.Item label={t('dossier.group')}>{d.group.name}</Descriptions.Item>
        <Descriptions.Item label={t('dossier.standard')}>
          {d.standard.name} <Tag>{d.standard.version}</Tag>
        </Descriptions.Item>
      </Descriptions>

      {d.greenChannelJustification ? (
        <section className="green-block" data-testid="green-justification" aria-label={t('dossier.green')}>
          <strong>{t('dossier.green')}</strong>
          <div>{d.greenChannelJustification}</div>
        </section>
      ) : null}

      <h3 style={{ marginTop: 16 }}>
        {t('eligibility.title')} <EligibilityTag value={d.eligibility.overall} />
      </h3>
      <DataTable
        rowKey="ruleId"
        testId="eligibility-table"
        dataSource={d.eligibility.conditions}
        columns={[
          {
            title: t('eligibility.title'),
            key: 'rule',
            render: (c) =>
              t(`eligibility.kind.${c.kind}`, { required: c.kind === 'educationMin' ? eduLabel(c.required) : c.required }),
          },
          {
            title: '',
            key: 'actual',
            render: (c) =>
              t(`eligibility.actual.${c.kind}`, {
                actual:
                  c.kind === 'educationMin'
                    ? eduLabel(c.actual)
                    : c.kind === 'commitmentSigned'
                      ? t(c.actual === 'true' ? 'common.yes' : 'common.no')
                      : c.actual,
              }),
          },
          { title: '', key: 'status', width: 160, render: (c) => <EligibilityTag value={c.status} /> },
        ]}
      />

      <h3 style={{ marginTop: 16 }}>{t('dossier.achievements')}</h3>
      <DataTable<AchievementView>
        rowKey="field"
        dataSource={d.achievements}
        emptyText={t('common.none')}
        columns={[
          { title: t('dossier.achievements'), dataIndex: 'label', key: 'label' },
          { title: '', key: 'value', render: (a) => <AchievementValue a={a} /> },
          { title: '', key: 'note', render: (a) => a.note ?? '' },
        ]}
      />

      <h3 style={{ marginTop: 16 }}>{t('dossier.attachments')}</h3>
      {d.attachments.length === 0 ? (
        <div tabIndex={-1} data-testid="no-attachments">
          <Empty description={t('dossier.noAttachments')} />
        </div>
      ) : (
        <DataTable<AttachmentInfo>
          rowKey="ord"
          testId="attachment-list"
          dataSource={d.attachments}
          columns={[
            { title: t('dossier.attachments'), dataIndex: 'name', key: 'name' },
            { title: '', key: 'type', render: (a) => <Tag>{a.mediaType === 'application/pdf' ? 'PDF' : a.mediaType.replace('image/', '').toUpperCase()}</Tag> },
            { title: '', key: 'size', align: 'right', render: (a) => formatBytes(a.size) },
            {
              title: '',
              key: 'view',
              width: 96,
              render: (a) => (
                <Button
                  size="small"
                  aria-label={t('viewer.viewNamed', { name: a.name })}
                  onClick={() => {
                    setViewing(a);
                    setViewerOpen(true);
                  }}
                >
                  {t('viewer.view')}
                </Button>
              ),
            },
          ]}
        />
      )}
      <Modal
        open={viewerOpen}
        title={viewing?.name}
        footer={null}
        scrollLock={false}
        destroyOnHidden
        width="min(1200px, 96vw)"
        rootClassName="viewer-modal"
        classNames={{ body: 'viewer-modal-body' }}
        onCancel={() => setViewerOpen(false)}
        afterClose={() => {
          setViewing(null);
          afterViewerClose?.();
        }}
      >
        {viewing ? <AttachmentViewer dossierId={d.id} attachment={viewing} /> : null}
      </Modal>
      <p className="error-code">
        {t('dossier.contentHash')}: {d.contentHash.slice(0, 16)}
      </p>
    </div>
  );
}
