// The audit log as an Excel workbook: the entries matching the screen's filters (oldest first) and a
// sheet with what was verified. The renderer passes the words (its i18n); the data and the verification
// come from here. exceljs is loaded only when someone exports.
import type { AuditEventView, AuditExportLabels, AuditQuery } from '../../../shared/types';
import { writeFileDurably } from '../blobs/fs-util';
import type { Ctx } from '../context';
import { allAuditEvents, checkAuditAnchors } from './audit';

const COLUMNS = ['seq', 'at', 'kind', 'actor', 'expert', 'dossier', 'reason', 'details', 'hash'] as const;

function personText(ev: AuditEventView, labels: AuditExportLabels): string {
  const role = labels.roles[ev.actor.role] ?? ev.actor.role;
  return ev.actor.name ? `${ev.actor.name}（${role}）` : role;
}

function rowOf(ev: AuditEventView, labels: AuditExportLabels): Array<string | number> {
  const { reason, ...rest } = ev.details;
  const dossier = ev.subject.dossierName ? `${ev.subject.dossierName}（${ev.subject.packetNo ?? ''}）` : (ev.subject.dossierId ?? '');
  return [
    ev.seq,
    ev.at,
    labels.kinds[ev.kind] ?? ev.kind,
    personText(ev, labels),
    ev.subject.expertName ?? ev.subject.expertId ?? '',
    dossier,
    typeof reason === 'string' ? reason : '',
    Object.entries(rest)
      .map(([k, v]) => `${labels.details[k] ?? k}: ${String(v)}`)
      .join('；'),
    ev.hash.slice(0, 16),
  ];
}

export async function exportAuditLog(ctx: Ctx, a: { query: AuditQuery; path: string; labels: AuditExportLabels }): Promise<{ path: string; rows: number }> {
  const integrity = checkAuditAnchors(ctx, a.query.sessionId);
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = '评审台 PanelDesk';
  wb.created = new Date();
  const ws = wb.addWorksheet(a.labels.sheet, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: a.labels.columns[c] ?? c, key: c, width: c === 'details' ? 50 : c === 'at' ? 26 : c === 'seq' ? 8 : 20 }));
  ws.getRow(1).font = { bold: true };
  let rows = 0;
  for (const ev of allAuditEvents(ctx, a.query)) {
    ws.addRow(rowOf(ev, a.labels));
    rows++;
  }
  const v = wb.addWorksheet(a.labels.verifySheet);
  v.getColumn(1).width = 120;
  for (const line of a.labels.summary) v.addRow([line]);
  v.addRow([]);
  // The facts, as computed here, whatever the words above say.
  v.addRow([`entries=${String(integrity.entries)} head=${integrity.head} ok=${String(integrity.ok)} checkpoints=${String(integrity.checkpoints.valid)}/${String(integrity.checkpoints.total)} uncovered=${String(integrity.uncovered)} checkedAt=${integrity.checkedAt}`]);

  await writeFileDurably(a.path, async () => new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  return { path: a.path, rows };
}
