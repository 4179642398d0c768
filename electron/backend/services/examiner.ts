// The examiner's workspace on the live session (issue 11): analysis and anomalies, one dossier's sheets side by
// side, thresholds, reproducible spot checks with findings, and the signed findings statement. Every write is on
// the audit chain. The analysis itself is pure (shared/examiner/); examiner-data.ts builds its input.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { AppError } from '../../../shared/errors';
import { signDsse } from '../../../shared/crypto/dsse';
import { fingerprintOf } from '../../../shared/crypto/keyid';
import { analyseGroups, sheetSum } from '../../../shared/examiner/analysis';
import { findAnomalies } from '../../../shared/examiner/anomalies';
import { drawSample, SAMPLE_ALGORITHM } from '../../../shared/examiner/sample';
import { DEFAULT_THRESHOLDS, THRESHOLD_KEYS, type ExaminerThresholds } from '../../../shared/examiner/thresholds';
import {
  FINDINGS_PAYLOAD_TYPE,
  type ExaminerAnalysisView,
  type ExaminerDossierView,
  type FindingsPayload,
  type FindingsStatementView,
  type SpotCheckView,
} from '../../../shared/examiner/views';
import { utf8Decode, utf8Encode } from '../../../shared/text';
import { fromBase64 } from '../../../shared/crypto/base64';
import { inTransaction } from '../db/connection';
import { appendAudit, auditAnchorFields } from '../db/queries/audit';
import { currentDeskKey } from '../db/queries/desk-keys';
import { getSample, insertSample, insertStatement, latestStatement, listFindings, upsertFinding, type SampleRow } from '../db/queries/examiner';
import { getPref, setPref } from '../db/queries/prefs';
import { getStandard } from '../db/queries/standards';
import type { Ctx } from '../context';
import { checkDeskPassphrase } from './desk';
import { createDeskKey, unlockDeskKey } from './desk-keys';
import { examinerData } from './examiner-data';
import { requireSession } from './sessions';

const PREF = 'examinerThresholds';

export function readThresholds(ctx: Ctx): ExaminerThresholds {
  const raw = getPref(ctx.db, PREF);
  if (!raw) return { ...DEFAULT_THRESHOLDS };
  try {
    const stored = JSON.parse(raw) as Partial<ExaminerThresholds>;
    const out = { ...DEFAULT_THRESHOLDS };
    for (const k of THRESHOLD_KEYS) if (typeof stored[k] === 'number') out[k] = stored[k];
    return out;
  } catch {
    return { ...DEFAULT_THRESHOLDS };
  }
}

/** Changes some thresholds (bounds checked by the contract); back to the defaults with `reset`. */
export function setThresholds(ctx: Ctx, a: { patch: Partial<ExaminerThresholds>; reset?: boolean | undefined }): ExaminerThresholds {
  const next = a.reset ? { ...DEFAULT_THRESHOLDS } : readThresholds(ctx);
  for (const k of THRESHOLD_KEYS) {
    const v = a.patch[k];
    if (v !== undefined) next[k] = v;
  }
  inTransaction(ctx.db, () => {
    setPref(ctx.db, PREF, JSON.stringify(next));
    appendAudit(ctx.db, { sessionId: null, actor: 'examiner', kind: 'examiner.thresholds_set', payload: { ...next } });
  });
  return next;
}

export function examinerAnalysis(ctx: Ctx, sessionId: string): ExaminerAnalysisView {
  requireSession(ctx, sessionId);
  const data = examinerData(ctx.db, sessionId);
  const thresholds = readThresholds(ctx);
  const analysis = analyseGroups(data);
  return {
    sessionId,
    bundleHash: data.bundleHash,
    thresholds,
    groups: analysis.groups,
    rounds: analysis.rounds,
    anomalies: findAnomalies(data, thresholds, analysis),
    experts: data.experts,
    dossiers: data.dossiers.map(({ id, packetNo, name, groupId }) => ({ id, packetNo, name, groupId })),
    sheetsCounted: data.sheets.filter((s) => s.status === 'submitted').length,
  };
}

