// Experts' score sheets: assignments, autosaved items, signed submission, chair unlock, progress.
// Independence: every read here returns the caller's own sheet only; nobody else's scores leave the backend.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { AppError } from '../../../shared/errors';
import { signDsse } from '../../../shared/crypto/dsse';
import { fingerprintOf } from '../../../shared/crypto/keyid';
import { checkItemScore, formatPoints, sheetComplete, sheetTotal } from '../../../shared/domain/scoring';
import type { StandardDoc } from '../../../shared/bundle/schema';
import { SHEET_PAYLOAD_TYPE, type SheetPayload } from '../../../shared/bundle/sheets';
import type {
  AssignmentRow,
  Recommendation,
  SaveAck,
  ScoreSheetView,
  ScoringProgress,
  SheetState,
  SubmitReceipt,
  SheetStatusRow,
} from '../../../shared/types';
import { utf8Encode } from '../../../shared/text';
import { inTransaction } from '../db/connection';
import { appendAudit, auditAnchorFields } from '../db/queries/audit';
import { storedContentHash } from '../db/queries/dossiers';
import { dossiersPerGroup, recusalsPerExpertGroup, sheetCountsPerExpertGroup } from '../db/queries/progress';
import { listExperts, listGroups } from '../db/queries/roster';
import {
  copyScores,
  currentSheet,
  currentScoresOfExpert,
  currentSheetsOfDossier,
  insertDraft,
  markSubmitted,
  setItemScore,
  setOpinion,
  sheetScores,
  type SheetRow,
} from '../db/queries/sheets';
import { getStandard, listStandards } from '../db/queries/standards';
import type { Ctx } from '../context';
import { assignedNeighbours, assignmentOf, listAssigned } from '../db/queries/assignments';
import { unlockSecretKey } from './identity';
import { dossierDetail, requireSession } from './sessions';


/** The signed-in expert of this session, or CONTRACT_FORBIDDEN. */
function me(ctx: Ctx, sessionId: string): string {
  const { expertId, sessionId: s } = ctx.caller;
  if (!expertId || s !== sessionId) throw new AppError('CONTRACT_FORBIDDEN', 'sign in as an expert of this session first', { field: 'sessionId' });
  return expertId;
}

/** The expert's list: one indexed query for the rows, one for the scores behind "my total". */
function myList(ctx: Ctx, sessionId: string, expertId: string): AssignmentRow[] {
  const rows = listAssigned(ctx.db, { sessionId, expertId });
  const scores = new Map<string, Record<string, number>>();
  for (const r of currentScoresOfExpert(ctx.db, sessionId, expertId)) {
    const m = scores.get(r.dossierId) ?? {};
    m[r.itemId] = r.value;
    scores.set(r.dossierId, m);
  }
  const standards = new Map<string, StandardDoc | null>();
  const standard = (id: string): StandardDoc | null => {
    if (!standards.has(id)) standards.set(id, getStandard(ctx.db, sessionId, id));
    return standards.get(id) ?? null;
  };
  return rows.map((d) => {
    const std = d.sheetStatus && !d.recusal ? standard(d.standardId) : null;
    return {
      dossierId: d.dossierId,
      packetNo: d.packetNo,
      name: d.name,
      employer: d.employer,
      level: d.level as AssignmentRow['level'],
      reviewType: d.reviewType as AssignmentRow['reviewType'],
      eligibility: d.eligibility as AssignmentRow['eligibility'],
      status: d.recusal !== null ? 'recused' : (d.sheetStatus ?? 'unscored'),
      recusalReason: d.recusal,
      myTotal: std ? sheetTotal(std.items, scores.get(d.dossierId) ?? {}) : null,
    };
  });
}

/**
 * The dossier must be in one of the expert's groups and not recused, or the call is refused (any method,
 * any path). One dossier's check, not the whole list: this runs on every save.
 */
function requireAssigned(ctx: Ctx, sessionId: string, dossierId: string, expertId: string): { standard: StandardDoc } {
  const row = assignmentOf(ctx.db, { sessionId, expertId, dossierId });
  if (!row) throw new AppError('SCORE_NOT_ASSIGNED', `${dossierId} is not assigned to ${expertId}`, { field: 'dossierId', actual: dossierId });
  if (row.recusal !== null) throw new AppError('SCORE_RECUSED', `${expertId} is recused from ${dossierId}`, { field: 'dossierId', actual: dossierId });
  const standard = getStandard(ctx.db, sessionId, row.standardId);
  if (!standard) throw new AppError('INTERNAL', `standard ${row.standardId} missing`);
  return { standard };
}

