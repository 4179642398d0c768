// Result bundle steps 9 (passedVote), 10 (quotas and ties) and 11 (decisions), docs/bundle-format.md §12.5:
// the meeting's quota outcome recomputed with shared/domain/quotas.ts, from the embedded quotas, the rounds'
// reconciliation (recounted by step 7), the aggregation (checked by step 8), the tie-break rounds and the chair's
// decisions in the order they happened — exactly what services/meeting-results.ts feeds the same functions.
import canonicalize from 'canonicalize';
import { applyQuotas, type QuotaCandidate, type QuotaOutcome, type TieBreak } from '../domain/quotas';
import { RESULT_DOCS } from '../result-bundle/layout';
import type { ResultsDoc, RoundDoc } from '../result-bundle/schema';
import type { SessionBundleContent } from '../bundle/schema';

type Fail = (code: string, path: string, details?: Record<string, string | number | boolean | null>) => void;

export interface QuotaInputs {
  session: Pick<SessionBundleContent, 'dossiers' | 'quotas'>;
  rounds: readonly RoundDoc[];
  results: ResultsDoc;
  maxRevotes: number;
  quotaDecisions: ResultsDoc['quotaDecisions'];
}

const byTime = <T extends { at: string }>(x: T, y: T) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0);

/** A closed round's row for a dossier, with the round's own void folded in, as the app reads it. */
function rowsOf(rounds: readonly RoundDoc[]): Map<string, Array<{ round: RoundDoc; agree: number; passed: boolean; void: boolean }>> {
  const out = new Map<string, Array<{ round: RoundDoc; agree: number; passed: boolean; void: boolean }>>();
  for (const r of [...rounds].sort((a, b) => a.number - b.number)) {
    for (const row of r.reconciliation) {
      const list = out.get(row.dossierId) ?? out.set(row.dossierId, []).get(row.dossierId);
      list?.push({ round: r, agree: row.agree, passed: row.passed && r.status !== 'void', void: row.void || r.status === 'void' });
    }
  }
  return out;
}

/** Candidates and tie-breaks, built as services/meeting-results.ts builds them. */
export function quotaInputs(q: QuotaInputs): { candidates: QuotaCandidate[]; breaks: Array<{ at: string; b: TieBreak; path: string }> } {
  const rows = rowsOf(q.rounds);
  const agg = new Map(q.results.dossiers.map((d) => [d.dossierId, d]));
  const candidates = q.session.dossiers.map((d): QuotaCandidate => {
    const votes = (rows.get(d.id) ?? []).filter((x) => x.round.purpose === 'vote' && !x.void);
    const latest = votes[votes.length - 1];
    const a = agg.get(d.id);
    return {
      dossierId: d.id,
      passed: !!latest?.passed && !!a?.goesToVote,
      agree: latest?.agree ?? 0,
      score: a?.score ?? null,
      level: d.level,
      specialty: d.specialty,
      regionCode: d.regionCode,
      employer: d.employer,
      standardId: d.standardId,
    };
  });
  const breaks: Array<{ at: string; b: TieBreak; path: string }> = [];
  q.rounds.forEach((r, i) => {
    if (r.purpose !== 'tiebreak' || r.status !== 'closed' || !r.quotaId) return;
    const results = r.reconciliation.map((row) => ({ dossierId: row.dossierId, agree: row.agree, passed: row.passed }));
    breaks.push({ at: r.closedAt, b: { quotaId: r.quotaId, kind: 'revote', results }, path: `${RESULT_DOCS.rounds}#/${i}` });
  });
  q.quotaDecisions.forEach((d, i) => {
    breaks.push({ at: d.decidedAt, b: { quotaId: d.quotaId, kind: 'decision', chosen: d.chosen, reason: d.reason }, path: `${RESULT_DOCS.results}#/quotaDecisions/${i}` });
  });
  breaks.sort(byTime);
  return { candidates, breaks };
}

// Key order is not meaning: compare the JCS forms.
const same = (a: unknown, b: unknown) => canonicalize(a ?? null) === canonicalize(b ?? null);

