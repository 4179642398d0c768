// The words of the Excel export, in the interface language (the backend writes the data).
import type { TFunction } from 'i18next';
import { RULES } from '../../../shared/examiner/anomalies';

export function examinerExportLabels(t: TFunction, sessionName: string) {
  const sheets: Record<string, string> = {};
  for (const k of ['statement', 'spotCheck', 'anomalies', 'experts']) sheets[k] = t(`examiner.export.sheets.${k}`);
  const columns: Record<string, string> = {};
  for (const k of ['severity', 'rule', 'packetNo', 'expert', 'version', 'values', 'group', 'sheets', 'leniency', 'z', 'icc', 'alpha', 'reason']) columns[k] = t(`examiner.col.${k}`);
  Object.assign(columns, {
    dossier: t('examiner.col.name'),
    otherExpert: t('examiner.col.expert'),
    auditSeqs: t('examiner.col.evidence'),
    acknowledged: t('examiner.col.ack'),
    meanTotal: t('examiner.col.mean'),
    finding: t('examiner.col.finding'),
    recordedAt: t('examiner.spot.saved'),
    conforms: t('examiner.spot.conforms'),
    notConforms: t('examiner.spot.notConforms'),
    notChecked: t('examiner.spot.notChecked'),
  });
  const rules: Record<string, string> = {};
  for (const r of RULES) rules[r] = t(`examiner.rule.${r}`);
  const severities: Record<string, string> = {};
  for (const s of ['high', 'medium', 'low']) severities[s] = t(`examiner.severity.${s}`);
  return { sheets, columns, rules, severities, summary: [t('examiner.export.summary', { name: sessionName })] };
}
