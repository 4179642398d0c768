// The anomaly rules of issue 11 item 4 that the data supports, each with its rule id, a severity and the
// evidence (dossier, expert, sheet version, round, audit seq). Thresholds: ./thresholds.ts; every rule, its
// threshold and its reference: docs/examiner.md.
import { checkItemScore } from '../domain/scoring';
import { analyseGroups, countedSheets, sheetSum, type GroupAnalysis } from './analysis';
import type { ExaminerData, ExSheet } from './data';
import type { ExaminerThresholds } from './thresholds';

export const RULES = [
  'total_mismatch',
  'out_of_range',
  'off_band',
  'missing_sheet',
  'recused_sheet',
  'recused_vote',
  'near_identical',
  'far_z',
  'leniency',
  'low_agreement',
  'vote_contradiction',
  'fast_submit',
  'late_vote',
] as const;
export type RuleId = (typeof RULES)[number];
export type Severity = 'high' | 'medium' | 'low';

export const RULE_SEVERITY: Readonly<Record<RuleId, Severity>> = Object.freeze({
  total_mismatch: 'high',
  out_of_range: 'high',
  off_band: 'medium',
  missing_sheet: 'medium',
  recused_sheet: 'high',
  recused_vote: 'high',
  near_identical: 'medium',
  far_z: 'medium',
  leniency: 'medium',
  low_agreement: 'low',
  vote_contradiction: 'medium',
  fast_submit: 'low',
  late_vote: 'high',
});

export interface Evidence {
  groupId?: string;
  dossierId?: string;
  expertId?: string;
  otherExpertId?: string;
  version?: number;
  itemId?: string;
  roundId?: string;
  /** Further dossiers the finding rests on (near-identical pairs), at most 20. */
  dossierIds?: string[];
  /** Audit log entries that show it. */
  auditSeqs?: number[];
}

export interface Anomaly {
  /** Stable across runs on the same data: what the examiner acknowledges. */
  key: string;
  rule: RuleId;
  severity: Severity;
  evidence: Evidence;
  /** The measured values and the threshold they crossed (hundredths for points). */
  values: Record<string, number | string>;
}

function make(rule: RuleId, evidence: Evidence, values: Anomaly['values']): Anomaly {
  const key = [rule, evidence.groupId, evidence.roundId, evidence.dossierId, evidence.expertId, evidence.otherExpertId, evidence.itemId, evidence.version]
    .map((p) => (p === undefined ? '' : String(p)))
    .join('|');
  return { key, rule, severity: RULE_SEVERITY[rule], evidence, values };
}

const seqs = (...xs: Array<number | null | undefined>): number[] => xs.filter((x): x is number => typeof x === 'number');

function sheetRules(data: ExaminerData, out: Anomaly[]): void {
  const standardOf = new Map(data.standards.map((s) => [s.id, s]));
  const dossier = new Map(data.dossiers.map((d) => [d.id, d]));
  const recused = new Set(data.recusals.map((r) => `${r.expertId}|${r.dossierId}`));
  for (const s of data.sheets) {
    const base = { dossierId: s.dossierId, expertId: s.expertId, version: s.version };
    const sum = sheetSum(s);
    if (s.statedTotal !== null && s.statedTotal !== sum) {
      out.push(make('total_mismatch', { ...base, auditSeqs: seqs(s.submittedSeq) }, { stated: s.statedTotal, recomputed: sum }));
    }
    if (recused.has(`${s.expertId}|${s.dossierId}`)) out.push(make('recused_sheet', { ...base, auditSeqs: seqs(s.firstSavedSeq, s.submittedSeq) }, { status: s.status }));
    const d = dossier.get(s.dossierId);
    const std = d ? standardOf.get(d.standardId) : undefined;
    if (!std) continue;
    const items = new Map(std.items.map((i) => [i.id, i]));
    for (const [itemId, value] of Object.entries(s.scores)) {
      const item = items.get(itemId);
      if (!item) {
        out.push(make('out_of_range', { ...base, itemId }, { value, problem: 'unknown_item' }));
        continue;
      }
      const problem = checkItemScore({ max: item.max, bands: item.bands ? item.bands.map((score) => ({ label: '', score })) : undefined }, value);
      if (problem === 'not_on_band') out.push(make('off_band', { ...base, itemId }, { value, bands: (item.bands ?? []).join('/') }));
      else if (problem) out.push(make('out_of_range', { ...base, itemId }, { value, max: item.max, problem }));
    }
  }
}

function missingSheets(data: ExaminerData, out: Anomaly[]): void {
  if (data.presence.length === 0) return;
  const present = new Set(data.presence.map((p) => p.expertId));
  const recused = new Set(data.recusals.map((r) => `${r.expertId}|${r.dossierId}`));
  const submitted = new Set(countedSheets(data).map((s) => `${s.expertId}|${s.dossierId}`));
  const members = new Map(data.groups.map((g) => [g.id, g.memberIds]));
  for (const d of data.dossiers) {
    for (const e of members.get(d.groupId) ?? []) {
      const k = `${e}|${d.id}`;
      if (present.has(e) && !recused.has(k) && !submitted.has(k)) out.push(make('missing_sheet', { groupId: d.groupId, dossierId: d.id, expertId: e }, {}));
    }
  }
}

