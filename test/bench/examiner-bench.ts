// Section 8: the examiner's analysis at scale — 5,000 dossiers × 25 experts, every group member's submitted sheet
// (written straight to SQLite; scoring is bench 2-3). Times building the plain data shape from SQLite, the pure
// analysis (statistics + every anomaly rule), the whole contract call, and a 10% stratified spot check, against
// the reference: one bare SQLite scan of every score item (what any analysis must read at least). Asserts nothing.
import path from 'node:path';
import Database from 'better-sqlite3';
import type { MethodName, MethodOutput } from '../../shared/contract';
import { analyseGroups } from '../../shared/examiner/analysis';
import { findAnomalies } from '../../shared/examiner/anomalies';
import { drawSample } from '../../shared/examiner/sample';
import { DEFAULT_THRESHOLDS } from '../../shared/examiner/thresholds';
import { createHost } from '../../electron/backend/host';
import { writeSessionBundle } from '../../electron/backend/bundles/writer';
import { buildDemoSession } from '../../electron/backend/demo/demo-session';
import { openDatabase } from '../../electron/backend/db/connection';
import { examinerData } from '../../electron/backend/services/examiner-data';
import { RESOURCES } from '../fixtures/demo-host';
import { fmtMs, median, mkTmp, printTable, rmTmp, round } from './stats';

export const EXAMINER_DOSSIERS = 5000;
export const EXAMINER_EXPERTS = 25;
const RUNS = 5;

export interface ExaminerBench {
  dossiers: number;
  experts: number;
  sheets: number;
  items: number;
  anomalies: number;
  referenceScanMs: number;
  adapterMs: number;
  analysisMs: number;
  contractMs: number;
  sampleMs: number;
  xRef: number;
}

async function medianOf(fn: () => unknown | Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

export async function benchExaminer(): Promise<ExaminerBench> {
  const dir = mkTmp('examiner');
  try {
    const demo = buildDemoSession({ dossiers: EXAMINER_DOSSIERS, experts: EXAMINER_EXPERTS, attachmentsPerDossier: 0, seed: 12 });
    const file = path.join(dir, 'examiner.pdbundle');
    await writeSessionBundle(file, demo.content, demo.blobs);
    const host = createHost({ dataDir: path.join(dir, 'data'), resourcesDir: RESOURCES, host: 'cli', appVersion: 'bench', scryptLogN: 10 });
    const call = async <M extends MethodName>(method: M, input: unknown): Promise<MethodOutput<M>> => {
      const r = await host.invoke(method, input);
      if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
      return r.value as MethodOutput<M>;
    };
    await call('setUpDesk', { passphrase: 'bench secretary pass' });
    const events: Array<{ type: string; jobId?: string }> = [];
    const off = host.onEvent((e) => events.push(e));
    const { jobId } = await call('startImport', { path: host.grantFile(file, 'open') });
    while (!events.some((e) => (e.type === 'job.done' || e.type === 'job.failed') && e.jobId === jobId)) await new Promise((r) => setTimeout(r, 20));
    off();
    const sessionId = demo.content.session.sessionId;

    // Every member's sheet, valid for the dossier's standard (on a band where banded), one expert per group skewed.
    const db = new Database(path.join(dir, 'data', 'paneldesk.sqlite'));
    let sheets = 0;
    let items = 0;
    db.transaction(() => {
      const sheet = db.prepare("INSERT INTO score_sheet (session_id, dossier_id, expert_id, version, status, recommendation, updated_at) VALUES (?, ?, ?, 1, 'draft', ?, 't')");
      const item = db.prepare('INSERT INTO score_item (session_id, dossier_id, expert_id, version, item_id, value, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?)');
      const submit = db.prepare("UPDATE score_sheet SET status = 'submitted', submitted_at = ? WHERE session_id = ? AND dossier_id = ? AND expert_id = ?");
      const members = new Map(demo.content.groups.map((g) => [g.id, g.members]));
      const standards = new Map(demo.content.standards.map((s) => [s.id, s]));
      demo.content.dossiers.forEach((d, i) => {
        const q = 0.45 + ((i * 37) % 50) / 100;
        for (const [k, e] of (members.get(d.groupId) ?? []).entries()) {
          const shift = k === 0 ? -0.3 : ((k % 5) - 2) * 0.01;
          sheet.run(sessionId, d.id, e, q + shift >= 0.6 ? 'agree' : 'disagree');
          for (const it of standards.get(d.standardId)?.items ?? []) {
            const target = Math.max(0, Math.min(1, q + shift)) * it.max;
            const v = it.bands && it.bands.length > 0 ? it.bands.reduce((b, x) => (Math.abs(x.score - target) < Math.abs(b - target) ? x.score : b), it.bands[0]?.score ?? 0) : Math.round(target);
            item.run(sessionId, d.id, e, it.id, v, 't');
            items++;
          }
          submit.run('2026-12-02T10:00:00.000Z', sessionId, d.id, e);
          sheets++;
        }
      });
    })();
    db.close();

    const live = openDatabase(path.join(dir, 'data'));
    const referenceScanMs = await medianOf(() => live.prepare('SELECT dossier_id, expert_id, item_id, value FROM score_item WHERE session_id = ?').all(sessionId));
    let data = examinerData(live, sessionId);
    const adapterMs = await medianOf(() => {
      data = examinerData(live, sessionId);
    });
    let anomalies = 0;
    const analysisMs = await medianOf(() => {
      anomalies = findAnomalies(data, DEFAULT_THRESHOLDS, analyseGroups(data)).length;
    });
    const units = data.dossiers.map((d) => ({ id: d.id, groupId: d.groupId }));
    const sampleMs = await medianOf(() => drawSample(units, data.bundleHash, { rate: 0.1, stratified: true, salt: 'bench' }));
    live.close();
    await call('setExaminerPassphrase', { passphrase: 'bench examiner pass' });
    await call('signInExaminer', { passphrase: 'bench examiner pass' });
    const contractMs = await medianOf(() => call('getExaminerAnalysis', { sessionId }));
    host.close();
    return { dossiers: EXAMINER_DOSSIERS, experts: EXAMINER_EXPERTS, sheets, items, anomalies, referenceScanMs, adapterMs, analysisMs, contractMs, sampleMs, xRef: round(contractMs / referenceScanMs, 2) };
  } finally {
    rmTmp(dir);
  }
}

export function printExaminer(b: ExaminerBench): void {
  printTable(
    `8. examiner analysis, ${b.dossiers.toLocaleString('en')} dossiers × ${b.experts} experts: ${b.sheets} sheets, ${b.items} items, ${b.anomalies} anomalies (median of ${RUNS})`,
    ['step', 'ms', '× reference'],
    [
      ['reference: bare SQLite scan of every score item', fmtMs(b.referenceScanMs), '1'],
      ['SQLite → plain data shape (backend adapter)', fmtMs(b.adapterMs), String(round(b.adapterMs / b.referenceScanMs, 2))],
      ['analysis: statistics + every anomaly rule (pure)', fmtMs(b.analysisMs), String(round(b.analysisMs / b.referenceScanMs, 2))],
      ['getExaminerAnalysis through the contract', fmtMs(b.contractMs), String(b.xRef)],
      ['10% stratified spot check (HMAC stream + Fisher–Yates)', fmtMs(b.sampleMs), String(round(b.sampleMs / b.referenceScanMs, 2))],
    ],
  );
}
