import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agreeNeeded, aggregateTotals, committeeWarnings, passes, quorumNeeded, quorumStatus } from '../../../shared/domain/rules';

describe('quorum: present ≥ ceil(2N/3)', () => {
  it.each([
    [15, 10],
    [17, 12],
    [25, 17],
    [11, 8],
    [3, 2],
    [1, 1],
    [0, 0],
  ])('N=%i needs %i', (n, needed) => {
    expect(quorumNeeded(n)).toBe(needed);
  });

  it('N=15: 10 present is a quorum, 9 is short by one', () => {
    expect(quorumStatus(15, 10)).toEqual({ needed: 10, met: true, shortBy: 0 });
    expect(quorumStatus(15, 9)).toEqual({ needed: 10, met: false, shortBy: 1 });
  });

  it('N=17: 12 present is a quorum, 11 is short by one', () => {
    expect(quorumStatus(17, 12)).toEqual({ needed: 12, met: true, shortBy: 0 });
    expect(quorumStatus(17, 11)).toEqual({ needed: 12, met: false, shortBy: 1 });
  });

  it('more present than needed is never short', () => {
    expect(quorumStatus(15, 15)).toEqual({ needed: 10, met: true, shortBy: 0 });
  });

  it('property: met exactly when 3·present ≥ 2·N', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }), (n, present) => {
        const s = quorumStatus(n, present);
        expect(s.met).toBe(3 * present >= 2 * n);
        expect(s.shortBy).toBe(s.met ? 0 : s.needed - present);
      }),
    );
  });
});

describe('pass rule: agree ≥ ceil(2A/3)', () => {
  it('A=15 needs 10: 10 passes, 9 fails', () => {
    expect(agreeNeeded(15)).toBe(10);
    expect(passes(10, 15)).toBe(true);
    expect(passes(9, 15)).toBe(false);
  });

  it('A=17 needs 12: 12 passes, 11 fails', () => {
    expect(agreeNeeded(17)).toBe(12);
    expect(passes(12, 17)).toBe(true);
    expect(passes(11, 17)).toBe(false);
  });

  it('A=3 needs 2', () => {
    expect(agreeNeeded(3)).toBe(2);
    expect(passes(2, 3)).toBe(true);
    expect(passes(1, 3)).toBe(false);
  });

  it('exactly two thirds passes (A=9, agree 6); one fewer fails', () => {
    expect(agreeNeeded(9)).toBe(6);
    expect(passes(6, 9)).toBe(true);
    expect(passes(5, 9)).toBe(false);
  });

  it('A=0 never passes', () => {
    expect(passes(0, 0)).toBe(false);
    expect(passes(1, 0)).toBe(false);
  });

  it('property: passes(agree, A) === (3·agree ≥ 2·A) for A ≥ 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.nat({ max: 1000 }), (present, agreeRaw) => {
        const agree = agreeRaw % (present + 1);
        expect(passes(agree, present)).toBe(3 * agree >= 2 * present);
      }),
    );
  });
});

describe('aggregateTotals (hundredths)', () => {
  it('empty → null, for both methods', () => {
    expect(aggregateTotals([], 'mean')).toBeNull();
    expect(aggregateTotals([], 'trimmed_mean')).toBeNull();
  });

  it('a single total is itself', () => {
    expect(aggregateTotals([8150], 'mean')).toBe(8150);
  });

  it('mean rounds half up to the hundredth', () => {
    expect(aggregateTotals([8000, 8001], 'mean')).toBe(8001); // 8000.5 → 8001
    expect(aggregateTotals([1, 2, 2], 'mean')).toBe(2); // 1.667 → 2
    expect(aggregateTotals([1, 1, 2], 'mean')).toBe(1); // 1.333 → 1
    expect(aggregateTotals([7000, 8000, 9000, 8500], 'mean')).toBe(8125);
    expect(aggregateTotals([0, 0, 1, 1], 'mean')).toBe(1); // 0.5 → 1
    expect(aggregateTotals([0, 0, 0, 1], 'mean')).toBe(0); // 0.25 → 0
  });

  it('trimmed mean drops one highest and one lowest with ≥5 totals', () => {
    // Sorted 6000 7000 8000 8500 9900; middle three: 23500 / 3 = 7833.33 → 7833.
    expect(aggregateTotals([9900, 7000, 8000, 6000, 8500], 'trimmed_mean')).toBe(7833);
    expect(aggregateTotals([9900, 7000, 8000, 6000, 8500], 'mean')).toBe(7880);
    // Only one extreme value is dropped at each end, even if repeated.
    expect(aggregateTotals([5000, 5000, 7000, 9000, 9000], 'trimmed_mean')).toBe(7000);
  });

  it('trimmed mean with fewer than 5 totals is the plain mean', () => {
    expect(aggregateTotals([6000, 7000, 8000, 9901], 'trimmed_mean')).toBe(7725); // 30901/4 = 7725.25
    expect(aggregateTotals([6000, 7000, 8000, 9901], 'mean')).toBe(7725);
  });

  it('does not reorder the caller’s array', () => {
    const totals = [9000, 6000, 7000];
    aggregateTotals(totals, 'mean');
    expect(totals).toEqual([9000, 6000, 7000]);
  });

  it('property: equals Math.round of the exact mean for non-negative integers', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 60 }), (totals) => {
        const sum = totals.reduce((s, v) => s + v, 0);
        expect(aggregateTotals(totals, 'mean')).toBe(Math.round(sum / totals.length));
      }),
    );
  });
});

