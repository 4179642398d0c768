import { memo } from 'react';
import { Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';

/** How many dossiers the filters let through: its own component, so a keystroke re-renders only this and the list. */
function DossierTotal() {
  const { t } = useTranslation();
  const total = useStore((s) => s.rows.length);
  return <span data-testid="dossier-total">{t('dossiers.shown', { total })}</span>;
}

/**
 * Search and filters stay at the top; the store keeps them while the session is open. Each control reads
 * only its own filter, so typing in the search box does not re-render the selects.
 */
export const DossierFilters = memo(function DossierFilters() {
  const { t } = useTranslation();
  const groupId = useStore((s) => s.filters.groupId);
  const level = useStore((s) => s.filters.level);
  const specialty = useStore((s) => s.filters.specialty);
  const greenChannel = useStore((s) => s.filters.greenChannel);
  const options = useStore((s) => s.filterOptions);
  const setFilters = useStore((s) => s.setFilters);

  return (
    <div className="filters">
      <Input.Search
        allowClear
        style={{ width: 280 }}
        placeholder={t('dossiers.search')}
        aria-label={t('dossiers.search')}
        // Uncontrolled: the text the store kept when the screen was last open.
        defaultValue={useStore.getState().filters.search}
        onSearch={(v) => setFilters({ search: v })}
        onChange={(e) => setFilters({ search: e.target.value })}
      />
      <Select
        allowClear
        style={{ width: 180 }}
        placeholder={t('dossiers.group')}
        aria-label={t('dossiers.group')}
        data-testid="filter-group"
        value={groupId ?? undefined}
        options={options?.groups.map((g) => ({ value: g.id, label: g.name })) ?? []}
        onChange={(v: string | undefined) => setFilters({ groupId: v ?? null })}
      />
      <Select
        allowClear
        style={{ width: 150 }}
        placeholder={t('dossiers.level')}
        aria-label={t('dossiers.level')}
        data-testid="filter-level"
        value={level ?? undefined}
        options={options?.levels.map((l) => ({ value: l, label: t(`level.${l}`) })) ?? []}
        onChange={(v) => setFilters({ level: v ?? null })}
      />
      <Select
        allowClear
        style={{ width: 180 }}
        placeholder={t('dossiers.specialty')}
        aria-label={t('dossiers.specialty')}
        data-testid="filter-specialty"
        value={specialty ?? undefined}
        options={options?.specialties.map((s) => ({ value: s, label: s })) ?? []}
        onChange={(v: string | undefined) => setFilters({ specialty: v ?? null })}
      />
      <Select
        allowClear
        style={{ width: 190 }}
        placeholder={t('dossiers.greenChannel')}
        aria-label={t('dossiers.greenChannel')}
        data-testid="filter-green"
        value={greenChannel === null ? undefined : greenChannel ? 'green' : 'normal'}
        options={[
          { value: 'green', label: t('dossiers.greenOnly') },
          { value: 'normal', label: t('dossiers.normalOnly') },
        ]}
        onChange={(v: string | undefined) => setFilters({ greenChannel: v === undefined ? null : v === 'green' })}
      />
      <DossierTotal />
    </div>
  );
});
