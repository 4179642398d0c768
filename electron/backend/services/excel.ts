// Rosters and dossier lists from the secretary's Excel: every bad row reported, nothing imported until
// the sheet is clean or the secretary chooses to skip the listed rows; then one transaction.
import { AppError } from '../../../shared/errors';
import { evaluateEligibility } from '../../../shared/domain/eligibility';
import type { RowProblem } from '../../../shared/excel-problems';
import type { ExcelImportResult } from '../../../shared/types';
import { inTransaction } from '../db/connection';
import { appendAudit } from '../db/queries/audit';
import { insertDossier } from '../db/queries/dossiers';
import { insertExperts, listExperts, listGroups } from '../db/queries/roster';
import { listStandards } from '../db/queries/standards';
import type { Ctx } from '../context';
import { samePrincipalGuard } from './principal';
import { dossierContentHash } from './import-session';
import { requireSession } from './sessions';

type Kind = 'roster' | 'dossiers';

// exceljs (and the readers built on it) load on first use: at start-up they cost every backend
// process, import job and CLI call about half a second, and most sessions never touch Excel.
const readers = () => Promise.all([import('../excel/read-roster'), import('../excel/read-dossiers'), import('../excel/templates')]);

function done(kind: Kind, rows: number, problems: RowProblem[], applied: boolean): ExcelImportResult {
  const skippedRows = new Set(problems.map((p) => `${p.sheet}/${p.row}`)).size;
  return { kind, rows, problems, applied, imported: applied ? rows : 0, skippedRows: applied ? skippedRows : 0 };
}

async function importRoster(ctx: Ctx, sessionId: string, path: string, skip: boolean): Promise<ExcelImportResult> {
  const stillSamePrincipal = samePrincipalGuard(ctx);
  const groups = listGroups(ctx.db, sessionId);
  const [{ readRosterXlsx }] = await readers();
  const parsed = await readRosterXlsx(path, { groups });
  const existing = listExperts(ctx.db, sessionId);
  const problems = [...parsed.problems];
  // Ids come from the sheet or are generated per file: a clash with the roster already here is a duplicate.
  const clash = parsed.rows.filter((r) => existing.some((e) => e.id === r.id || (e.name === r.name && e.affiliation === r.affiliation)));
  for (const r of clash) problems.push({ sheet: '', row: 0, column: '姓名', code: 'DUPLICATE', value: `${r.name}（${r.affiliation}）` });
  const rows = parsed.rows.filter((r) => !clash.includes(r));
  if (problems.length > 0 && !skip) return done('roster', rows.length, problems, false);
  stillSamePrincipal();
  inTransaction(ctx.db, () => {
    insertExperts(ctx.db, sessionId, rows);
    const ids = new Set(rows.map((r) => r.id));
    const m = ctx.db.prepare('INSERT INTO group_member (session_id, group_id, expert_id) VALUES (?, ?, ?)');
    for (const ms of parsed.memberships) if (ids.has(ms.expertId)) m.run(sessionId, ms.groupId, ms.expertId);
    appendAudit(ctx.db, { sessionId, actor: ctx.caller.role, kind: 'excel.roster_imported', payload: { experts: rows.length, skippedRows: problems.length } });
  });
  return done('roster', rows.length, problems, true);
}

async function importDossiers(ctx: Ctx, sessionId: string, path: string, skip: boolean): Promise<ExcelImportResult> {
  const stillSamePrincipal = samePrincipalGuard(ctx);
  const session = requireSession(ctx, sessionId);
  const standards = listStandards(ctx.db, sessionId);
  const existing = new Set((ctx.db.prepare('SELECT packet_no AS p FROM dossier WHERE session_id = ?').all(sessionId) as Array<{ p: string }>).map((r) => r.p));
  const [, { readDossiersXlsx }] = await readers();
  const parsed = await readDossiersXlsx(path, { standards, groups: listGroups(ctx.db, sessionId), existingPacketNos: existing });
  if (parsed.problems.length > 0 && !skip) return done('dossiers', parsed.rows.length, parsed.problems, false);
  const byId = new Map(standards.map((s) => [s.id, s]));
  // The secretary who chose the file must still be the one at the desk when it is written.
  stillSamePrincipal();
  inTransaction(ctx.db, () => {
    for (const d of parsed.rows) {
      const std = byId.get(d.standardId);
      if (!std) throw new AppError('INTERNAL', `standard ${d.standardId} vanished`);
      insertDossier(ctx.db, sessionId, d, { eligibility: evaluateEligibility(d, std, session.meetingDate).overall, contentHash: dossierContentHash(d) });
    }
    appendAudit(ctx.db, { sessionId, actor: ctx.caller.role, kind: 'excel.dossiers_imported', payload: { dossiers: parsed.rows.length, skippedRows: parsed.problems.length } });
  });
  return done('dossiers', parsed.rows.length, parsed.problems, true);
}

export async function importExcel(ctx: Ctx, a: { sessionId: string; kind: Kind; path: string; skipProblemRows: boolean }): Promise<ExcelImportResult> {
  requireSession(ctx, a.sessionId);
  return a.kind === 'roster' ? importRoster(ctx, a.sessionId, a.path, a.skipProblemRows) : importDossiers(ctx, a.sessionId, a.path, a.skipProblemRows);
}

export async function exportExcelTemplate(ctx: Ctx, a: { sessionId: string; kind: Kind; path: string }): Promise<{ path: string }> {
  requireSession(ctx, a.sessionId);
  const [, , { writeDossierTemplate, writeRosterTemplate }] = await readers();
  if (a.kind === 'roster') await writeRosterTemplate(a.path);
  else await writeDossierTemplate(a.path, { standards: listStandards(ctx.db, a.sessionId), groups: listGroups(ctx.db, a.sessionId) });
  return { path: a.path };
}
