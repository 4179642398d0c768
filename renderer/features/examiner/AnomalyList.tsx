// The anomalies, most severe first, filtered by severity; each with its rule, what was measured and links to the
// evidence (the sheets side by side, the dossier, the audit entries).
import { useMemo, useState } from 'react';
import { Button, Segmented, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Anomaly, Severity } from '../../../shared/examiner/anomalies';
import type { ExaminerAnalysisView } from '../../../shared/examiner/views';
import { DataTable, type Column } from '../../components/DataTable';
import { fixed, points } from './format';

const POINT_KEYS = new Set(['stated', 'recomputed', 'deviation', 'value', 'max']);
const SEVERITY_COLOR: Record<Severity, string> = { high: 'red', medium: 'orange', low: 'default' };

function valueText(a: Anomaly, label: (key: string) => string): string {
  return Object.entries(a.values)
    .map(([k, v]) => {
      if (typeof v !== 'number') return `${label(k)}: ${v}`;
      const asPoints = POINT_KEYS.has(k) || (k === 'threshold' && (a.rule === 'leniency' || a.rule === 'near_identical'));
      return `${label(k)}: ${asPoints ? points(v) : Number.isInteger(v) ? String(v) : fixed(v, 3)}`;
    })
    .join('；');
}

export function AnomalyList({ analysis, onOpenSheets, onOpenDossier }: { analysis: ExaminerAnalysisView; onOpenSheets: (dossierId: string) => void; onOpenDossier: (dossierId: string) => void }) {
  const { t } = useTranslation();
  const [severity, setSeverity] = useState<Severity | 'all'>('all');
  const names = useMemo(() => new Map(analysis.experts.map((e) => [e.id, e.name])), [analysis]);
  const dossiers = useMemo(() => new Map(analysis.dossiers.map((d) => [d.id, d])), [analysis]);
  const rounds = useMemo(() => new Map(analysis.rounds.map((r) => [r.roundId, r.number])), [analysis]);
  const groups = useMemo(() => new Map(analysis.groups.map((g) => [g.groupId, g.name])), [analysis]);
  const shown = severity === 'all' ? analysis.anomalies : analysis.anomalies.filter((a) => a.severity === severity);

  const columns: Array<Column<Anomaly>> = [
    { key: 'severity', title: t('examiner.col.severity'), render: (a) => <Tag color={SEVERITY_COLOR[a.severity]}>{t(`examiner.severity.${a.severity}`)}</Tag> },
    { key: 'rule', title: t('examiner.col.rule'), render: (a) => <span data-rule={a.rule}>{t(`examiner.rule.${a.rule}`)}</span> },
    {
      key: 'dossier',
      title: t('examiner.col.dossier'),
      render: (a) => {
        const d = a.evidence.dossierId ? dossiers.get(a.evidence.dossierId) : undefined;
        if (d) return `${d.packetNo} ${d.name}`;
        if (a.evidence.dossierIds) return t('examiner.evidence.dossiers', { count: a.evidence.dossierIds.length });
        return a.evidence.groupId ? (groups.get(a.evidence.groupId) ?? a.evidence.groupId) : '—';
      },
    },
    {
      key: 'expert',
      title: t('examiner.col.expert'),
      render: (a) => {
        const e = a.evidence.expertId ? (names.get(a.evidence.expertId) ?? a.evidence.expertId) : '—';
        return a.evidence.otherExpertId ? `${e} ${t('examiner.evidence.other', { name: names.get(a.evidence.otherExpertId) ?? a.evidence.otherExpertId })}` : e;
      },
    },
    { key: 'values', title: t('examiner.col.values'), render: (a) => valueText(a, (k) => t(`examiner.value.${k}`, { defaultValue: k })) },
    {
      key: 'evidence',
      title: t('examiner.col.evidence'),
      render: (a) => {
        const dossierId = a.evidence.dossierId ?? a.evidence.dossierIds?.[0];
        const parts: string[] = [];
        if (a.evidence.version !== undefined) parts.push(t('examiner.evidence.version', { version: a.evidence.version }));
        if (a.evidence.roundId) parts.push(t('examiner.evidence.round', { number: rounds.get(a.evidence.roundId) ?? '?' }));
        if (a.evidence.auditSeqs && a.evidence.auditSeqs.length > 0) parts.push(t('examiner.evidence.audit', { seqs: a.evidence.auditSeqs.join(', #') }));
        return (
          <Space wrap size="small">
            {parts.length > 0 ? <span>{parts.join('，')}</span> : null}
            {dossierId ? (
              <>
                <Button size="small" data-testid={`evidence-sheets-${a.key}`} onClick={() => onOpenSheets(dossierId)}>
                  {t('examiner.evidence.openSheets')}
                </Button>
                <Button size="small" onClick={() => onOpenDossier(dossierId)}>
                  {t('examiner.evidence.openDossier')}
                </Button>
              </>
            ) : null}
          </Space>
        );
      },
    },
  ];

  return (
    <div data-testid="examiner-anomalies">
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented<Severity | 'all'>
          aria-label={t('examiner.severityFilter')}
          data-testid="severity-filter"
          value={severity}
          onChange={setSeverity}
          options={(['all', 'high', 'medium', 'low'] as const).map((v) => ({ value: v, label: t(`examiner.severity.${v}`) }))}
        />
        <span>{t('examiner.anomalyCount', { count: shown.length })}</span>
      </Space>
      <DataTable columns={columns} dataSource={shown} rowKey="key" emptyText={t('examiner.noAnomalies')} testId="anomaly-table" />
    </div>
  );
}
