// The examiner's findings as an Excel workbook: the signed statement (or "not signed"), the spot check with each
// finding, the anomalies with their evidence, and the statistics per expert and group. The renderer passes the
// words (its i18n); the data come from here. exceljs is loaded only when someone exports.
import { writeFileDurably } from '../blobs/fs-util';
import type { Ctx } from '../context';
import { examinerAnalysis, findingsStatement, latestSpotCheck } from './examiner';

export interface ExaminerExportLabels {
  sheets: Record<string, string>;
  columns: Record<string, string>;
  rules: Record<string, string>;
  severities: Record<string, string>;
  summary: string[];
}

const w = (labels: Record<string, string>, k: string) => labels[k] ?? k;
const num = (v: number | null, digits = 2) => (v === null ? '' : Number(v.toFixed(digits)));

export async function exportFindingsExcel(ctx: Ctx, a: { sessionId: string; path: string; labels: ExaminerExportLabels }): Promise<{ path: string; rows: number }> {
  const analysis = examinerAnalysis(ctx, a.sessionId);
  const spot = latestSpotCheck(ctx, a.sessionId);
  const statement = findingsStatement(ctx, a.sessionId);
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = '评审台 PanelDesk';
  wb.created = new Date();
  const L = a.labels;
  const col = (k: string) => w(L.columns, k);
  const sheet = (k: string, cols: string[]) => {
    const ws = wb.addWorksheet(w(L.sheets, k).slice(0, 31), { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
    ws.columns = cols.map((c) => ({ header: col(c), key: c, width: c === 'values' || c === 'reason' ? 50 : 18 }));
    ws.getRow(1).font = { bold: true };
    return ws;
  };
  const names = new Map(analysis.experts.map((e) => [e.id, e.name]));
  const dossiers = new Map(analysis.dossiers.map((d) => [d.id, d]));

  const st = wb.addWorksheet(w(L.sheets, 'statement').slice(0, 31));
  st.getColumn(1).width = 30;
  st.getColumn(2).width = 80;
  for (const line of L.summary) st.addRow([line]);
  st.addRow([]);
  st.addRow(['bundleHash', analysis.bundleHash]);
  if (statement) {
    st.addRow(['version', statement.version]);
    st.addRow(['keyid', statement.keyid]);
    st.addRow(['fingerprint', statement.fingerprint]);
    st.addRow(['payloadSha256', statement.payloadSha256]);
    st.addRow(['signedAt', statement.signedAt]);
  } else st.addRow(['signed', 'false']);
  if (spot) {
    st.addRow(['algorithm', spot.algorithm]);
    st.addRow(['salt', spot.salt]);
    st.addRow(['stratified', String(spot.stratified)]);
    st.addRow(['sample', `${String(spot.size)} / ${String(spot.population)}`]);
  }
  for (const [k, v] of Object.entries(analysis.thresholds)) st.addRow([`threshold.${k}`, v]);

  let rows = 0;
  const sp = sheet('spotCheck', ['packetNo', 'dossier', 'finding', 'reason', 'recordedAt']);
  if (spot) {
    const found = new Map(spot.findings.map((f) => [f.dossierId, f]));
    for (const d of spot.dossiers) {
      const f = found.get(d.id);
      sp.addRow([d.packetNo, d.name, f ? col(f.conforms ? 'conforms' : 'notConforms') : col('notChecked'), f?.reason ?? '', f?.recordedAt ?? '']);
      rows++;
    }
  }
  const acknowledged = new Set(statement?.payload.anomalies.acknowledged.map((x) => x.key) ?? []);
  const an = sheet('anomalies', ['severity', 'rule', 'packetNo', 'dossier', 'expert', 'otherExpert', 'version', 'auditSeqs', 'values', 'acknowledged']);
  for (const x of analysis.anomalies) {
    const e = x.evidence;
    const d = e.dossierId ? dossiers.get(e.dossierId) : undefined;
    an.addRow([
      w(L.severities, x.severity),
      w(L.rules, x.rule),
      d?.packetNo ?? '',
      d?.name ?? '',
      e.expertId ? (names.get(e.expertId) ?? e.expertId) : '',
      e.otherExpertId ? (names.get(e.otherExpertId) ?? e.otherExpertId) : '',
      e.version ?? '',
      (e.auditSeqs ?? []).join(', '),
      Object.entries(x.values).map(([k, v]) => `${k}=${typeof v === 'number' ? String(Number(v.toFixed(3))) : v}`).join('; '),
      acknowledged.has(x.key) ? '✓' : '',
    ]);
    rows++;
  }
  const gs = sheet('experts', ['group', 'expert', 'sheets', 'meanTotal', 'leniency', 'z', 'icc', 'alpha']);
  for (const g of analysis.groups) {
    for (const e of g.experts) gs.addRow([g.name, e.name, e.sheets, num(e.meanTotal === null ? null : e.meanTotal / 100), num(e.leniency === null ? null : e.leniency / 100), num(e.z), num(g.icc, 3), num(g.alpha, 3)]);
  }

  await writeFileDurably(a.path, async () => new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  return { path: a.path, rows };
}
