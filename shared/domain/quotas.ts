// Quotas (职数 / 指标) per scope: rank those who passed, cut at the quota, send ties at the cut line to a re-vote
// among the tied, then to the chair's reasoned decision. Nobody below 2/3 passes; nobody is cut without a reason.
// domain.md §5; docs/meeting-rules.md.

export const QUOTA_SCOPES = ['employer', 'region', 'specialty', 'standard', 'level'] as const;
export type QuotaScope = (typeof QUOTA_SCOPES)[number];

export interface QuotaRule {
  id: string;
  scope: QuotaScope;
  value: string;
  count: number;
}

export interface QuotaCandidate {
  dossierId: string;
  /** Passed the 2/3 vote in its latest valid round. */
  passed: boolean;
  agree: number;
  /** Aggregated score in hundredths; null when nobody scored (ranks last among equal agree votes). */
  score: number | null;
  level: string;
  specialty: string;
  regionCode: string;
  employer: string;
  standardId: string;
}

/** A re-vote among the tied (a new round): agree votes and whether each still has 2/3 in it. */
export interface RevoteBreak {
  quotaId: string;
  kind: 'revote';
  results: ReadonlyArray<{ dossierId: string; agree: number; passed: boolean }>;
}
/** The chair's reasoned decision, allowed once the configured re-votes are used up. */
export interface DecisionBreak {
  quotaId: string;
  kind: 'decision';
  chosen: readonly string[];
  reason: string;
}
export type TieBreak = RevoteBreak | DecisionBreak;

export type CutReason = 'RANK' | 'REVOTE_RANK' | 'REVOTE_FAILED' | 'CHAIR_DECISION';

export interface QuotaEntry {
  dossierId: string;
  /** 1-based rank among those who passed, by agree votes then score (equal keys share a rank). */
  rank: number;
  outcome: 'within' | 'cut' | 'tie_pending';
  reason: CutReason | null;
}

export interface PendingTie {
  quotaId: string;
  dossierIds: string[];
  seats: number;
  revotesDone: number;
  next: 'revote' | 'decision';
}

export interface QuotaResult {
  quota: QuotaRule;
  /** Dossiers in the scope (passed or not). */
  inScope: number;
  /** The quota is larger than the dossiers in its scope: flagged (QUOTA_EXCEEDS_CANDIDATES), nobody is cut by it. */
  exceedsCandidates: boolean;
  entries: QuotaEntry[];
  tie: PendingTie | null;
}

/** Region codes (GB/T 2260): trailing "00" pairs are wildcards, so 220000 is the province, 220100 a city. */
export function regionMatches(quotaValue: string, regionCode: string): boolean {
  let prefix = quotaValue;
  while (prefix.length > 2 && prefix.endsWith('00')) prefix = prefix.slice(0, -2);
  return regionCode.startsWith(prefix);
}

export function inQuotaScope(q: Pick<QuotaRule, 'scope' | 'value'>, c: QuotaCandidate): boolean {
  switch (q.scope) {
    case 'level':
      return c.level === q.value;
    case 'specialty':
      return c.specialty === q.value;
    case 'employer':
      return c.employer === q.value;
    case 'standard':
      return c.standardId === q.value;
    case 'region':
      return regionMatches(q.value, c.regionCode);
  }
}

/** Ranking order: more agree votes first, then higher score (no score last); equal keys are a tie. */
function compareRank(a: QuotaCandidate, b: QuotaCandidate): number {
  if (a.agree !== b.agree) return b.agree - a.agree;
  const sa = a.score ?? -1;
  const sb = b.score ?? -1;
  return sb - sa;
}

