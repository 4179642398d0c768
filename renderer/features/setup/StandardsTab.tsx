import { useState } from 'react';
import { Descriptions, Select, Tag } from 'antd';
import { DataTable } from '../../components/DataTable';
import { useTranslation } from 'react-i18next';
import type { ItemDoc } from '../../../shared/bundle/schema';
import { educationKey } from '../../../shared/domain/education';
import { useStore } from '../../store';

const points = (h: number) => (h / 100).toFixed(h % 100 === 0 ? 0 : 2);

/** Evaluation standards as imported: items with caps and bands, eligibility, evidence fields. */
export function StandardsTab() {
  const { t } = useTranslation();
  const standards = useStore((s) => s.standards);
  const [selected, setSelected] = useState<string | null>(null);
  const std = standards.find((s) => s.id === selected) ?? standards[0];
  if (!std) return null;
  const total = std.items.reduce((s, i) => s + i.max, 0);
  const evidence = new Map(std.evidenceFields.map((f) => [f.id, f.label]));
  return (
    <div data-testid="standards">
      <Select
        style={{ width: 420, marginBottom: 12 }}
        aria-label={t('setup.tabs.standards')}
        value={std.id}
        options={standards.map((s) => ({ value: s.id, label: `${s.name}（${s.version}）` }))}
        onChange={setSelected}
      />
      <Descriptions bordered size="small" column={3}>
        <Descriptions.Item label={t('dossier.series')}>{std.series}</Descriptions.Item>
        <Descriptions.Item label={t('dossier.specialty')}>{std.specialty}</Descriptions.Item>
        <Descriptions.Item label={t('dossier.level')}>{t(`level.${std.level}`)}</Descriptions.Item>
        <Descriptions.Item label={t('setup.std.total')}>{points(total)}</Descriptions.Item>
        <Descriptions.Item label={t('setup.std.aggregation')}>{t(`setup.std.method.${std.aggregation.method}`)}</Descriptions.Item>
        <Descriptions.Item label={t('setup.std.green')}>{std.greenChannel.allowed ? t('common.yes') : t('common.no')}</Descriptions.Item>
      </Descriptions>
      <h3 style={{ marginTop: 16 }}>{t('eligibility.title')}</h3>
      <ul>
        {std.eligibility.map((r) => (
          <li key={r.id}>
            {t(`eligibility.kind.${r.kind}`, {
              required:
                r.kind === 'educationMin' ? t(`edu.${educationKey(r.education)}`) : r.kind === 'yearsInTitleMin' ? r.years : r.kind === 'currentTitleIn' ? r.titles.join('、') : '',
            })}
          </li>
        ))}
      </ul>
      <h3>{t('setup.std.items')}</h3>
      <DataTable<ItemDoc>
        rowKey="id"
        testId="standard-items"
        dataSource={std.items}
        columns={[
          { title: t('setup.std.group'), dataIndex: 'group', key: 'g' },
          { title: t('setup.std.item'), dataIndex: 'label', key: 'l' },
          { title: t('setup.std.cap'), key: 'max', align: 'right', render: (i) => points(i.max) },
          { title: t('setup.std.bands'), key: 'b', render: (i) => i.bands?.map((b) => <Tag key={b.label}>{`${b.label} ${points(b.score)}`}</Tag>) ?? '' },
          { title: t('setup.std.evidence'), key: 'e', render: (i) => i.evidence.map((e) => evidence.get(e) ?? e).join('、') },
          { title: t('setup.std.guidance'), key: 'gd', render: (i) => i.guidance ?? '' },
        ]}
      />
    </div>
  );
}