function nearIdentical(data: ExaminerData, t: ExaminerThresholds, out: Anomaly[]): void {
  const byDossier = new Map<string, ExSheet[]>();
  for (const s of countedSheets(data)) {
    const l = byDossier.get(s.dossierId) ?? [];
    l.push(s);
    byDossier.set(s.dossierId, l);
  }
  const groupOf = new Map(data.dossiers.map((d) => [d.id, d.groupId]));
  const pairs = new Map<string, { common: number; near: string[]; groupId: string; a: string; b: string }>();
  for (const [dossierId, sheets] of byDossier) {
    sheets.sort((x, y) => (x.expertId < y.expertId ? -1 : x.expertId > y.expertId ? 1 : 0));
    for (let i = 0; i < sheets.length; i++) {
      for (let j = i + 1; j < sheets.length; j++) {
        const a = sheets[i] as ExSheet;
        const b = sheets[j] as ExSheet;
        const key = `${a.expertId}|${b.expertId}`;
        const p = pairs.get(key) ?? { common: 0, near: [], groupId: groupOf.get(dossierId) ?? '', a: a.expertId, b: b.expertId };
        p.common++;
        let dist = 0;
        for (const id of new Set([...Object.keys(a.scores), ...Object.keys(b.scores)])) dist += Math.abs((a.scores[id] ?? 0) - (b.scores[id] ?? 0));
        if (dist <= t.nearIdenticalPoints) p.near.push(dossierId);
        pairs.set(key, p);
      }
    }
  }
  for (const p of pairs.values()) {
    const share = p.near.length / p.common;
    if (p.common >= t.nearIdenticalMinCommon && share >= t.nearIdenticalShare) {
      out.push(make('near_identical', { groupId: p.groupId, expertId: p.a, otherExpertId: p.b, dossierIds: p.near.slice(0, 20) }, { common: p.common, near: p.near.length, share, threshold: t.nearIdenticalShare }));
    }
  }
}

function statisticalRules(analysis: GroupAnalysis, t: ExaminerThresholds, out: Anomaly[]): void {
  for (const g of analysis.groups) {
    for (const e of g.experts) {
      const ev = { groupId: g.groupId, expertId: e.expertId, dossierIds: e.farthest };
      if (e.z !== null && Math.abs(e.z) >= t.zScore) out.push(make('far_z', ev, { z: e.z, threshold: t.zScore }));
      if (e.leniency !== null && Math.abs(e.leniency) >= t.leniencyPoints) out.push(make('leniency', ev, { deviation: e.leniency, threshold: t.leniencyPoints }));
    }
    const low = [g.icc, g.alpha].some((v) => v !== null && v < t.minAgreement);
    if (low) out.push(make('low_agreement', { groupId: g.groupId }, { icc: g.icc ?? '', alpha: g.alpha ?? '', threshold: t.minAgreement }));
  }
}

function voteRules(data: ExaminerData, t: ExaminerThresholds, out: Anomaly[]): void {
  const recusedFrom = new Map<string, Set<string>>();
  for (const r of data.recusals) {
    const s = recusedFrom.get(r.dossierId) ?? new Set<string>();
    s.add(r.expertId);
    recusedFrom.set(r.dossierId, s);
  }
  const recs = new Map<string, { agree: number; n: number }>();
  for (const s of countedSheets(data)) {
    if (s.recommendation === null) continue;
    const r = recs.get(s.dossierId) ?? { agree: 0, n: 0 };
    r.n++;
    if (s.recommendation === 'agree') r.agree++;
    recs.set(s.dossierId, r);
  }
  const presence = new Map(data.presence.map((p) => [p.expertId, p]));
  for (const round of data.rounds) {
    for (const dossierId of round.dossierIds) {
      const c = round.counts[dossierId];
      if (!c) continue;
      const cast = c.agree + c.disagree + c.abstain;
      const eligible = round.participants.filter((e) => !recusedFrom.get(dossierId)?.has(e)).length;
      if (cast > eligible) out.push(make('recused_vote', { roundId: round.id, dossierId }, { cast, eligible }));
      const rec = recs.get(dossierId);
      if (round.status === 'closed' && rec && rec.n > 0 && cast > 0) {
        const groupShare = rec.agree / rec.n;
        const voteShare = c.agree / cast;
        if (Math.abs(groupShare - voteShare) >= t.voteContradiction) {
          out.push(make('vote_contradiction', { roundId: round.id, dossierId }, { groupShare, voteShare, threshold: t.voteContradiction }));
        }
      }
    }
    for (const e of round.participants) {
      const p = presence.get(e);
      if (p && p.arrivedAt > round.openedAt) {
        out.push(make('late_vote', { roundId: round.id, expertId: e, auditSeqs: seqs(round.openedSeq, p.checkInSeq) }, { arrivedAt: p.arrivedAt, openedAt: round.openedAt }));
      }
    }
  }
}

function fastSubmissions(data: ExaminerData, t: ExaminerThresholds, out: Anomaly[]): void {
  for (const s of countedSheets(data)) {
    if (!s.firstSavedAt || !s.submittedAt) continue;
    const seconds = (Date.parse(s.submittedAt) - Date.parse(s.firstSavedAt)) / 1000;
    if (Number.isFinite(seconds) && seconds < t.fastSubmitSeconds) {
      out.push(make('fast_submit', { dossierId: s.dossierId, expertId: s.expertId, version: s.version, auditSeqs: seqs(s.firstSavedSeq, s.submittedSeq) }, { seconds, threshold: t.fastSubmitSeconds }));
    }
  }
}

const SEVERITY_ORDER: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/** Every anomaly the data shows, most severe first, then by rule and key (a stable order). */
export function findAnomalies(data: ExaminerData, t: ExaminerThresholds, analysis: GroupAnalysis = analyseGroups(data)): Anomaly[] {
  const out: Anomaly[] = [];
  sheetRules(data, out);
  missingSheets(data, out);
  nearIdentical(data, t, out);
  statisticalRules(analysis, t, out);
  voteRules(data, t, out);
  fastSubmissions(data, t, out);
  return out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || RULES.indexOf(a.rule) - RULES.indexOf(b.rule) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
