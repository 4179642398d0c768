// The examiner's charts, each with the data table behind it: score distributions per expert and per group,
// each expert's deviation from the group mean, agreement per group, votes per round.
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExaminerAnalysisView } from '../../../shared/examiner/views';
import { DataTable, type Column } from '../../components/DataTable';
import { EChart } from './EChart';
import { fiveNumbers, fixed, points } from './format';

const ACCENT = '#1f5fbf';

function ChartBlock({ title, testId, chart, table }: { title: string; testId: string; chart: ReactNode; table: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="examiner-chart" data-testid={testId} aria-label={title}>
      <h3>{title}</h3>
      {chart}
      <details open>
        <summary>{t('examiner.charts.tableOf', { title })}</summary>
        {table}
      </details>
    </section>
  );
}

interface Dist {
  key: string;
  label: string;
  five: [number, number, number, number, number] | null;
  n: number;
}

const boxOption = (rows: Dist[]) => ({
  animation: false,
  grid: { left: 48, right: 16, top: 16, bottom: 64 },
  xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { rotate: 30 } },
  yAxis: { type: 'value', name: '' },
  series: [{ type: 'boxplot', itemStyle: { borderColor: ACCENT }, data: rows.map((r) => (r.five ? r.five.map((v) => v / 100) : [])) }],
});

