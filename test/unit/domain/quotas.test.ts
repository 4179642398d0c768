import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyQuota, applyQuotas, regionMatches, type QuotaCandidate, type QuotaRule, type TieBreak } from '../../../shared/domain/quotas';

const cand = (dossierId: string, agree: number, score: number | null, over: Partial<QuotaCandidate> = {}): QuotaCandidate => ({
  dossierId,
  passed: true,
  agree,
  score,
  level: 'senior',
  specialty: '机械',
  regionCode: '220102',
  employer: '一汽',
  standardId: 'S1',
  ...over,
});
const quota = (count: number, over: Partial<QuotaRule> = {}): QuotaRule => ({ id: 'Q1', scope: 'level', value: 'senior', count, ...over });
const outcomes = (r: ReturnType<typeof applyQuota>) => Object.fromEntries(r.entries.map((e) => [e.dossierId, [e.outcome, e.reason]]));

describe('quota ranking: agree votes, then aggregated score', () => {
  it('quota 2 of 4: ranks by agree, then score; the others are cut with a reason', () => {
    const r = applyQuota(quota(2), [cand('A', 20, 8000), cand('B', 22, 7000), cand('C', 20, 8500), cand('D', 18, 9900)], [], 1);
    expect(r.tie).toBeNull();
    expect(outcomes(r)).toEqual({ B: ['within', null], C: ['within', null], A: ['cut', 'RANK'], D: ['cut', 'RANK'] });
    expect(Object.fromEntries(r.entries.map((e) => [e.dossierId, e.rank]))).toEqual({ B: 1, C: 2, A: 3, D: 4 });
  });

  it('nobody below 2/3 passes, even with seats left over', () => {
    const r = applyQuota(quota(3), [cand('A', 20, 8000), cand('B', 10, 9000, { passed: false })], [], 1);
    expect(r.entries.map((e) => e.dossierId)).toEqual(['A']);
    const all = applyQuotas([quota(3)], [cand('A', 20, 8000), cand('B', 10, 9000, { passed: false })], [], 1);
    expect(all.outcomes.find((o) => o.dossierId === 'B')).toMatchObject({ decision: 'not_passed', passedVote: false });
  });

  it('a quota larger than the dossiers in its scope is flagged, and cuts nobody', () => {
    const r = applyQuota(quota(5), [cand('A', 20, 8000), cand('B', 19, 8000)], [], 1);
    expect(r.exceedsCandidates).toBe(true);
    expect(r.entries.every((e) => e.outcome === 'within')).toBe(true);
    expect(applyQuota(quota(2), [cand('A', 20, 8000), cand('B', 19, 8000)], [], 1).exceedsCandidates).toBe(false);
  });

  it('a tie above the cut line is no tie to decide', () => {
    const r = applyQuota(quota(2), [cand('A', 20, 8000), cand('B', 20, 8000), cand('C', 18, 9000)], [], 1);
    expect(r.tie).toBeNull();
    expect(outcomes(r)).toMatchObject({ A: ['within', null], B: ['within', null], C: ['cut', 'RANK'] });
  });
});

