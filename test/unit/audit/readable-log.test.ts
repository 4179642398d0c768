// The readable log through the contract: names resolved, filters computed in SQL, pages, nothing secret shown,
// and the Excel export of what the filters select.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { AuditEventView } from '../../../shared/types';
import { asSecretary, enrol, err, ok, openHost } from '../../fixtures/demo-host';
import { saveToken } from '../../fixtures/file-tokens';
import { tmpDir } from '../../fixtures/tmp';

const EXPERT = 'expert pass 12345';

async function seeded() {
  const dir = tmpDir('pd-readable-');
  const host = openHost(dir);
  const { sessionId } = await ok(host, 'openDemo', {});
  const experts = await ok(host, 'listExperts', { sessionId });
  for (const e of experts.slice(0, 5)) await ok(host, 'setAttendance', { sessionId, expertId: e.id, present: true });
  const member = experts.find((e) => e.role === 'member') as (typeof experts)[number];
  const dossiers = (await ok(host, 'listDossiers', { sessionId })).rows;
  const d = dossiers[dossiers.length - 1] as (typeof dossiers)[number];
  await ok(host, 'declareConflict', { sessionId, expertId: member.id, dossierId: d.id, reason: '曾为该申报人的导师' });
  await enrol(host, sessionId, member.id, EXPERT);
  await ok(host, 'signIn', { sessionId, expertId: member.id, passphrase: EXPERT, as: 'expert' });
  const mine = (await ok(host, 'listMyDossiers', { sessionId })).find((r) => r.status !== 'recused') as { dossierId: string };
  const view = await ok(host, 'getScoreSheet', { sessionId, dossierId: mine.dossierId });
  const item = view.standard.items.find((it) => !it.bands || it.bands.length === 0) as { id: string; max: number };
  await ok(host, 'saveScore', { sessionId, dossierId: mine.dossierId, itemId: item.id, value: 7 });
  await asSecretary(host);
  return { dir, host, sessionId, experts, member, dossier: d, scored: mine.dossierId };
}

const kinds = (rows: AuditEventView[]) => rows.map((r) => r.kind);

