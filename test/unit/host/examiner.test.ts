// The examiner's workspace through the contract on the demo session: one group scored with one skewed expert,
// the anomaly and its evidence, a dossier's sheets side by side, thresholds, a reproducible spot check, findings,
// the signed statement (verified with the examiner's key) and the Excel workbook read back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import canonicalize from 'canonicalize';
import { hexToBytes } from '@noble/hashes/utils.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyDsse } from '../../../shared/crypto/dsse';
import { utf8Decode } from '../../../shared/text';
import { FINDINGS_PAYLOAD_TYPE } from '../../../shared/examiner/views';
import { openDatabase } from '../../../electron/backend/db/connection';
import { currentDeskKey } from '../../../electron/backend/db/queries/desk-keys';
import { listAudit } from '../../../electron/backend/db/queries/audit';
import type { BackendHost } from '../../../electron/backend/host-types';
import { asSecretary, err, ok, openHost, TEST_SECRETARY_PASS } from '../../fixtures/demo-host';
import { scoreGroup } from '../../fixtures/examiner-scoring';

const PASS = 'examiner test expert';
const EXAMINER_PASS = 'examiner own pass';

let host: BackendHost;
let dir: string;
let sessionId: string;
let skewed: string;
let groupId: string;
let scored: string[];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-examiner-'));
  host = openHost(dir);
  sessionId = (await ok(host, 'openDemo', {})).sessionId;
  const groups = await ok(host, 'listGroups', { sessionId });
  const g = groups.reduce((a, b) => (b.size > a.size ? b : a));
  groupId = g.id;
  const members = g.members.map((m) => m.id);
  skewed = members[0] as string;
  scored = await scoreGroup((m, i) => ok(host, m as never, i), { sessionId, groupId, expertIds: members, passphrase: PASS, skewed, skew: 0.35, secretaryPass: TEST_SECRETARY_PASS });
  await asSecretary(host);
  await ok(host, 'setExaminerPassphrase', { passphrase: EXAMINER_PASS });
  await ok(host, 'signInExaminer', { passphrase: EXAMINER_PASS });
}, 120_000);