/**
 * Every tie-break must settle a tie that was pending when it happened: a re-vote among exactly the tied while
 * re-votes remained, a decision with a reason, exactly the seats left, among the tied, once they were used up.
 */
function checkBreaks(q: QuotaInputs, candidates: readonly QuotaCandidate[], breaks: ReturnType<typeof quotaInputs>['breaks'], fail: Fail): void {
  const rules = q.session.quotas;
  breaks.forEach((x, k) => {
    const before = applyQuotas(rules, candidates, breaks.slice(0, k).map((y) => y.b), q.maxRevotes);
    const tie = before.ties.find((t) => t.quotaId === x.b.quotaId);
    const ids = x.b.kind === 'revote' ? x.b.results.map((r) => r.dossierId) : x.b.chosen;
    if (!tie) return void fail('RESULT_TIE_BREAK_INVALID', x.path, { reason: 'no_tie', quotaId: x.b.quotaId });
    if (x.b.kind === 'revote') {
      if (tie.next !== 'revote') fail('RESULT_TIE_BREAK_INVALID', x.path, { reason: 'revotes_used_up', quotaId: tie.quotaId, expected: q.maxRevotes, actual: tie.revotesDone + 1 });
      else if (!same([...ids].sort(), tie.dossierIds)) fail('RESULT_TIE_BREAK_INVALID', x.path, { reason: 'not_the_tied', quotaId: tie.quotaId, expected: tie.dossierIds.join(','), actual: [...ids].sort().join(',') });
      return;
    }
    if (tie.next !== 'decision') fail('RESULT_TIE_BREAK_INVALID', x.path, { reason: 'decision_before_revotes', quotaId: tie.quotaId, expected: q.maxRevotes, actual: tie.revotesDone });
    else if (ids.length !== tie.seats || !ids.every((id) => tie.dossierIds.includes(id))) fail('RESULT_TIE_BREAK_INVALID', x.path, { reason: 'not_the_tied', quotaId: tie.quotaId, expected: tie.seats, actual: ids.join(',') });
    if (x.b.reason.trim() === '') fail('RESULT_TIE_BREAK_INVALID', `${x.path}/reason`, { reason: 'no_reason', quotaId: tie.quotaId });
  });
}