/** Groups of equal keys, best first; within a group, by dossier id (display only: the group is tied). */
function rankGroups<T>(items: readonly T[], cmp: (a: T, b: T) => number, id: (t: T) => string): T[][] {
  const sorted = [...items].sort((a, b) => cmp(a, b) || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
  const groups: T[][] = [];
  for (const it of sorted) {
    const last = groups[groups.length - 1];
    if (last && cmp(last[0] as T, it) === 0) last.push(it);
    else groups.push([it]);
  }
  return groups;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/**
 * One quota over the candidates given (only those in scope count). `breaks` are this quota's tie-breaks in the
 * order they happened; a break applies only to exactly the set still tied. `maxRevotes` re-votes come first; after
 * them the chair decides (a decision before that is ignored and the tie stays pending).
 */
export function applyQuota(quota: QuotaRule, candidates: readonly QuotaCandidate[], breaks: readonly TieBreak[], maxRevotes: number): QuotaResult {
  const scoped = candidates.filter((c) => inQuotaScope(quota, c));
  const passed = scoped.filter((c) => c.passed);
  const entries = new Map<string, QuotaEntry>();
  let rank = 1;
  const groups = rankGroups(passed, compareRank, (c) => c.dossierId);
  for (const g of groups) {
    for (const c of g) entries.set(c.dossierId, { dossierId: c.dossierId, rank, outcome: 'within', reason: null });
    rank += g.length;
  }
  let seatsLeft = quota.count;
  let tie: PendingTie | null = null;
  for (const g of groups) {
    const ids = g.map((c) => c.dossierId);
    if (g.length <= seatsLeft) {
      seatsLeft -= g.length;
      continue;
    }
    if (seatsLeft === 0) {
      for (const id of ids) Object.assign(entries.get(id) as QuotaEntry, { outcome: 'cut', reason: 'RANK' });
      continue;
    }
    tie = resolveTie(quota.id, ids, seatsLeft, breaks.filter((b) => b.quotaId === quota.id), maxRevotes, entries);
    seatsLeft = 0;
  }
  return { quota, inScope: scoped.length, exceedsCandidates: quota.count > scoped.length, entries: [...entries.values()], tie };
}

function resolveTie(
  quotaId: string,
  tiedIds: string[],
  seats: number,
  breaks: readonly TieBreak[],
  maxRevotes: number,
  entries: Map<string, QuotaEntry>,
): PendingTie | null {
  const set = (id: string, outcome: QuotaEntry['outcome'], reason: CutReason | null) => Object.assign(entries.get(id) as QuotaEntry, { outcome, reason });
  let current = tiedIds;
  let seatsLeft = seats;
  let revotes = 0;
  for (const b of breaks) {
    if (!sameSet(b.kind === 'revote' ? b.results.map((r) => r.dossierId) : current, current)) continue;
    if (b.kind === 'decision') {
      if (revotes < maxRevotes || b.chosen.length !== seatsLeft || !b.chosen.every((id) => current.includes(id))) continue;
      for (const id of current) set(id, b.chosen.includes(id) ? 'within' : 'cut', b.chosen.includes(id) ? null : 'CHAIR_DECISION');
      return null;
    }
    revotes++;
    // Lost 2/3 in the re-vote: out (nobody passes below 2/3), whatever the seats.
    for (const r of b.results) if (!r.passed) set(r.dossierId, 'cut', 'REVOTE_FAILED');
    const still = b.results.filter((r) => r.passed);
    const groups = rankGroups(still, (x, y) => y.agree - x.agree, (r) => r.dossierId);
    let next: string[] = [];
    for (const g of groups) {
      const ids = g.map((r) => r.dossierId);
      if (g.length <= seatsLeft) {
        seatsLeft -= g.length;
        for (const id of ids) set(id, 'within', null);
      } else if (seatsLeft === 0) {
        for (const id of ids) set(id, 'cut', 'REVOTE_RANK');
      } else {
        next = ids;
      }
      if (next.length > 0) {
        const rest = groups.slice(groups.indexOf(g) + 1).flat();
        for (const r of rest) set(r.dossierId, 'cut', 'REVOTE_RANK');
        break;
      }
    }
    if (next.length === 0) return null;
    current = next;
  }
  for (const id of current) set(id, 'tie_pending', null);
  return { quotaId, dossierIds: [...current].sort(), seats: seatsLeft, revotesDone: revotes, next: revotes < maxRevotes ? 'revote' : 'decision' };
}

export interface QuotaOutcome {
  dossierId: string;
  passedVote: boolean;
  /** 'none': no quota applies. 'cut' names the quota and the reason. */
  quota: 'none' | 'within' | 'cut' | 'tie_pending';
  cutBy: { quotaId: string; reason: CutReason } | null;
  /** Final: passed the vote and within every quota; pending while a tie is open. */
  decision: 'passed' | 'not_passed' | 'pending';
}

/**
 * Every quota, narrowest scope first (employer, region, specialty, standard, level; then by id): someone cut by a
 * narrower quota no longer takes a seat in a wider one. Pending ties stay in for the wider scopes.
 */
export function applyQuotas(
  quotas: readonly QuotaRule[],
  candidates: readonly QuotaCandidate[],
  breaks: readonly TieBreak[],
  maxRevotes: number,
): { results: QuotaResult[]; outcomes: QuotaOutcome[]; ties: PendingTie[] } {
  const order = [...quotas].sort((a, b) => QUOTA_SCOPES.indexOf(a.scope) - QUOTA_SCOPES.indexOf(b.scope) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const outcome = new Map<string, QuotaOutcome>(
    candidates.map((c) => [c.dossierId, { dossierId: c.dossierId, passedVote: c.passed, quota: 'none', cutBy: null, decision: c.passed ? 'passed' : 'not_passed' }]),
  );
  const results: QuotaResult[] = [];
  for (const q of order) {
    const still = candidates.filter((c) => outcome.get(c.dossierId)?.quota !== 'cut');
    const r = applyQuota(q, still, breaks, maxRevotes);
    results.push(r);
    for (const e of r.entries) {
      const o = outcome.get(e.dossierId) as QuotaOutcome;
      if (e.outcome === 'cut') Object.assign(o, { quota: 'cut', cutBy: { quotaId: q.id, reason: e.reason as CutReason }, decision: 'not_passed' });
      else if (e.outcome === 'tie_pending' && o.quota !== 'cut') Object.assign(o, { quota: 'tie_pending', decision: 'pending' });
      else if (o.quota === 'none') o.quota = 'within';
    }
  }
  return { results, outcomes: [...outcome.values()], ties: results.flatMap((r) => (r.tie ? [r.tie] : [])) };
}
