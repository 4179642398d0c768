import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { err, ok, openHost } from '../../fixtures/demo-host';
import { tmpDir } from '../../fixtures/tmp';
import { badCheckId, dossierRow, DOSSIER_HEADERS, rosterRow, ROSTER_HEADERS, writeSheet } from '../excel/helpers';
import { openToken, saveToken } from '../../fixtures/file-tokens';

async function demo() {
  const dir = tmpDir('pd-xl-');
  const host = openHost(dir);
  const { sessionId } = await ok(host, 'openDemo', {});
  const standards = await ok(host, 'listStandards', { sessionId });
  const groups = await ok(host, 'listGroups', { sessionId });
  return { dir, host, sessionId, standards, groups };
}

describe('Excel through the contract', () => {
  it('imports nothing while a dossier sheet has problems, then skips the listed rows on request', async () => {
    const { dir, host, sessionId, standards, groups } = await demo();
    const std = standards.find((s) => s.level === 'intermediate') ?? standards[0];
    const group = groups[0];
    if (!std || !group) throw new Error('demo lacks standards or groups');
    const row = (n: number, o: Parameters<typeof dossierRow>[1] = {}) =>
      dossierRow(n, { 袋号: `XL-${n}`, 评价标准: std.name, 评议组: group.name, 申报级别: '中级', ...o });
    const file = path.join(dir, '申报人.xlsx');
    await writeSheet(file, [[...DOSSIER_HEADERS], row(1), row(2, { 身份证号: badCheckId('22010219850302124') }), row(3)]);
    const before = (await ok(host, 'listDossiers', { sessionId })).total;

    const first = await ok(host, 'importExcel', { sessionId, kind: 'dossiers', path: openToken(host, file), skipProblemRows: false });
    expect(first).toMatchObject({ applied: false, imported: 0, rows: 2 });
    expect(first.problems).toEqual([expect.objectContaining({ row: 3, column: '身份证号', code: 'BAD_ID_CHECKSUM' })]);
    expect((await ok(host, 'listDossiers', { sessionId })).total).toBe(before);

    const second = await ok(host, 'importExcel', { sessionId, kind: 'dossiers', path: openToken(host, file), skipProblemRows: true });
    expect(second).toMatchObject({ applied: true, imported: 2, skippedRows: 1 });
    const list = await ok(host, 'listDossiers', { sessionId, search: 'XL-' });
    expect(list.rows.map((r) => r.packetNo).sort()).toEqual(['XL-1', 'XL-3']);

    // Importing the same sheet again finds the packet numbers taken.
    const again = await ok(host, 'importExcel', { sessionId, kind: 'dossiers', path: openToken(host, file), skipProblemRows: false });
    expect(again.applied).toBe(false);
    expect(again.problems.filter((p) => p.code === 'DUPLICATE').length).toBeGreaterThanOrEqual(2);
  });

  it('adds experts from a roster sheet with their review groups', async () => {
    const { dir, host, sessionId, groups } = await demo();
    const group = groups[0];
    if (!group) throw new Error('no group');
    const file = path.join(dir, 'roster.xlsx');
    await writeSheet(file, [[...ROSTER_HEADERS], rosterRow(1, { 评议组: group.name, 专家编号: 'X901' }), rosterRow(2, { 评议组: group.name, 专家编号: 'X902' })]);
    const r = await ok(host, 'importExcel', { sessionId, kind: 'roster', path: openToken(host, file), skipProblemRows: false });
    expect(r).toMatchObject({ applied: true, imported: 2, problems: [] });
    const experts = await ok(host, 'listExperts', { sessionId });
    expect(experts.find((e) => e.id === 'X901')?.groups).toEqual([group.id]);
    const twice = await ok(host, 'importExcel', { sessionId, kind: 'roster', path: openToken(host, file), skipProblemRows: false });
    expect(twice.applied).toBe(false);
    expect(twice.problems.every((p) => p.code === 'DUPLICATE')).toBe(true);
  });

  it('writes blank templates that read back with no rows and no problems', async () => {
    const { dir, host, sessionId } = await demo();
    for (const kind of ['roster', 'dossiers'] as const) {
      const file = path.join(dir, `${kind}-模板.xlsx`);
      expect(await ok(host, 'exportExcelTemplate', { sessionId, kind, path: saveToken(host, file) })).toEqual({ path: file });
      const back = await ok(host, 'importExcel', { sessionId, kind, path: openToken(host, file), skipProblemRows: false });
      expect(back).toMatchObject({ rows: 0, problems: [] });
    }
    const bad = await err(host, 'importExcel', { sessionId, kind: 'roster', path: openToken(host, path.join(dir, 'missing.xlsx')), skipProblemRows: false });
    expect(bad.code).toBe('EXCEL_UNREADABLE');
  });
});
