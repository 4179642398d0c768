import { useState } from 'react';
import { Button, Card, Form, Input, Modal, Select, Space, Tag } from 'antd';
import { DataTable } from '../../components/DataTable';
import { useTranslation } from 'react-i18next';
import type { ConflictSuggestion, ConflictView } from '../../../shared/types';
import { useStore } from '../../store';

type Pending = { expertId: string; dossierId: string; decision: 'confirm' | 'dismiss'; label: string };

/** Declared conflicts, suggestions (same organisation) to confirm or dismiss with a reason, and manual declarations. */
export function ConflictsTab() {
  const { t } = useTranslation();
  const conflicts = useStore((s) => s.conflicts);
  const experts = useStore((s) => s.experts);
  const rows = useStore((s) => s.rows);
  const decide = useStore((s) => s.decideConflict);
  const declare = useStore((s) => s.declareConflict);
  const loadDossiers = useStore((s) => s.loadDossiers);
  const [pending, setPending] = useState<Pending | null>(null);
  const [reason, setReason] = useState('');
  const [form] = Form.useForm<{ expertId: string; dossierId: string; reason: string }>();

  if (!conflicts) return null;
  const ask = (s: ConflictSuggestion | ConflictView, decision: Pending['decision']) => {
    setReason(decision === 'confirm' ? t('setup.sameEmployer') : '');
    setPending({ expertId: s.expertId, dossierId: s.dossierId, decision, label: `${s.expertName} — ${s.packetNo} ${s.applicantName}` });
  };

  return (
    <div>
      <Card title={t('setup.suggestions')} style={{ marginBottom: 16 }}>
        <DataTable<ConflictSuggestion>
          rowKey={(s) => `${s.expertId}/${s.dossierId}`}
          testId="suggestions-table"
          emptyText={t('setup.noSuggestions')}
          dataSource={conflicts.suggestions}
          columns={[
            { title: t('setup.col.expert'), dataIndex: 'expertName', key: 'e' },
            { title: t('setup.col.applicant'), key: 'a', render: (s) => `${s.packetNo} ${s.applicantName}` },
            { title: t('setup.col.employer'), dataIndex: 'employer', key: 'w' },
            {
              title: '',
              key: 'act',
              render: (s) => (
                <Space>
                  <Button type="primary" onClick={() => ask(s, 'confirm')}>
                    {t('setup.confirm')}
                  </Button>
                  <Button onClick={() => ask(s, 'dismiss')}>{t('setup.dismiss')}</Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('setup.conflicts')} style={{ marginBottom: 16 }}>
        <DataTable<ConflictView>
          rowKey={(c) => `${c.expertId}/${c.dossierId}`}
          testId="conflicts-table"
          dataSource={conflicts.conflicts}
          columns={[
            { title: t('setup.col.expert'), dataIndex: 'expertName', key: 'e' },
            { title: t('setup.col.applicant'), key: 'a', render: (c) => `${c.packetNo} ${c.applicantName}` },
            { title: t('setup.col.source'), key: 's', render: (c) => t(`setup.source.${c.source}`) },
            {
              title: t('setup.col.status'),
              key: 'st',
              render: (c) => <Tag color={c.status === 'confirmed' ? 'orange' : 'default'}>{t(`setup.status.${c.status}`)}</Tag>,
            },
            { title: t('setup.col.reason'), dataIndex: 'reason', key: 'r' },
            {
              title: '',
              key: 'act',
              render: (c) =>
                c.status === 'confirmed' ? (
                  <Button size="small" onClick={() => ask(c, 'dismiss')}>
                    {t('setup.revoke')}
                  </Button>
                ) : (
                  <Button size="small" onClick={() => ask(c, 'confirm')}>
                    {t('setup.confirm')}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <Card title={t('setup.declare')}>
        <Form
          form={form}
          layout="inline"
          onFinish={(v) => void declare(v).then((ok) => ok && form.resetFields())}
          onFocus={() => rows.length === 0 && void loadDossiers()}
        >
          <Form.Item name="expertId" rules={[{ required: true, message: t('setup.required') }]}>
            <Select style={{ width: 180 }} placeholder={t('setup.col.expert')} aria-label={t('setup.col.expert')} options={experts.map((e) => ({ value: e.id, label: e.name }))} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          <Form.Item name="dossierId" rules={[{ required: true, message: t('setup.required') }]}>
            <Select style={{ width: 240 }} placeholder={t('setup.col.applicant')} aria-label={t('setup.col.applicant')} options={rows.map((d) => ({ value: d.id, label: `${d.packetNo} ${d.name}` }))} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          <Form.Item name="reason" rules={[{ required: true, whitespace: true, message: t('setup.reasonRequired') }]}>
            <Input style={{ width: 260 }} placeholder={t('setup.col.reason')} aria-label={t('setup.col.reason')} maxLength={500} />
          </Form.Item>
          <Button htmlType="submit">{t('setup.declareButton')}</Button>
        </Form>
      </Card>
      <Modal
        open={!!pending}
        scrollLock={false}
        title={pending?.decision === 'confirm' ? t('setup.confirmTitle') : t('setup.dismissTitle')}
        okText={pending?.decision === 'confirm' ? t('setup.confirm') : t('setup.dismiss')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: reason.trim() === '' }}
        onCancel={() => setPending(null)}
        onOk={() => {
          if (!pending) return;
          void decide({ expertId: pending.expertId, dossierId: pending.dossierId, decision: pending.decision, reason: reason.trim() }).then((ok) => ok && setPending(null));
        }}
      >
        <p>{pending?.label}</p>
        <Input.TextArea aria-label={t('setup.col.reason')} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} placeholder={t('setup.reasonRequired')} />
      </Modal>
    </div>
  );
}