export function examinerDossier(ctx: Ctx, a: { sessionId: string; dossierId: string }): ExaminerDossierView {
  requireSession(ctx, a.sessionId);
  const data = examinerData(ctx.db, a.sessionId);
  const d = data.dossiers.find((x) => x.id === a.dossierId);
  if (!d) throw new AppError('DOSSIER_NOT_FOUND', `no dossier ${a.dossierId}`, { field: 'dossierId', actual: a.dossierId });
  const std = getStandard(ctx.db, a.sessionId, d.standardId);
  const group = data.groups.find((g) => g.id === d.groupId);
  const names = new Map(data.experts.map((e) => [e.id, e.name]));
  const recused = new Set(data.recusals.filter((r) => r.dossierId === d.id).map((r) => r.expertId));
  const sheets = data.sheets
    .filter((s) => s.dossierId === d.id)
    .sort((x, y) => (x.expertId < y.expertId ? -1 : 1))
    .map((s) => ({
      expertId: s.expertId,
      expertName: names.get(s.expertId) ?? s.expertId,
      version: s.version,
      status: s.status,
      scores: s.scores,
      total: sheetSum(s),
      statedTotal: s.statedTotal,
      recommendation: s.recommendation,
      submittedAt: s.submittedAt,
      recused: recused.has(s.expertId),
    }));
  const withSheet = new Set(sheets.map((s) => s.expertId));
  return {
    dossier: { id: d.id, packetNo: d.packetNo, name: d.name, groupId: d.groupId, groupName: group?.name ?? d.groupId },
    items: (std?.items ?? []).map((i) => ({ id: i.id, label: i.label, group: i.group, max: i.max, bands: i.bands && i.bands.length > 0 ? i.bands.map((b) => b.score) : null })),
    sheets,
    without: (group?.memberIds ?? []).filter((e) => !withSheet.has(e)).map((e) => ({ expertId: e, expertName: names.get(e) ?? e, recused: recused.has(e) })),
  };
}

function dossierRefs(ctx: Ctx, sessionId: string): Map<string, { id: string; packetNo: string; name: string; groupId: string }> {
  const rows = ctx.db.prepare('SELECT id, packet_no AS packetNo, name, group_id AS groupId FROM dossier WHERE session_id = ?').all(sessionId) as Array<{
    id: string;
    packetNo: string;
    name: string;
    groupId: string;
  }>;
  return new Map(rows.map((r) => [r.id, r]));
}

function spotCheckView(ctx: Ctx, sessionId: string, s: SampleRow): SpotCheckView {
  const refs = dossierRefs(ctx, sessionId);
  return {
    sampleId: s.id,
    algorithm: SAMPLE_ALGORITHM,
    bundleHash: s.bundleHash,
    salt: s.salt,
    stratified: s.stratified,
    size: s.dossierIds.length,
    sizeAsked: s.sizeAsked,
    rateAsked: s.rateAsked,
    population: s.population,
    drawnAt: s.drawnAt,
    dossiers: s.dossierIds.map((id) => refs.get(id) ?? { id, packetNo: '', name: '', groupId: '' }),
    findings: listFindings(ctx.db, sessionId, s.id),
  };
}

/** Draws a spot check seeded by the imported bundle's hash and the salt, and records it. */
export function drawSpotCheck(ctx: Ctx, a: { sessionId: string; size?: number | undefined; rate?: number | undefined; stratified: boolean; salt: string }): SpotCheckView {
  const session = requireSession(ctx, a.sessionId);
  const units = [...dossierRefs(ctx, a.sessionId).values()].map((d) => ({ id: d.id, groupId: d.groupId }));
  const drawn = drawSample(units, session.bundleHash, { size: a.size, rate: a.rate, stratified: a.stratified, salt: a.salt });
  const at = new Date().toISOString();
  const id = inTransaction(ctx.db, () => {
    const sampleId = insertSample(ctx.db, a.sessionId, {
      bundleHash: session.bundleHash,
      salt: a.salt,
      stratified: a.stratified,
      sizeAsked: a.size ?? null,
      rateAsked: a.size === undefined ? (a.rate ?? null) : null,
      population: drawn.population,
      dossierIds: drawn.dossierIds,
      drawnAt: at,
    });
    appendAudit(ctx.db, {
      sessionId: a.sessionId,
      actor: 'examiner',
      kind: 'examiner.sample_drawn',
      payload: { sampleId, salt: a.salt, stratified: a.stratified, size: drawn.size, population: drawn.population, dossierIds: drawn.dossierIds },
      at,
    });
    return sampleId;
  });
  return spotCheckView(ctx, a.sessionId, getSample(ctx.db, a.sessionId, id) as SampleRow);
}

export function latestSpotCheck(ctx: Ctx, sessionId: string): SpotCheckView | null {
  requireSession(ctx, sessionId);
  const s = getSample(ctx.db, sessionId);
  return s ? spotCheckView(ctx, sessionId, s) : null;
}

export function recordFinding(ctx: Ctx, a: { sessionId: string; sampleId: number; dossierId: string; conforms: boolean; reason: string }): SpotCheckView {
  requireSession(ctx, a.sessionId);
  const s = getSample(ctx.db, a.sessionId, a.sampleId);
  if (!s) throw new AppError('EXAMINER_SAMPLE_NOT_FOUND', `no sample ${a.sampleId}`, { field: 'sampleId', actual: String(a.sampleId) });
  if (!s.dossierIds.includes(a.dossierId)) throw new AppError('EXAMINER_NOT_IN_SAMPLE', `${a.dossierId} is not in sample ${a.sampleId}`, { field: 'dossierId', actual: a.dossierId });
  const reason = a.reason.trim();
  if (!a.conforms && reason.length === 0) throw new AppError('EXAMINER_REASON_REQUIRED', 'a finding of non-conformity needs its reason', { field: 'reason', dossierId: a.dossierId });
  const at = new Date().toISOString();
  inTransaction(ctx.db, () => {
    upsertFinding(ctx.db, { sessionId: a.sessionId, sampleId: a.sampleId, dossierId: a.dossierId, conforms: a.conforms, reason, at });
    appendAudit(ctx.db, { sessionId: a.sessionId, actor: 'examiner', kind: 'examiner.finding_recorded', payload: { sampleId: a.sampleId, dossierId: a.dossierId, conforms: a.conforms, reason }, at });
  });
  return spotCheckView(ctx, a.sessionId, s);
}