describe('ties across the cut line', () => {
  // Quota 2: A is in; B and C tie for the one seat left (two deep).
  const two = [cand('A', 21, 9000), cand('B', 20, 8000), cand('C', 20, 8000), cand('D', 17, 9500)];

  it('two deep: pending, to a re-vote among the tied only', () => {
    const r = applyQuota(quota(2), two, [], 1);
    expect(r.tie).toEqual({ quotaId: 'Q1', dossierIds: ['B', 'C'], seats: 1, revotesDone: 0, next: 'revote' });
    expect(outcomes(r)).toMatchObject({ A: ['within', null], B: ['tie_pending', null], C: ['tie_pending', null], D: ['cut', 'RANK'] });
  });

  it('two deep: the re-vote decides', () => {
    const rv: TieBreak = { quotaId: 'Q1', kind: 'revote', results: [{ dossierId: 'B', agree: 15, passed: true }, { dossierId: 'C', agree: 18, passed: true }] };
    const r = applyQuota(quota(2), two, [rv], 1);
    expect(r.tie).toBeNull();
    expect(outcomes(r)).toMatchObject({ C: ['within', null], B: ['cut', 'REVOTE_RANK'] });
  });

  it('two deep: a re-vote still tied goes to the chair once the re-votes are used up; the decision settles it', () => {
    const rv: TieBreak = { quotaId: 'Q1', kind: 'revote', results: [{ dossierId: 'B', agree: 16, passed: true }, { dossierId: 'C', agree: 16, passed: true }] };
    const pending = applyQuota(quota(2), two, [rv], 1);
    expect(pending.tie).toMatchObject({ dossierIds: ['B', 'C'], seats: 1, revotesDone: 1, next: 'decision' });
    const dec: TieBreak = { quotaId: 'Q1', kind: 'decision', chosen: ['B'], reason: '业绩更突出' };
    const r = applyQuota(quota(2), two, [rv, dec], 1);
    expect(r.tie).toBeNull();
    expect(outcomes(r)).toMatchObject({ B: ['within', null], C: ['cut', 'CHAIR_DECISION'] });
  });

  it('a decision before the re-votes are used up is not applied', () => {
    const dec: TieBreak = { quotaId: 'Q1', kind: 'decision', chosen: ['B'], reason: 'early' };
    expect(applyQuota(quota(2), two, [dec], 1).tie).toMatchObject({ next: 'revote', revotesDone: 0 });
  });

  it('a decision choosing the wrong number, or someone not tied, is not applied', () => {
    const rv: TieBreak = { quotaId: 'Q1', kind: 'revote', results: [{ dossierId: 'B', agree: 16, passed: true }, { dossierId: 'C', agree: 16, passed: true }] };
    expect(applyQuota(quota(2), two, [rv, { quotaId: 'Q1', kind: 'decision', chosen: ['B', 'C'], reason: 'x' }], 1).tie).not.toBeNull();
    expect(applyQuota(quota(2), two, [rv, { quotaId: 'Q1', kind: 'decision', chosen: ['D'], reason: 'x' }], 1).tie).not.toBeNull();
  });

  it('a tied candidate who loses 2/3 in the re-vote is out, whatever the seats', () => {
    const rv: TieBreak = { quotaId: 'Q1', kind: 'revote', results: [{ dossierId: 'B', agree: 10, passed: false }, { dossierId: 'C', agree: 11, passed: false }] };
    const r = applyQuota(quota(2), two, [rv], 1);
    expect(r.tie).toBeNull();
    expect(outcomes(r)).toMatchObject({ B: ['cut', 'REVOTE_FAILED'], C: ['cut', 'REVOTE_FAILED'] });
  });

  // Quota 3: A in; B, C, E tie for two seats (three deep).
  const three = [cand('A', 22, 9000), cand('B', 20, 8000), cand('C', 20, 8000), cand('E', 20, 8000), cand('D', 17, 9500)];

  it('three deep: two seats for three tied', () => {
    expect(applyQuota(quota(3), three, [], 2).tie).toEqual({ quotaId: 'Q1', dossierIds: ['B', 'C', 'E'], seats: 2, revotesDone: 0, next: 'revote' });
  });

  it('three deep: the re-vote seats one, and leaves two tied for the last seat; a second re-vote among those two only settles it', () => {
    const rv1: TieBreak = {
      quotaId: 'Q1',
      kind: 'revote',
      results: [
        { dossierId: 'B', agree: 19, passed: true },
        { dossierId: 'C', agree: 17, passed: true },
        { dossierId: 'E', agree: 17, passed: true },
      ],
    };
    const mid = applyQuota(quota(3), three, [rv1], 2);
    expect(mid.tie).toEqual({ quotaId: 'Q1', dossierIds: ['C', 'E'], seats: 1, revotesDone: 1, next: 'revote' });
    expect(outcomes(mid)).toMatchObject({ B: ['within', null], C: ['tie_pending', null], E: ['tie_pending', null] });
    // A re-vote over the wrong set (all three again) is not applied.
    expect(applyQuota(quota(3), three, [rv1, rv1], 2).tie).toMatchObject({ dossierIds: ['C', 'E'] });
    const rv2: TieBreak = { quotaId: 'Q1', kind: 'revote', results: [{ dossierId: 'C', agree: 16, passed: true }, { dossierId: 'E', agree: 18, passed: true }] };
    const r = applyQuota(quota(3), three, [rv1, rv2], 2);
    expect(r.tie).toBeNull();
    expect(outcomes(r)).toMatchObject({ A: ['within', null], B: ['within', null], E: ['within', null], C: ['cut', 'REVOTE_RANK'], D: ['cut', 'RANK'] });
  });

  it('three deep: one seat and a re-vote that separates the top one cuts the rest', () => {
    const rv: TieBreak = {
      quotaId: 'Q1',
      kind: 'revote',
      results: [
        { dossierId: 'B', agree: 15, passed: true },
        { dossierId: 'C', agree: 18, passed: true },
        { dossierId: 'E', agree: 15, passed: true },
      ],
    };
    const r = applyQuota(quota(2), three, [rv], 1);
    expect(r.tie).toBeNull();
    expect(outcomes(r)).toMatchObject({ C: ['within', null], B: ['cut', 'REVOTE_RANK'], E: ['cut', 'REVOTE_RANK'] });
  });
});