/** Steps 9–11 on the outcomes. Returns the checked counts of each. */
export function quotaSteps(q: QuotaInputs, failPass: Fail, failQuota: Fail, failDecision: Fail): { pass: number; quotas: number; decisions: number } {
  const { candidates, breaks } = quotaInputs(q);
  const want = applyQuotas(q.session.quotas, candidates, breaks.map((x) => x.b), q.maxRevotes);
  checkBreaks(q, candidates, breaks, failQuota);

  // Step 10: each quota's ranking, entries and tie as recomputed; no tie left pending.
  const got = new Map(q.results.quotas.map((r, i) => [r.quota.id, { r, i }]));
  for (const w of want.results) {
    const g = got.get(w.quota.id);
    if (!g) {
      failQuota('RESULT_QUOTA_MISMATCH', `${RESULT_DOCS.results}#/quotas`, { reason: 'quota_missing', expected: w.quota.id });
      continue;
    }
    const base = `${RESULT_DOCS.results}#/quotas/${g.i}`;
    for (const field of ['inScope', 'exceedsCandidates'] as const) if (g.r[field] !== w[field]) failQuota('RESULT_QUOTA_MISMATCH', `${base}/${field}`, { field, expected: w[field], actual: g.r[field] });
    if (!same(g.r.quota, { id: w.quota.id, scope: w.quota.scope, value: w.quota.value, count: w.quota.count })) failQuota('RESULT_QUOTA_MISMATCH', `${base}/quota`, { reason: 'rule_differs', expected: w.quota.id });
    const entries = new Map(g.r.entries.map((e, j) => [e.dossierId, { e, j }]));
    for (const e of w.entries) {
      const h = entries.get(e.dossierId);
      if (!h) failQuota('RESULT_QUOTA_MISMATCH', `${base}/entries`, { reason: 'entry_missing', expected: e.dossierId });
      else for (const field of ['rank', 'outcome', 'reason'] as const) if (h.e[field] !== e[field]) failQuota('RESULT_QUOTA_MISMATCH', `${base}/entries/${h.j}/${field}`, { field, dossierId: e.dossierId, expected: e[field], actual: h.e[field] });
      entries.delete(e.dossierId);
    }
    for (const { e, j } of entries.values()) failQuota('RESULT_QUOTA_MISMATCH', `${base}/entries/${j}`, { reason: 'entry_not_in_recount', actual: e.dossierId });
    if (!same(g.r.tie, w.tie)) failQuota('RESULT_QUOTA_MISMATCH', `${base}/tie`, { field: 'tie', expected: w.tie ? w.tie.dossierIds.join(',') : null, actual: g.r.tie ? g.r.tie.dossierIds.join(',') : null });
    if (w.tie) failQuota('RESULT_TIE_UNRESOLVED', `${base}/tie`, { quotaId: w.quota.id, expected: w.tie.seats, actual: w.tie.dossierIds.join(',') });
    got.delete(w.quota.id);
  }
  for (const { r, i } of got.values()) failQuota('RESULT_QUOTA_MISMATCH', `${RESULT_DOCS.results}#/quotas/${i}`, { reason: 'quota_not_in_session', actual: r.quota.id });

  // Steps 9 (passedVote), 10 (quota, cutBy) and 11 (decision) on every dossier's outcome.
  const outcomes = new Map<string, QuotaOutcome>(want.outcomes.map((o) => [o.dossierId, o]));
  const latest = rowsOf(q.rounds);
  q.results.dossiers.forEach((d, i) => {
    const base = `${RESULT_DOCS.results}#/dossiers/${i}/outcome`;
    const w = outcomes.get(d.dossierId);
    if (!w) return void failDecision('RESULT_DECISION_MISMATCH', `${RESULT_DOCS.results}#/dossiers/${i}/dossierId`, { reason: 'not_in_session', actual: d.dossierId });
    if (d.outcome.passedVote !== w.passedVote) failPass('RESULT_PASS_MISMATCH', `${base}/passedVote`, { field: 'passedVote', dossierId: d.dossierId, expected: w.passedVote, actual: d.outcome.passedVote });
    if (d.outcome.quota !== w.quota) failQuota('RESULT_QUOTA_MISMATCH', `${base}/quota`, { field: 'quota', dossierId: d.dossierId, expected: w.quota, actual: d.outcome.quota });
    if (!same(d.outcome.cutBy, w.cutBy)) failQuota('RESULT_QUOTA_MISMATCH', `${base}/cutBy`, { field: 'cutBy', dossierId: d.dossierId, expected: w.cutBy ? `${w.cutBy.quotaId}:${w.cutBy.reason}` : null, actual: d.outcome.cutBy ? `${d.outcome.cutBy.quotaId}:${d.outcome.cutBy.reason}` : null });
    if (d.outcome.decision !== w.decision) failDecision('RESULT_DECISION_MISMATCH', `${base}/decision`, { field: 'decision', dossierId: d.dossierId, expected: w.decision, actual: d.outcome.decision });
    // The two rules a reader checks first, stated on the bundle's own rows so they hold whatever the recount.
    const votes = (latest.get(d.dossierId) ?? []).filter((x) => x.round.purpose === 'vote' && !x.void);
    if (d.outcome.decision === 'passed' && !votes[votes.length - 1]?.passed) failDecision('RESULT_PASSED_BELOW_TWO_THIRDS', `${base}/decision`, { dossierId: d.dossierId, actual: votes[votes.length - 1]?.agree ?? 0 });
    if (d.outcome.passedVote && d.outcome.decision === 'not_passed' && d.outcome.cutBy === null) failDecision('RESULT_CUT_WITHOUT_REASON', `${base}/cutBy`, { dossierId: d.dossierId });
    outcomes.delete(d.dossierId);
  });
  for (const id of outcomes.keys()) failDecision('RESULT_DECISION_MISMATCH', `${RESULT_DOCS.results}#/dossiers`, { reason: 'dossier_missing', expected: id });
  return { pass: q.results.dossiers.length, quotas: want.results.length + breaks.length, decisions: q.results.dossiers.length };
}
