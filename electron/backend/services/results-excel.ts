// The results workbook for the provincial system (issue 9 item 7): one row per dossier with the province's columns
// and the deciding round's counts. It is the only output that carries the full ID number (the province matches
// people by it); every screen and print masks it. Written beside the chosen file, fsync'd, then renamed.
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { RESULTS_EXCEL_COLUMNS, RESULTS_EXCEL_SHEET, resultsExcelRow } from '../../../shared/prints/results-excel';
import { writeFileDurably } from '../blobs/fs-util';
import { appendAudit } from '../db/queries/audit';
import { dossierExportRows } from '../db/queries/prints';
import type { Ctx } from '../context';
import { meetingResults } from './meeting-results';
import { sessionOverview } from './sessions';

const WIDTHS: Partial<Record<(typeof RESULTS_EXCEL_COLUMNS)[number], number>> = { 身份证号: 22, 评委会名称: 28, 专业组: 18, 申报专业: 16, 备注: 24 };

export async function exportResultsExcel(ctx: Ctx, a: { sessionId: string; path: string }): Promise<{ path: string; rows: number }> {
  const results = meetingResults(ctx, { sessionId: a.sessionId });
  if (!results.dossiers.some((d) => d.rounds.length > 0)) {
    throw new AppError('RESULTS_EXCEL_NO_VOTE', 'no dossier has been voted on yet', { field: 'sessionId', actual: a.sessionId });
  }
  const overview = sessionOverview(ctx, a.sessionId);
  const byId = new Map(results.dossiers.map((d) => [d.dossierId, d]));
  const context = { year: overview.meetingDate.slice(0, 4), committeeName: overview.committee.name };

  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = '评审台 PanelDesk';
  wb.created = new Date();
  const ws = wb.addWorksheet(RESULTS_EXCEL_SHEET, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  ws.columns = RESULTS_EXCEL_COLUMNS.map((c) => ({ header: c, key: c, width: WIDTHS[c] ?? 10 }));
  ws.getRow(1).font = { bold: true };
  // The ID number as text: Excel would otherwise turn 18 digits into a rounded number.
  ws.getColumn(RESULTS_EXCEL_COLUMNS.indexOf('身份证号') + 1).numFmt = '@';
  let rows = 0;
  for (const f of dossierExportRows(ctx.db, a.sessionId)) {
    const r = byId.get(f.dossierId);
    if (!r) continue;
    ws.addRow(resultsExcelRow(f, r, context));
    rows++;
  }

  await writeFileDurably(a.path, async () => new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  // Full ID numbers left the desk: who exported them, and how many, is on the record.
  appendAudit(ctx.db, { sessionId: a.sessionId, actor: ctx.caller.role, kind: 'results.exported', payload: { dossiers: rows, file: path.basename(a.path) } });
  return { path: a.path, rows };
}
