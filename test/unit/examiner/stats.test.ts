// Rater statistics against published values and hand-computed cases.
import { describe, expect, it } from 'vitest';
import { icc21, krippendorffAlphaInterval, leniency, mean, sampleSd, zScores, type Rating } from '../../../shared/examiner/stats';

// Shrout & Fleiss (1979), Table 2: 6 targets rated by 4 judges. Their Table 4 gives ICC(2,1) = .29.
const SHROUT_FLEISS = [
  [9, 2, 5, 8],
  [6, 1, 3, 2],
  [8, 4, 6, 8],
  [7, 1, 2, 6],
  [10, 5, 6, 9],
  [6, 2, 4, 7],
];

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers, 12 units, missing
// values (null). Published: interval α = 0.849.
const KRIPPENDORFF: Record<string, Array<number | null>> = {
  A: [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  B: [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  C: [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  D: [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
};

function ratingsOf(table: Record<string, Array<number | null>>): Rating[] {
  return Object.entries(table).flatMap(([rater, vs]) => vs.flatMap((v, i) => (v === null ? [] : [{ unit: `u${i + 1}`, rater, value: v }])));
}

describe('ICC(2,1), Shrout & Fleiss 1979', () => {
  it('gives the published 0.29 on their 6 targets × 4 judges', () => {
    const v = icc21(SHROUT_FLEISS) as number;
    expect(v.toFixed(2)).toBe('0.29');
    // By hand from their ANOVA table: BMS 11.24, JMS 32.49, EMS 1.02 → (11.24 − 1.02) / (11.24 + 3·1.02 + 4·(32.49 − 1.02)/6).
    expect(v).toBeCloseTo(0.28976, 4);
  });

  it('is 1 for raters in perfect absolute agreement and drops when one rater adds a constant', () => {
    expect(icc21([[1, 1], [2, 2], [3, 3]])).toBeCloseTo(1, 12);
    // Rater 2 always 1 higher: consistency is perfect but absolute agreement is not. By hand: BMS 2, JMS 1.5, EMS 0 → 2/(2 + 2·1.5/3) = 2/3.
    expect(icc21([[1, 2], [2, 3], [3, 4]])).toBeCloseTo(2 / 3, 12);
  });

  it('is null below 2 targets or 2 raters, or for a ragged matrix', () => {
    expect(icc21([[1, 2, 3]])).toBeNull();
    expect(icc21([[1], [2]])).toBeNull();
    expect(icc21([[1, 2], [3]])).toBeNull();
  });
});

describe("Krippendorff's alpha (interval)", () => {
  it("gives the published 0.849 on Krippendorff's worked example with missing data", () => {
    const v = krippendorffAlphaInterval(ratingsOf(KRIPPENDORFF)) as number;
    expect(v.toFixed(3)).toBe('0.849');
  });

  it('is 1 for perfect agreement, and by hand for two raters on two units', () => {
    expect(krippendorffAlphaInterval(ratingsOf({ A: [1, 2, 3], B: [1, 2, 3] }))).toBeCloseTo(1, 12);
    // Units (1,2) and (3,3): Do = (1² + 1²)/1 … per pair sums: unit1 2·(2·5 − 9)/1 = 2, unit2 0 → Do = 2;
    // De over values {1,2,3,3}: 2·(4·23 − 81)/3 = 22/3 → α = 1 − 2/(22/3) = 1 − 6/22.
    expect(krippendorffAlphaInterval(ratingsOf({ A: [1, 3], B: [2, 3] }))).toBeCloseTo(1 - 6 / 22, 12);
  });

  it('ignores units with a single value and is null without pairable values', () => {
    expect(krippendorffAlphaInterval(ratingsOf({ A: [1, 2, 3], B: [1, 2, null] }))).toBeCloseTo(1, 12);
    expect(krippendorffAlphaInterval(ratingsOf({ A: [1, null], B: [null, 2] }))).toBeNull();
  });
});

describe('z-scores and leniency', () => {
  it('standardises with the sample sd', () => {
    expect(mean([2, 4, 6])).toBe(4);
    expect(sampleSd([2, 4, 6])).toBe(2);
    expect(zScores([2, 4, 6])).toEqual([-1, 0, 1]);
    expect(zScores([5, 5, 5])).toEqual([null, null, null]);
  });

  it("measures each rater's mean deviation from the units' means", () => {
    // Unit means: u1 = 80, u2 = 60. A: (90 − 80 + 70 − 60)/2 = +10; B: (70 − 80 + 50 − 60)/2 = −10; C scored u1 only: 80 − 80 = 0.
    const r: Rating[] = [
      { unit: 'u1', rater: 'A', value: 90 },
      { unit: 'u1', rater: 'B', value: 70 },
      { unit: 'u1', rater: 'C', value: 80 },
      { unit: 'u2', rater: 'A', value: 70 },
      { unit: 'u2', rater: 'B', value: 50 },
      { unit: 'u3', rater: 'C', value: 99 },
    ];
    const len = leniency(r);
    expect(len.get('A')).toEqual({ deviation: 10, units: 2 });
    expect(len.get('B')).toEqual({ deviation: -10, units: 2 });
    // u3 has one rating: no information, skipped.
    expect(len.get('C')).toEqual({ deviation: 0, units: 1 });
  });
});