function sheetState(ctx: Ctx, sessionId: string, dossierId: string, expertId: string, standard: StandardDoc): SheetState {
  const row = currentSheet(ctx.db, sessionId, dossierId, expertId);
  const scores = row ? sheetScores(ctx.db, sessionId, dossierId, expertId, row.version) : {};
  return {
    version: row?.version ?? 1,
    status: row?.status ?? 'draft',
    scores,
    opinion: row?.opinion ?? '',
    recommendation: row?.recommendation ?? null,
    total: sheetTotal(standard.items, scores),
    complete: sheetComplete(standard.items, scores),
    updatedAt: row?.updatedAt ?? null,
    submittedAt: row?.submittedAt ?? null,
    keyid: row?.keyid ?? null,
    fingerprint: row?.keyid ? fingerprintOf(row.keyid) : null,
    unlockReason: row?.unlockReason ?? null,
  };
}

export function listMyDossiers(ctx: Ctx, sessionId: string): AssignmentRow[] {
  requireSession(ctx, sessionId);
  return myList(ctx, sessionId, me(ctx, sessionId));
}

export function getScoreSheet(ctx: Ctx, sessionId: string, dossierId: string): ScoreSheetView {
  const s = requireSession(ctx, sessionId);
  const expertId = me(ctx, sessionId);
  const { standard } = requireAssigned(ctx, sessionId, dossierId, expertId);
  // Previous/next by indexed probes around this dossier, not by rebuilding the list.
  const { prev, next } = assignedNeighbours(ctx.db, { sessionId, expertId, dossierId });
  return {
    dossier: dossierDetail(ctx, sessionId, dossierId),
    standard,
    sheet: sheetState(ctx, sessionId, dossierId, expertId, standard),
    recommendationEnabled: s.settings.expertRecommendation,
    prevDossierId: prev,
    nextDossierId: next,
  };
}

/** The draft to write into: the current one, or a new version 1. Submitted sheets are refused. */
function draftFor(ctx: Ctx, sessionId: string, dossierId: string, expertId: string, at: string): SheetRow | { version: number } {
  const row = currentSheet(ctx.db, sessionId, dossierId, expertId);
  if (row?.status === 'submitted') throw new AppError('SCORE_LOCKED', `sheet ${dossierId} v${row.version} is submitted`, { field: 'dossierId', actual: dossierId });
  if (row) return row;
  insertDraft(ctx.db, { sessionId, dossierId, expertId, version: 1, at });
  return { version: 1 };
}

function ack(ctx: Ctx, sessionId: string, dossierId: string, expertId: string, standard: StandardDoc, at: string): SaveAck {
  const st = sheetState(ctx, sessionId, dossierId, expertId, standard);
  return { savedAt: at, total: st.total, complete: st.complete };
}

export function saveScore(ctx: Ctx, a: { sessionId: string; dossierId: string; itemId: string; value: number | null }): SaveAck {
  requireSession(ctx, a.sessionId);
  const expertId = me(ctx, a.sessionId);
  const { standard } = requireAssigned(ctx, a.sessionId, a.dossierId, expertId);
  const item = standard.items.find((it) => it.id === a.itemId);
  if (!item) throw new AppError('SCORE_UNKNOWN_ITEM', `no item ${a.itemId}`, { field: a.itemId });
  if (a.value !== null) {
    const problem = checkItemScore(item, a.value);
    if (problem === 'not_on_band') {
      throw new AppError('SCORE_NOT_ON_BAND', `${a.itemId}: not a band score`, {
        field: item.label,
        itemId: item.id,
        expected: (item.bands ?? []).map((b) => `${b.label} ${formatPoints(b.score)}`).join(' / '),
      });
    }
    if (problem) throw new AppError('SCORE_OUT_OF_RANGE', `${a.itemId}: ${problem}`, { field: item.label, itemId: item.id, limit: formatPoints(item.max) });
  }
  const at = new Date().toISOString();
  inTransaction(ctx.db, () => {
    const draft = draftFor(ctx, a.sessionId, a.dossierId, expertId, at);
    setItemScore(ctx.db, { sessionId: a.sessionId, dossierId: a.dossierId, expertId, version: draft.version, itemId: a.itemId, value: a.value, at });
    appendAudit(ctx.db, { sessionId: a.sessionId, actor: `expert:${expertId}`, kind: 'score.saved', payload: { dossierId: a.dossierId, version: draft.version, itemId: a.itemId, value: a.value }, at });
  });
  return ack(ctx, a.sessionId, a.dossierId, expertId, standard, at);
}