afterAll(() => {
  host.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the examiner on live data', () => {
  it('flags the skewed expert with the evidence, and nobody else in the group', async () => {
    const a = await ok(host, 'getExaminerAnalysis', { sessionId });
    expect(scored.length).toBeGreaterThan(3);
    const g = a.groups.find((x) => x.groupId === groupId);
    expect(g?.dossiersScored).toBe(scored.length);
    const len = a.anomalies.filter((x) => x.rule === 'leniency');
    expect(len.map((x) => x.evidence.expertId)).toEqual([skewed]);
    expect(len[0]?.evidence.groupId).toBe(groupId);
    expect(len[0]?.values.deviation as number).toBeLessThan(-a.thresholds.leniencyPoints);
    const stat = g?.experts.find((e) => e.expertId === skewed);
    expect(stat?.z as number).toBeLessThan(-2);
    expect(a.anomalies.filter((x) => x.rule === 'far_z').map((x) => x.evidence.expertId)).toEqual([skewed]);
    // Signed totals agree with their items on live data: no total_mismatch.
    expect(a.anomalies.filter((x) => x.rule === 'total_mismatch')).toEqual([]);
  });

  it("shows one dossier's sheets side by side, item by item", async () => {
    const d = await ok(host, 'getExaminerDossier', { sessionId, dossierId: scored[0] as string });
    expect(d.sheets.length).toBeGreaterThanOrEqual(3);
    for (const s of d.sheets) {
      expect(Object.keys(s.scores).sort()).toEqual(d.items.map((i) => i.id).sort());
      expect(s.statedTotal).toBe(s.total);
    }
    const low = d.sheets.find((s) => s.expertId === skewed);
    expect(low?.total).toBe(Math.min(...d.sheets.map((s) => s.total)));
  });

  it('stores thresholds within bounds; the analysis follows them', async () => {
    const t = await ok(host, 'setExaminerThresholds', { patch: { leniencyPoints: 100_000 } });
    expect(t.leniencyPoints).toBe(100_000);
    expect((await ok(host, 'getExaminerAnalysis', { sessionId })).anomalies.filter((x) => x.rule === 'leniency')).toEqual([]);
    expect((await err(host, 'setExaminerThresholds', { patch: { zScore: 0 } })).code).toBe('CONTRACT_INVALID_INPUT');
    expect((await ok(host, 'setExaminerThresholds', { patch: {}, reset: true })).leniencyPoints).toBe(800);
  });

  it('draws the same 10% spot check twice, refuses a sample larger than the population, records and signs findings', async () => {
    const first = await ok(host, 'drawSpotCheck', { sessionId, rate: 0.1, stratified: true, salt: '2026-12 抽查' });
    const second = await ok(host, 'drawSpotCheck', { sessionId, rate: 0.1, stratified: true, salt: '2026-12 抽查' });
    expect(second.sampleId).toBe(first.sampleId + 1);
    expect(second.dossiers.map((d) => d.id)).toEqual(first.dossiers.map((d) => d.id));
    expect(first.size).toBe(Math.ceil(first.population * 0.1));
    const tooBig = await err(host, 'drawSpotCheck', { sessionId, size: first.population + 1, stratified: false, salt: 'x' });
    expect(tooBig).toMatchObject({ code: 'EXAMINER_SAMPLE_TOO_LARGE', details: { field: 'size', limit: first.population } });

    const [d1, d2] = second.dossiers;
    expect((await err(host, 'recordFinding', { sessionId, sampleId: second.sampleId, dossierId: d2?.id, conforms: false, reason: '  ' })).code).toBe('EXAMINER_REASON_REQUIRED');
    const outside = (await ok(host, 'listDossiers', { sessionId })).rows.find((r) => !second.dossiers.some((d) => d.id === r.id));
    expect((await err(host, 'recordFinding', { sessionId, sampleId: second.sampleId, dossierId: outside?.id, conforms: true, reason: '' })).code).toBe('EXAMINER_NOT_IN_SAMPLE');
    await ok(host, 'recordFinding', { sessionId, sampleId: second.sampleId, dossierId: d1?.id, conforms: true, reason: '' });
    const after = await ok(host, 'recordFinding', { sessionId, sampleId: second.sampleId, dossierId: d2?.id, conforms: false, reason: '评分表合计与原件不符' });
    expect(after.findings).toHaveLength(2);

    const analysis = await ok(host, 'getExaminerAnalysis', { sessionId });
    const ack = analysis.anomalies.filter((x) => x.rule === 'leniency').map((x) => x.key);
    expect((await err(host, 'signFindings', { sessionId, passphrase: EXAMINER_PASS, acknowledged: ['nope'] })).code).toBe('EXAMINER_UNKNOWN_ANOMALY');
    expect((await err(host, 'signFindings', { sessionId, passphrase: 'wrong pass 1', acknowledged: ack })).code).toBe('AUTH_BAD_PASSPHRASE');
    const st = await ok(host, 'signFindings', { sessionId, passphrase: EXAMINER_PASS, acknowledged: ack });
    expect(st.version).toBe(1);
    expect(st.payload.findings.map((f) => f.conforms)).toEqual([true, false, ...second.dossiers.slice(2).map(() => null)]);
    expect(st.payload.anomalies.acknowledged.map((x) => x.key)).toEqual(ack);
    expect(st.payload.sample).toMatchObject({ salt: '2026-12 抽查', stratified: true, dossierIds: second.dossiers.map((d) => d.id) });

    // The envelope verifies under the examiner's desk key, over the RFC 8785 form of the payload.
    const db = openDatabase(dir);
    try {
      const key = currentDeskKey(db, 'examiner');
      expect(key?.keyid).toBe(st.keyid);
      const v = verifyDsse(st.envelope, FINDINGS_PAYLOAD_TYPE, [{ keyid: st.keyid, publicKey: hexToBytes(key?.publicKey ?? '') }]);
      expect(v.ok).toBe(true);
      if (v.ok) expect(utf8Decode(v.payload)).toBe(canonicalize(st.payload));
      const kinds = listAudit(db).map((e) => e.kind);
      expect(kinds.filter((k) => k === 'examiner.sample_drawn')).toHaveLength(2);
      expect(kinds.filter((k) => k === 'examiner.finding_recorded')).toHaveLength(2);
      expect(kinds).toContain('examiner.findings_signed');
    } finally {
      db.close();
    }
    expect((await ok(host, 'getFindingsStatement', { sessionId }))?.payloadSha256).toBe(st.payloadSha256);
  });

  it('exports the findings as an Excel workbook that reads back', async () => {
    const file = path.join(dir, '审核结论.xlsx');
    const labels = { sheets: { statement: '结论', spotCheck: '抽查', anomalies: '异常', experts: '专家' }, columns: { conforms: '符合', notConforms: '不符合', notChecked: '未检查' }, rules: { leniency: '宽严偏差' }, severities: { medium: '中' }, summary: ['审核结论'] };
    const r = await ok(host, 'exportFindingsExcel', { sessionId, path: host.grantFile(file, 'save'), labels });
    expect(r.rows).toBeGreaterThan(0);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['结论', '抽查', '异常', '专家']);
    const spot = wb.getWorksheet('抽查');
    expect(spot?.getRow(2).getCell(3).value).toBe('符合');
    expect(spot?.getRow(3).getCell(3).value).toBe('不符合');
    expect(spot?.getRow(3).getCell(4).value).toBe('评分表合计与原件不符');
    const anomalies = wb.getWorksheet('异常');
    const rules = [];
    for (let i = 2; i <= (anomalies?.rowCount ?? 0); i++) rules.push(anomalies?.getRow(i).getCell(2).value);
    expect(rules).toContain('宽严偏差');
    const statement = wb.getWorksheet('结论');
    const values = statement?.getSheetValues().flat().filter((v) => typeof v === 'string') as string[];
    expect(values).toContain((await ok(host, 'getFindingsStatement', { sessionId }))?.payloadSha256);
  });

  it('refuses the secretary, who never reads scores: no analysis, no sheets side by side, no sample, no findings', async () => {
    await asSecretary(host);
    expect((await err(host, 'getExaminerAnalysis', { sessionId })).code).toBe('CONTRACT_FORBIDDEN');
    expect((await err(host, 'getExaminerDossier', { sessionId, dossierId: scored[0] })).code).toBe('CONTRACT_FORBIDDEN');
    expect((await err(host, 'getSpotCheck', { sessionId })).code).toBe('CONTRACT_FORBIDDEN');
    expect((await err(host, 'getFindingsStatement', { sessionId })).code).toBe('CONTRACT_FORBIDDEN');
    expect((await err(host, 'recordFinding', { sessionId, sampleId: 1, dossierId: scored[0], conforms: true, reason: '' })).code).toBe('CONTRACT_FORBIDDEN');
  });
});