describe('committeeWarnings', () => {
  const roster = (n: number, chair = true) =>
    Array.from({ length: n }, (_, i) => ({ role: chair && i === 0 ? 'chair' : i === 1 ? 'vice_chair' : 'member' }));
  const codes = (w: ReturnType<typeof committeeWarnings>) => w.map((x) => x.code);

  it('a senior by-series committee of 25 with a chair and groups of 3 has no warnings', () => {
    expect(committeeWarnings({ tier: 'senior', bySpecialty: false, roster: roster(25), groups: [{ id: 'G1', name: '一组', size: 3 }] })).toEqual([]);
  });

  it('warns for an even size', () => {
    const w = committeeWarnings({ tier: 'senior', bySpecialty: true, roster: roster(12), groups: [] });
    expect(w).toEqual([{ code: 'COMMITTEE_EVEN', params: { count: 12 } }]);
  });

  it('senior by series: 23 is below the minimum of 25', () => {
    const w = committeeWarnings({ tier: 'senior', bySpecialty: false, roster: roster(23), groups: [] });
    expect(w).toEqual([{ code: 'COMMITTEE_BELOW_MINIMUM', params: { count: 23, min: 25 } }]);
  });

  it('senior by specialty: 11 is enough, 9 is below the minimum of 11', () => {
    expect(committeeWarnings({ tier: 'senior', bySpecialty: true, roster: roster(11), groups: [] })).toEqual([]);
    expect(committeeWarnings({ tier: 'senior', bySpecialty: true, roster: roster(9), groups: [] })).toEqual([
      { code: 'COMMITTEE_BELOW_MINIMUM', params: { count: 9, min: 11 } },
    ]);
  });

  it('no minimum size below the senior tier', () => {
    expect(committeeWarnings({ tier: 'intermediate', bySpecialty: false, roster: roster(5), groups: [] })).toEqual([]);
  });

  it('warns when nobody is chair', () => {
    const w = committeeWarnings({ tier: 'junior', bySpecialty: false, roster: roster(5, false), groups: [] });
    expect(w).toEqual([{ code: 'COMMITTEE_NO_CHAIR', params: {} }]);
  });

  it('warns for each review group under 3 experts', () => {
    const w = committeeWarnings({
      tier: 'junior',
      bySpecialty: false,
      roster: roster(7),
      groups: [
        { id: 'G1', name: '机电组', size: 2 },
        { id: 'G2', name: '经济组', size: 3 },
        { id: 'G3', name: '化工组', size: 0 },
      ],
    });
    expect(w).toEqual([
      { code: 'GROUP_TOO_SMALL', params: { group: '机电组', size: 2, min: 3 } },
      { code: 'GROUP_TOO_SMALL', params: { group: '化工组', size: 0, min: 3 } },
    ]);
  });

  it('reports every problem at once', () => {
    const w = committeeWarnings({ tier: 'senior', bySpecialty: true, roster: roster(10, false), groups: [{ id: 'G', name: 'G', size: 1 }] });
    expect(codes(w)).toEqual(['COMMITTEE_EVEN', 'COMMITTEE_BELOW_MINIMUM', 'COMMITTEE_NO_CHAIR', 'GROUP_TOO_SMALL']);
  });
});