describe('several scopes', () => {
  it('narrowest first: someone cut by the employer quota frees a seat in the level quota', () => {
    const cs = [cand('A', 22, 9000, { employer: 'X' }), cand('B', 21, 9000, { employer: 'X' }), cand('C', 20, 8000, { employer: 'Y' })];
    const r = applyQuotas([quota(2, { id: 'QL' }), quota(1, { id: 'QE', scope: 'employer', value: 'X' })], cs, [], 1);
    expect(r.results.map((x) => x.quota.id)).toEqual(['QE', 'QL']);
    const o = Object.fromEntries(r.outcomes.map((x) => [x.dossierId, [x.decision, x.cutBy?.quotaId ?? null]]));
    expect(o).toEqual({ A: ['passed', null], B: ['not_passed', 'QE'], C: ['passed', null] });
    expect(r.ties).toEqual([]);
  });

  it('no quota: the vote decides alone', () => {
    const r = applyQuotas([], [cand('A', 22, 9000)], [], 1);
    expect(r.outcomes).toEqual([{ dossierId: 'A', passedVote: true, quota: 'none', cutBy: null, decision: 'passed' }]);
  });

  it('a pending tie leaves the decision pending', () => {
    const r = applyQuotas([quota(1)], [cand('A', 20, 8000), cand('B', 20, 8000)], [], 1);
    expect(r.ties).toHaveLength(1);
    expect(r.outcomes.map((o) => o.decision)).toEqual(['pending', 'pending']);
  });

  it('region codes: trailing 00 pairs are wildcards', () => {
    expect(regionMatches('220000', '220102')).toBe(true);
    expect(regionMatches('220100', '220102')).toBe(true);
    expect(regionMatches('220200', '220102')).toBe(false);
    expect(regionMatches('220102', '220102')).toBe(true);
  });
});

describe('quota properties', () => {
  const candidates = fc.uniqueArray(
    fc.record({ dossierId: fc.string({ minLength: 1, maxLength: 4 }), agree: fc.integer({ min: 10, max: 14 }), score: fc.constantFrom(7000, 8000, null), passed: fc.boolean() }),
    { selector: (c) => c.dossierId, maxLength: 12 },
  );
  it('never more within than the quota, never anyone within who failed the vote, and nobody cut without a reason', () => {
    fc.assert(
      fc.property(candidates, fc.integer({ min: 0, max: 8 }), (cs, count) => {
        const r = applyQuota(quota(count), cs.map((c) => cand(c.dossierId, c.agree, c.score, { passed: c.passed })), [], 1);
        const within = r.entries.filter((e) => e.outcome === 'within');
        expect(within.length).toBeLessThanOrEqual(count);
        for (const e of r.entries) expect(cs.find((c) => c.dossierId === e.dossierId)?.passed).toBe(true);
        for (const e of r.entries) if (e.outcome === 'cut') expect(e.reason).not.toBeNull();
        // Seats are filled: within + pending seats = min(count, passed).
        const passedCount = cs.filter((c) => c.passed).length;
        expect(within.length + (r.tie?.seats ?? 0)).toBe(Math.min(count, passedCount));
      }),
    );
  });
  it('the outcome does not depend on the order of the candidates', () => {
    fc.assert(
      fc.property(candidates.chain((cs) => fc.tuple(fc.constant(cs), fc.shuffledSubarray(cs, { minLength: cs.length }))), fc.integer({ min: 0, max: 8 }), ([cs, shuffled], count) => {
        const run = (list: typeof cs) => {
          const r = applyQuota(quota(count), list.map((c) => cand(c.dossierId, c.agree, c.score, { passed: c.passed })), [], 1);
          return { entries: [...r.entries].sort((a, b) => (a.dossierId < b.dossierId ? -1 : 1)), tie: r.tie };
        };
        expect(run(shuffled)).toEqual(run(cs));
      }),
    );
  });
  it('one more agree vote never takes a candidate out of the quota', () => {
    fc.assert(
      fc.property(candidates, fc.integer({ min: 1, max: 8 }), fc.nat(), (cs, count, pick) => {
        const passed = cs.filter((c) => c.passed);
        if (passed.length === 0) return;
        const target = passed[pick % passed.length]!;
        const build = (bump: number) => cs.map((c) => cand(c.dossierId, c.agree + (c.dossierId === target.dossierId ? bump : 0), c.score, { passed: c.passed }));
        const before = applyQuota(quota(count), build(0), [], 1).entries.find((e) => e.dossierId === target.dossierId)!;
        const after = applyQuota(quota(count), build(1), [], 1).entries.find((e) => e.dossierId === target.dossierId)!;
        if (before.outcome === 'within') expect(after.outcome).toBe('within');
      }),
    );
  });
});