describe('listAuditEvents', () => {
  it('resolves who and what: the expert checked in, the dossier with its packet number, the reason', async () => {
    const { host, sessionId, experts, member, dossier } = await seeded();
    const page = await ok(host, 'listAuditEvents', { sessionId, limit: 500 });
    const checkIn = page.rows.find((r) => r.kind === 'attendance.set' && r.subject.expertId === experts[0]?.id);
    expect(checkIn).toMatchObject({ actor: { role: 'secretary', name: null }, subject: { expertName: experts[0]?.name }, details: { present: true } });
    const recusal = page.rows.find((r) => r.kind === 'conflict.declared');
    expect(recusal).toMatchObject({ subject: { expertId: member.id, expertName: member.name, dossierId: dossier.id, dossierName: dossier.name, packetNo: dossier.packetNo }, details: { reason: '曾为该申报人的导师' } });
    const score = page.rows.find((r) => r.kind === 'score.saved');
    expect(score).toMatchObject({ actor: { role: 'expert', expertId: member.id, name: member.name } });
    // A score is never shown, nor searchable.
    expect(score?.details).not.toHaveProperty('value');
    expect(JSON.stringify(page.rows)).not.toMatch(/"value"/);
    host.close();
  });

  it('filters by kind, person, dossier, time and search, in SQL, and pages newest first', async () => {
    const { host, sessionId, experts, member, dossier, scored } = await seeded();
    const all = await ok(host, 'listAuditEvents', { sessionId, limit: 500 });
    const att = await ok(host, 'listAuditEvents', { sessionId, kinds: ['attendance.set'] });
    expect(att.total).toBe(5);
    expect(new Set(kinds(att.rows))).toEqual(new Set(['attendance.set']));

    const byMember = await ok(host, 'listAuditEvents', { sessionId, person: member.id, limit: 500 });
    expect(byMember.rows.every((r) => r.actor.expertId === member.id || r.subject.expertId === member.id)).toBe(true);
    expect(kinds(byMember.rows)).toEqual(expect.arrayContaining(['conflict.declared', 'key.created', 'auth.signed_in', 'score.saved']));
    const bySecretary = await ok(host, 'listAuditEvents', { sessionId, person: 'secretary', limit: 500 });
    expect(bySecretary.rows.every((r) => r.actor.role === 'secretary')).toBe(true);

    expect(kinds((await ok(host, 'listAuditEvents', { sessionId, dossierId: dossier.id })).rows)).toEqual(['conflict.declared']);
    expect(kinds((await ok(host, 'listAuditEvents', { sessionId, dossierId: scored })).rows)).toEqual(['score.saved']);

    const first = experts[0]?.name ?? '';
    const named = await ok(host, 'listAuditEvents', { sessionId, search: first, limit: 500 });
    expect(named.rows.some((r) => r.subject.expertName === first)).toBe(true);
    expect(kinds((await ok(host, 'listAuditEvents', { sessionId, search: '导师' })).rows)).toEqual(['conflict.declared']);
    expect((await ok(host, 'listAuditEvents', { sessionId, search: dossier.packetNo })).total).toBeGreaterThan(0);
    // The translated label the renderer matched arrives as searchKinds.
    expect(kinds((await ok(host, 'listAuditEvents', { sessionId, search: '签到', searchKinds: ['attendance.set'] })).rows).every((k) => k === 'attendance.set')).toBe(true);
    // LIKE wildcards are taken literally.
    expect((await ok(host, 'listAuditEvents', { sessionId, search: '%' })).total).toBe(0);

    expect((await ok(host, 'listAuditEvents', { sessionId, to: '2000-01-01T00:00:00.000Z' })).total).toBe(0);
    expect((await ok(host, 'listAuditEvents', { sessionId, from: '2000-01-01T00:00:00.000Z' })).total).toBe(all.total);

    const p1 = await ok(host, 'listAuditEvents', { sessionId, limit: 3 });
    const p2 = await ok(host, 'listAuditEvents', { sessionId, limit: 3, offset: 3 });
    expect(p1.rows.map((r) => r.seq)).toEqual(all.rows.slice(0, 3).map((r) => r.seq));
    expect(p2.rows.map((r) => r.seq)).toEqual(all.rows.slice(3, 6).map((r) => r.seq));
    expect(p1.rows[0]?.seq).toBeGreaterThan(p1.rows[1]?.seq ?? 0);
    const asc = await ok(host, 'listAuditEvents', { sessionId, order: 'asc', limit: 1 });
    // The oldest entries are the desk's set-up (its passphrase and signing key), then the import.
    expect(asc.rows[0]?.kind).toBe('desk.key_created');
    host.close();
  });

  it('is for staff: an expert is refused', async () => {
    const { host, sessionId, member } = await seeded();
    await ok(host, 'signIn', { sessionId, expertId: member.id, passphrase: EXPERT, as: 'expert' });
    expect((await err(host, 'listAuditEvents', { sessionId })).code).toBe('CONTRACT_FORBIDDEN');
    expect((await err(host, 'checkAuditAnchors', { sessionId })).code).toBe('CONTRACT_FORBIDDEN');
    expect((await err(host, 'exportAuditLog', { query: { sessionId }, path: '/tmp/x.xlsx', labels: { sheet: 'a', verifySheet: 'b', columns: {}, kinds: {}, roles: {}, details: {}, summary: [] } })).code).toBe('CONTRACT_FORBIDDEN');
    host.close();
  });
});

describe('exportAuditLog', () => {
  it('writes the filtered entries with the words given and the verification computed here', async () => {
    const { host, sessionId, experts, dir } = await seeded();
    const file = path.join(dir, '审计日志.xlsx');
    const labels = {
      sheet: '审计日志',
      verifySheet: '核验结果',
      columns: { seq: '序号', kind: '事项', actor: '操作人', expert: '人员' },
      kinds: { 'attendance.set': '签到' },
      roles: { secretary: '秘书' },
      details: { present: '到会' },
      summary: ['核验通过：哈希链完整'],
    };
    const res = await ok(host, 'exportAuditLog', { query: { sessionId, kinds: ['attendance.set'] }, path: saveToken(host, file), labels });
    expect(res.rows).toBe(5);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('审计日志');
    expect(ws?.getRow(1).values).toEqual(expect.arrayContaining(['序号', '事项', '操作人', '人员']));
    expect(ws?.rowCount).toBe(6);
    expect(ws?.getRow(2).getCell(3).value).toBe('签到');
    expect(ws?.getRow(2).getCell(4).value).toBe('秘书');
    expect(ws?.getRow(2).getCell(5).value).toBe(experts[0]?.name);
    const v = wb.getWorksheet('核验结果');
    expect(v?.getCell(1, 1).value).toBe('核验通过：哈希链完整');
    expect(String(v?.getCell(3, 1).value)).toMatch(/^entries=\d+ head=[0-9a-f]{64} ok=true/);
    host.close();
  });
});