export function ExaminerCharts({ analysis }: { analysis: ExaminerAnalysisView }) {
  const { t } = useTranslation();
  const perExpert = useMemo<Dist[]>(
    () => analysis.groups.flatMap((g) => g.experts.filter((e) => e.totals.length > 0).map((e) => ({ key: `${g.groupId}|${e.expertId}`, label: `${e.name}（${g.name}）`, five: fiveNumbers(e.totals), n: e.totals.length }))),
    [analysis],
  );
  const perGroup = useMemo<Dist[]>(
    () => analysis.groups.map((g) => { const all = g.experts.flatMap((e) => e.totals); return { key: g.groupId, label: g.name, five: fiveNumbers(all), n: all.length }; }),
    [analysis],
  );
  const deviations = useMemo(() => perExpert.map((d) => {
    const [groupId, expertId] = d.key.split('|');
    const e = analysis.groups.find((g) => g.groupId === groupId)?.experts.find((x) => x.expertId === expertId);
    return { key: d.key, label: d.label, leniency: e?.leniency ?? null, z: e?.z ?? null };
  }), [analysis, perExpert]);

  const distColumns: Array<Column<Dist>> = [
    { key: 'label', title: t('examiner.col.expert'), dataIndex: 'label' },
    { key: 'n', title: t('examiner.col.sheets'), dataIndex: 'n', align: 'right' },
    ...(['min', 'q1', 'median', 'q3', 'maxv'] as const).map((k, i): Column<Dist> => ({ key: k, title: t(`examiner.col.${k}`), align: 'right', render: (r) => points(r.five?.[i]) })),
  ];
  const groupColumns: Array<Column<Dist>> = [{ ...(distColumns[0] as Column<Dist>), title: t('examiner.col.group') }, ...distColumns.slice(1)];

  const deviationOption = useMemo(() => ({
    animation: false,
    grid: { left: 48, right: 16, top: 16, bottom: 64 },
    xAxis: { type: 'category', data: deviations.map((d) => d.label), axisLabel: { rotate: 30 } },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', itemStyle: { color: ACCENT }, data: deviations.map((d) => (d.leniency === null ? 0 : d.leniency / 100)) }],
  }), [deviations]);
  const agreementOption = useMemo(() => ({
    animation: false,
    legend: { data: [t('examiner.col.icc'), t('examiner.col.alpha')] },
    grid: { left: 48, right: 16, top: 32, bottom: 32 },
    xAxis: { type: 'category', data: analysis.groups.map((g) => g.name) },
    yAxis: { type: 'value', min: -1, max: 1 },
    series: [
      { name: t('examiner.col.icc'), type: 'bar', itemStyle: { color: ACCENT }, data: analysis.groups.map((g) => g.icc ?? 0) },
      { name: t('examiner.col.alpha'), type: 'bar', itemStyle: { color: '#6b7785' }, data: analysis.groups.map((g) => g.alpha ?? 0) },
    ],
  }), [analysis, t]);
  const votesOption = useMemo(() => ({
    animation: false,
    legend: { data: [t('examiner.col.agree'), t('examiner.col.disagree'), t('examiner.col.abstain')] },
    grid: { left: 48, right: 16, top: 32, bottom: 32 },
    xAxis: { type: 'category', data: analysis.rounds.map((r) => String(r.number)) },
    yAxis: { type: 'value' },
    series: (['agree', 'disagree', 'abstain'] as const).map((k, i) => ({ name: t(`examiner.col.${k}`), type: 'bar', stack: 'votes', itemStyle: { color: [ACCENT, '#b23a3a', '#8a8f98'][i] }, data: analysis.rounds.map((r) => r[k]) })),
  }), [analysis, t]);
  const perExpertOption = useMemo(() => boxOption(perExpert), [perExpert]);
  const perGroupOption = useMemo(() => boxOption(perGroup), [perGroup]);

  return (
    <div data-testid="examiner-charts">
      <ChartBlock
        title={t('examiner.charts.perExpert')}
        testId="chart-per-expert"
        chart={<EChart option={perExpertOption} label={t('examiner.charts.perExpert')} testId="echart-per-expert" />}
        table={<DataTable columns={distColumns} dataSource={perExpert} rowKey="key" emptyText={t('examiner.charts.noData')} />}
      />
      <ChartBlock
        title={t('examiner.charts.perGroup')}
        testId="chart-per-group"
        chart={<EChart option={perGroupOption} label={t('examiner.charts.perGroup')} testId="echart-per-group" />}
        table={<DataTable columns={groupColumns} dataSource={perGroup} rowKey="key" emptyText={t('examiner.charts.noData')} />}
      />
      <ChartBlock
        title={t('examiner.charts.deviation')}
        testId="chart-deviation"
        chart={<EChart option={deviationOption} label={t('examiner.charts.deviation')} testId="echart-deviation" />}
        table={
          <DataTable
            columns={[
              { key: 'label', title: t('examiner.col.expert'), dataIndex: 'label' },
              { key: 'leniency', title: t('examiner.col.leniency'), align: 'right', render: (r) => points(r.leniency) },
              { key: 'z', title: t('examiner.col.z'), align: 'right', render: (r) => fixed(r.z) },
            ]}
            dataSource={deviations}
            rowKey="key"
            emptyText={t('examiner.charts.noData')}
            testId="table-deviation"
          />
        }
      />
      <ChartBlock
        title={t('examiner.charts.agreement')}
        testId="chart-agreement"
        chart={<EChart option={agreementOption} label={t('examiner.charts.agreement')} testId="echart-agreement" />}
        table={
          <DataTable
            columns={[
              { key: 'name', title: t('examiner.col.group'), dataIndex: 'name' },
              { key: 'icc', title: t('examiner.col.icc'), align: 'right', render: (g) => fixed(g.icc, 3) },
              { key: 'alpha', title: t('examiner.col.alpha'), align: 'right', render: (g) => fixed(g.alpha, 3) },
              { key: 'targets', title: t('examiner.col.targets'), dataIndex: 'iccTargets', align: 'right' },
              { key: 'raters', title: t('examiner.col.raters'), dataIndex: 'iccRaters', align: 'right' },
            ]}
            dataSource={analysis.groups}
            rowKey="groupId"
            emptyText={t('examiner.charts.noData')}
          />
        }
      />
      <ChartBlock
        title={t('examiner.charts.votes')}
        testId="chart-votes"
        chart={<EChart option={votesOption} label={t('examiner.charts.votes')} testId="echart-votes" height={220} />}
        table={
          <DataTable
            columns={[
              { key: 'number', title: t('examiner.col.round'), dataIndex: 'number', align: 'right' },
              { key: 'participants', title: t('examiner.col.participants'), dataIndex: 'participants', align: 'right' },
              { key: 'agree', title: t('examiner.col.agree'), dataIndex: 'agree', align: 'right' },
              { key: 'disagree', title: t('examiner.col.disagree'), dataIndex: 'disagree', align: 'right' },
              { key: 'abstain', title: t('examiner.col.abstain'), dataIndex: 'abstain', align: 'right' },
            ]}
            dataSource={analysis.rounds}
            rowKey="roundId"
            emptyText={t('examiner.charts.noData')}
          />
        }
      />
    </div>
  );
}