export function saveOpinion(ctx: Ctx, a: { sessionId: string; dossierId: string; opinion?: string | undefined; recommendation?: Recommendation | null | undefined }): SaveAck {
  requireSession(ctx, a.sessionId);
  const expertId = me(ctx, a.sessionId);
  const { standard } = requireAssigned(ctx, a.sessionId, a.dossierId, expertId);
  const at = new Date().toISOString();
  inTransaction(ctx.db, () => {
    const draft = draftFor(ctx, a.sessionId, a.dossierId, expertId, at);
    setOpinion(ctx.db, { sessionId: a.sessionId, dossierId: a.dossierId, expertId, version: draft.version, opinion: a.opinion, recommendation: a.recommendation, at });
    appendAudit(ctx.db, {
      sessionId: a.sessionId,
      actor: `expert:${expertId}`,
      kind: 'opinion.saved',
      payload: { dossierId: a.dossierId, version: draft.version, ...(a.opinion !== undefined ? { opinionChars: a.opinion.length } : {}), ...(a.recommendation !== undefined ? { recommendation: a.recommendation } : {}) },
      at,
    });
  });
  return ack(ctx, a.sessionId, a.dossierId, expertId, standard, at);
}

export function submitSheet(ctx: Ctx, a: { sessionId: string; dossierId: string; passphrase: string }): SubmitReceipt {
  requireSession(ctx, a.sessionId);
  const expertId = me(ctx, a.sessionId);
  const { standard } = requireAssigned(ctx, a.sessionId, a.dossierId, expertId);
  const row = currentSheet(ctx.db, a.sessionId, a.dossierId, expertId);
  if (row?.status === 'submitted') throw new AppError('SCORE_LOCKED', 'already submitted', { field: 'dossierId', actual: a.dossierId });
  const scores = row ? sheetScores(ctx.db, a.sessionId, a.dossierId, expertId, row.version) : {};
  const missing = standard.items.filter((it) => scores[it.id] === undefined);
  if (!row || missing.length > 0) {
    throw new AppError('SCORE_INCOMPLETE', `${missing.length || standard.items.length} items not scored`, { count: missing.length || standard.items.length });
  }
  const { secretKey, key } = unlockSecretKey(ctx, a.sessionId, expertId, a.passphrase);
  try {
    const at = new Date().toISOString();
    return inTransaction(ctx.db, () => {
      const contentHash = storedContentHash(ctx.db, a.sessionId, a.dossierId);
      if (contentHash === null) throw new AppError('INTERNAL', `dossier ${a.dossierId} missing`);
      const payload: SheetPayload = {
        type: 'paneldesk.scoresheet/v1',
        sessionId: a.sessionId,
        dossierId: a.dossierId,
        dossierContentHash: contentHash,
        standardId: standard.id,
        standardVersion: standard.version,
        expertId,
        keyid: key.keyid,
        version: row.version,
        scores: standard.items.map((it) => ({ itemId: it.id, value: scores[it.id] as number })),
        total: sheetTotal(standard.items, scores),
        opinion: row.opinion,
        recommendation: row.recommendation,
        ...auditAnchorFields(ctx.db),
        signedAt: at,
      };
      const body = canonicalize(payload) ?? '';
      const envelope = signDsse(SHEET_PAYLOAD_TYPE, utf8Encode(body), secretKey);
      const payloadSha256 = createHash('sha256').update(body).digest('hex');
      markSubmitted(ctx.db, { sessionId: a.sessionId, dossierId: a.dossierId, expertId, version: row.version, at, keyid: key.keyid, envelopeJson: JSON.stringify(envelope), payloadSha256 });
      appendAudit(ctx.db, { sessionId: a.sessionId, actor: `expert:${expertId}`, kind: 'sheet.submitted', payload: { dossierId: a.dossierId, version: row.version, keyid: key.keyid, payloadSha256 }, at });
      return { version: row.version, submittedAt: at, keyid: key.keyid, fingerprint: fingerprintOf(key.keyid) };
    });
  } finally {
    secretKey.fill(0);
  }
}

function summaries(ctx: Ctx, sessionId: string, dossierId: string): SheetStatusRow[] {
  const names = new Map(listExperts(ctx.db, sessionId).map((e) => [e.id, e.name]));
  return currentSheetsOfDossier(ctx.db, sessionId, dossierId).map((r) => ({
    expertId: r.expertId,
    expertName: names.get(r.expertId) ?? r.expertId,
    version: r.version,
    status: r.status,
    submittedAt: r.submittedAt,
    unlockReason: r.unlockReason,
  }));
}

export function listSheetStatus(ctx: Ctx, sessionId: string, dossierId: string): SheetStatusRow[] {
  requireSession(ctx, sessionId);
  return summaries(ctx, sessionId, dossierId);
}