function statementView(row: { version: number; keyid: string; envelopeJson: string; payloadSha256: string; signedAt: string }): FindingsStatementView {
  const envelope = JSON.parse(row.envelopeJson) as FindingsStatementView['envelope'];
  const payload = JSON.parse(utf8Decode(fromBase64(envelope.payload) ?? new Uint8Array())) as FindingsPayload;
  return { version: row.version, keyid: row.keyid, fingerprint: fingerprintOf(row.keyid), payloadSha256: row.payloadSha256, signedAt: row.signedAt, payload, envelope };
}

export function findingsStatement(ctx: Ctx, sessionId: string): FindingsStatementView | null {
  requireSession(ctx, sessionId);
  const row = latestStatement(ctx.db, sessionId);
  return row ? statementView(row) : null;
}

/**
 * The examiner signs, with the examiner's desk key (their own passphrase), the findings statement: the bundle hash,
 * the latest sample with its seed and salt, every sampled dossier's finding (null where none was recorded), the
 * thresholds and the anomalies acknowledged. Each acknowledged key must be an anomaly shown now.
 */
export function signFindings(ctx: Ctx, a: { sessionId: string; passphrase: string; acknowledged: string[] }): FindingsStatementView {
  const session = requireSession(ctx, a.sessionId);
  const sample = getSample(ctx.db, a.sessionId);
  if (!sample) throw new AppError('EXAMINER_SAMPLE_NOT_FOUND', 'draw a spot check before signing', { field: 'sampleId' });
  const analysis = examinerAnalysis(ctx, a.sessionId);
  const byKey = new Map(analysis.anomalies.map((x) => [x.key, x]));
  for (const k of a.acknowledged) if (!byKey.has(k)) throw new AppError('EXAMINER_UNKNOWN_ANOMALY', `no anomaly ${k}`, { field: 'acknowledged', actual: k.slice(0, 200) });
  checkDeskPassphrase(ctx, a.passphrase, 'examiner');
  if (!currentDeskKey(ctx.db, 'examiner')) createDeskKey(ctx, 'examiner', a.passphrase, 'examiner');
  const { secretKey, key } = unlockDeskKey(ctx, 'examiner', a.passphrase);
  try {
    const refs = dossierRefs(ctx, a.sessionId);
    const found = new Map(listFindings(ctx.db, a.sessionId, sample.id).map((f) => [f.dossierId, f]));
    return inTransaction(ctx.db, () => {
      const version = (latestStatement(ctx.db, a.sessionId)?.version ?? 0) + 1;
      const signedAt = new Date().toISOString();
      const payload: FindingsPayload = {
        type: 'paneldesk.examiner-findings/v1',
        sessionId: a.sessionId,
        bundleHash: session.bundleHash,
        version,
        keyid: key.keyid,
        sample: {
          id: sample.id,
          algorithm: SAMPLE_ALGORITHM,
          salt: sample.salt,
          stratified: sample.stratified,
          sizeAsked: sample.sizeAsked,
          rateAsked: sample.rateAsked,
          population: sample.population,
          dossierIds: sample.dossierIds,
        },
        findings: sample.dossierIds.map((id) => {
          const f = found.get(id);
          const r = refs.get(id);
          return { dossierId: id, packetNo: r?.packetNo ?? '', name: r?.name ?? '', conforms: f ? f.conforms : null, reason: f?.reason ?? '' };
        }),
        anomalies: {
          thresholds: analysis.thresholds,
          total: analysis.anomalies.length,
          acknowledged: [...new Set(a.acknowledged)].sort().map((k) => {
            const x = byKey.get(k) as (typeof analysis.anomalies)[number];
            return { key: k, rule: x.rule, severity: x.severity };
          }),
        },
        ...auditAnchorFields(ctx.db),
        signedAt,
      };
      const body = canonicalize(payload) ?? '';
      const envelope = signDsse(FINDINGS_PAYLOAD_TYPE, utf8Encode(body), secretKey);
      const payloadSha256 = createHash('sha256').update(body).digest('hex');
      const row = { version, keyid: key.keyid, envelopeJson: JSON.stringify(envelope), payloadSha256, signedAt };
      insertStatement(ctx.db, a.sessionId, row);
      appendAudit(ctx.db, { sessionId: a.sessionId, actor: 'examiner', kind: 'examiner.findings_signed', payload: { version, keyid: key.keyid, payloadSha256, sampleId: sample.id }, at: signedAt });
      return statementView(row);
    });
  } finally {
    secretKey.fill(0);
  }
}
