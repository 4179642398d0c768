// The read models (services/sessions.ts) through the host, on a data folder filled by the query functions.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/errors';
import type { DossierDetail, DossierList, FilterOptions, SessionOverview, SessionSummary } from '../../../shared/types';
import { openDatabase } from '../../../electron/backend/db/connection';
import { openHost } from '../../fixtures/demo-host';
import type { BackendHost } from '../../../electron/backend/host-types';
import { ATTACHMENT_BYTES, SESSION_ID, insertSessionContent, sessionContent, sha256Hex } from '../../fixtures/session-docs';
import { tmpDir } from '../../fixtures/tmp';

async function withSessionHost(fn: (host: BackendHost) => Promise<void>): Promise<void> {
  const dataDir = path.join(tmpDir(), 'data');
  const db = openDatabase(dataDir);
  insertSessionContent(db, sessionContent(), { bundleHash: 'b'.repeat(64), importedAt: '2026-06-01T08:00:00.000Z' });
  db.close();
  const host = openHost(dataDir, { resourcesDir: tmpDir() });
  try {
    await fn(host);
  } finally {
    host.close();
  }
}

function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value as T;
}

describe('session read models through the host', () => {
  it('listSessions', async () => {
    await withSessionHost(async (host) => {
      const list = value<SessionSummary[]>(await host.invoke('listSessions', {}));
      expect(list).toEqual([expect.objectContaining({ id: SESSION_ID, dossierCount: 4, bundleVersion: 1 })]);
    });
  });

  it('getOverview counts everything and warns about the committee', async () => {
    await withSessionHost(async (host) => {
      const o = value<SessionOverview>(await host.invoke('getOverview', { sessionId: SESSION_ID }));
      expect(o).toMatchObject({
        id: SESSION_ID,
        meetingDate: '2026-06-15',
        meetingPlace: '长春',
        status: 'setup',
        dossierCount: 4,
        issuer: null,
        bundleHash: 'b'.repeat(64),
        committee: { name: '吉林省工程系列高级评审委员会', authority: '吉林省人社厅', form: 'socialized', tier: 'senior', series: '工程', size: 5 },
        counts: { dossiers: 4, experts: 5, groups: 2, standards: 2, attachments: 3, greenChannel: 2, eligibilityNotMet: 1, conflicts: 1 },
      });
      // Five experts in a senior committee by series (minimum 25), and the 经济组 has only two.
      expect(o.warnings).toEqual([
        { code: 'COMMITTEE_BELOW_MINIMUM', params: { count: 5, min: 25 } },
        { code: 'GROUP_TOO_SMALL', params: { group: '经济组', size: 2, min: 3 } },
      ]);
    });
  });

  it('getFilterOptions lists groups, levels and specialties present', async () => {
    await withSessionHost(async (host) => {
      expect(value<FilterOptions>(await host.invoke('getFilterOptions', { sessionId: SESSION_ID }))).toEqual({
        groups: [
          { id: 'G1', name: '机电组' },
          { id: 'G2', name: '经济组' },
        ],
        levels: ['associate_senior', 'senior'],
        specialties: ['机械', '电气', '经济'],
      });
    });
  });

  it('listDossiers returns the total with the rows and applies filters', async () => {
    await withSessionHost(async (host) => {
      const all = value<DossierList>(await host.invoke('listDossiers', { sessionId: SESSION_ID }));
      expect(all.total).toBe(4);
      expect(all.rows.map((r) => r.packetNo)).toEqual(['001', '002', '003', '010']);
      const green = value<DossierList>(await host.invoke('listDossiers', { sessionId: SESSION_ID, greenChannel: true, search: '50%' }));
      expect(green).toEqual({ total: 1, rows: [expect.objectContaining({ id: 'D002', eligibility: 'waived' })] });
    });
  });

  it('getDossier masks the ID number, evaluates eligibility at the meeting date and labels achievements', async () => {
    await withSessionHost(async (host) => {
      const d = value<DossierDetail>(await host.invoke('getDossier', { sessionId: SESSION_ID, dossierId: 'D001' }));
      expect(d.idNumberMasked).toBe('2201**********1234');
      expect(JSON.stringify(d)).not.toContain('220102198001011234');
      expect(d.group).toEqual({ id: 'G1', name: '机电组' });
      expect(d.standard).toEqual({ id: 'STD-ENG-SR', name: '工程系列正高级评价标准', version: '2026.1' });
      expect(d.eligibility.overall).toBe('met');
      expect(d.eligibility.conditions.map((c) => [c.ruleId, c.status, c.actual])).toEqual([
        ['edu', 'met', '21'],
        ['years', 'met', '8'],
        ['title', 'met', '高级工程师'],
        ['pledge', 'met', 'true'],
      ]);
      expect(d.achievements).toEqual([
        { field: 'sales', label: '销售额', unit: '元', kind: 'money', value: 12_000_000, note: '2024年' },
        { field: 'papers', label: '论文', unit: '篇', kind: 'count', value: 3, note: null },
      ]);
      expect(d.attachments.map((a) => a.sha256)).toEqual([sha256Hex(ATTACHMENT_BYTES.diploma), sha256Hex(ATTACHMENT_BYTES.award)]);
      expect(d.greenChannelJustification).toBeNull();
    });
  });

  it('getDossier of a green-channel dossier shows the waived conditions and the justification', async () => {
    await withSessionHost(async (host) => {
      const d = value<DossierDetail>(await host.invoke('getDossier', { sessionId: SESSION_ID, dossierId: 'D002' }));
      expect(d.reviewType).toBe('green_channel');
      expect(d.greenChannelJustification).toBe('省级科技进步一等奖');
      expect(d.eligibility.overall).toBe('waived');
      expect(d.eligibility.conditions.map((c) => c.status)).toEqual(['met', 'waived', 'waived', 'met']);
      const d4 = value<DossierDetail>(await host.invoke('getDossier', { sessionId: SESSION_ID, dossierId: 'D004' }));
      expect(d4.eligibility.overall).toBe('not_met');
      expect(d4.commitmentSigned).toBe(false);
    });
  });

  it('getDossier of an unknown dossier is DOSSIER_NOT_FOUND', async () => {
    await withSessionHost(async (host) => {
      const r = await host.invoke('getDossier', { sessionId: SESSION_ID, dossierId: 'D999' });
      expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'DOSSIER_NOT_FOUND', details: { field: 'dossierId', actual: 'D999' } }) });
    });
  });

  it('listExperts puts the chair first', async () => {
    await withSessionHost(async (host) => {
      const experts = value<Array<{ id: string; role: string; groups: string[] }>>(await host.invoke('listExperts', { sessionId: SESSION_ID }));
      expect(experts.map((e) => e.id)).toEqual(['E02', 'E03', 'E01', 'E04', 'E05']);
      expect(experts[0]).toMatchObject({ role: 'chair', groups: ['G1'] });
    });
  });
});