/** Chair: a new draft version copied from the submitted one, with the reason; the signed version stays. */
export function unlockSheet(ctx: Ctx, a: { sessionId: string; dossierId: string; expertId: string; reason: string }): SheetStatusRow {
  requireSession(ctx, a.sessionId);
  const chair = me(ctx, a.sessionId);
  const row = currentSheet(ctx.db, a.sessionId, a.dossierId, a.expertId);
  if (!row || row.status !== 'submitted') throw new AppError('SCORE_NOT_SUBMITTED', 'nothing to unlock', { field: 'expertId', actual: a.expertId });
  const at = new Date().toISOString();
  inTransaction(ctx.db, () => {
    const next = row.version + 1;
    insertDraft(ctx.db, { sessionId: a.sessionId, dossierId: a.dossierId, expertId: a.expertId, version: next, at, opinion: row.opinion, recommendation: row.recommendation, unlockReason: a.reason });
    copyScores(ctx.db, { sessionId: a.sessionId, dossierId: a.dossierId, expertId: a.expertId, from: row.version, to: next, at });
    appendAudit(ctx.db, { sessionId: a.sessionId, actor: `chair:${chair}`, kind: 'sheet.unlocked', payload: { dossierId: a.dossierId, expertId: a.expertId, from: row.version, to: next, reason: a.reason }, at });
  });
  const s = summaries(ctx, a.sessionId, a.dossierId).find((x) => x.expertId === a.expertId);
  if (!s) throw new AppError('INTERNAL', 'unlocked sheet missing');
  return s;
}

/**
 * Counts only: who has scored, submitted, what remains, who is recused. Never a score. Three aggregate
 * queries (dossiers per group, recusals and current sheets per expert and group), summed here.
 */
export function scoringProgress(ctx: Ctx, sessionId: string): ScoringProgress {
  requireSession(ctx, sessionId);
  const experts = listExperts(ctx.db, sessionId);
  const groupNames = new Map(listGroups(ctx.db, sessionId).map((g) => [g.id, g.name]));
  const itemsPerStandard = new Map(listStandards(ctx.db, sessionId).map((s) => [s.id, s.items.length]));
  const dossiersIn = new Map(dossiersPerGroup(ctx.db, sessionId).map((r) => [r.groupId, r.n]));
  const key = (expertId: string, groupId: string): string => JSON.stringify([expertId, groupId]);
  const recused = new Map(recusalsPerExpertGroup(ctx.db, sessionId).map((r) => [key(r.expertId, r.groupId), r.n]));
  const sheets = new Map<string, { scored: number; submitted: number }>();
  for (const r of sheetCountsPerExpertGroup(ctx.db, sessionId)) {
    const k = key(r.expertId, r.groupId);
    const c = sheets.get(k) ?? { scored: 0, submitted: 0 };
    if (r.status === 'submitted') {
      c.submitted += r.n;
      c.scored += r.n;
    } else if (r.items === itemsPerStandard.get(r.standardId)) c.scored += r.n;
    sheets.set(k, c);
  }
  const perGroup = new Map<string, { dossiers: number; expected: number; submitted: number; recused: number }>();
  for (const g of groupNames.keys()) perGroup.set(g, { dossiers: dossiersIn.get(g) ?? 0, expected: 0, submitted: 0, recused: 0 });
  const rows = experts.map((e) => {
    let assigned = 0;
    let scored = 0;
    let submitted = 0;
    let rec = 0;
    for (const groupId of new Set(e.groups)) {
      const k = key(e.id, groupId);
      const r = recused.get(k) ?? 0;
      const mine = (dossiersIn.get(groupId) ?? 0) - r;
      const c = sheets.get(k) ?? { scored: 0, submitted: 0 };
      rec += r;
      assigned += mine;
      scored += c.scored;
      submitted += c.submitted;
      const g = perGroup.get(groupId);
      if (g) {
        g.recused += r;
        g.expected += mine;
        g.submitted += c.submitted;
      }
    }
    return { expertId: e.id, name: e.name, groups: e.groups.map((g) => groupNames.get(g) ?? g), assigned, scored, submitted, remaining: assigned - submitted, recused: rec };
  });
  return {
    experts: rows,
    groups: [...perGroup.entries()].map(([groupId, g]) => ({
      groupId,
      name: groupNames.get(groupId) ?? groupId,
      dossiers: g.dossiers,
      sheetsExpected: g.expected,
      submitted: g.submitted,
      remaining: g.expected - g.submitted,
      recused: g.recused,
    })),
  };
}
