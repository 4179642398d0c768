// Rater statistics for the examiner (pure; the same code runs on live data and, later, on a result bundle's).
// References (docs/examiner.md):
// - ICC(2,1): Shrout, P. E. & Fleiss, J. L. (1979). Intraclass correlations: uses in assessing rater reliability.
//   Psychological Bulletin 86(2), 420–428. Two-way random effects, single rater, absolute agreement.
// - Krippendorff's alpha (interval metric): Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability.
//   Annenberg School for Communication, University of Pennsylvania.

export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Sample standard deviation (n − 1); NaN below two values. */
export function sampleSd(xs: readonly number[]): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return Math.sqrt(ss / (xs.length - 1));
}

/** Standard scores (x − mean) / sample sd; all null when the sd is 0 or undefined (nothing stands out). */
export function zScores(xs: readonly number[]): Array<number | null> {
  const sd = sampleSd(xs);
  if (!Number.isFinite(sd) || sd === 0) return xs.map(() => null);
  const m = mean(xs);
  return xs.map((x) => (x - m) / sd);
}

/** One rating: a rater's value on a unit (target). */
export interface Rating {
  unit: string;
  rater: string;
  value: number;
}

/**
 * Leniency (+) or severity (−) of each rater: the mean, over the units the rater rated, of the rater's value minus
 * the unit's mean over all its raters. Units with a single rating carry no information and are skipped.
 */
export function leniency(ratings: readonly Rating[]): Map<string, { deviation: number; units: number }> {
  const byUnit = new Map<string, { sum: number; n: number }>();
  for (const r of ratings) {
    const u = byUnit.get(r.unit) ?? { sum: 0, n: 0 };
    u.sum += r.value;
    u.n++;
    byUnit.set(r.unit, u);
  }
  const acc = new Map<string, { sum: number; n: number }>();
  for (const r of ratings) {
    const u = byUnit.get(r.unit) as { sum: number; n: number };
    if (u.n < 2) continue;
    const a = acc.get(r.rater) ?? { sum: 0, n: 0 };
    a.sum += r.value - u.sum / u.n;
    a.n++;
    acc.set(r.rater, a);
  }
  return new Map([...acc].map(([rater, a]) => [rater, { deviation: a.sum / a.n, units: a.n }]));
}

/**
 * ICC(2,1) of Shrout & Fleiss (1979) on a complete matrix: rows are targets, columns raters.
 * (BMS − EMS) / (BMS + (k − 1)·EMS + k·(JMS − EMS)/n). Null below 2 targets or 2 raters, or when undefined (no variance).
 */
export function icc21(matrix: readonly (readonly number[])[]): number | null {
  const n = matrix.length;
  const k = n > 0 ? (matrix[0] as readonly number[]).length : 0;
  if (n < 2 || k < 2 || matrix.some((row) => row.length !== k)) return null;
  let grand = 0;
  const rowSums = new Array<number>(n).fill(0);
  const colSums = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const v = (matrix[i] as readonly number[])[j] as number;
      grand += v;
      rowSums[i] = (rowSums[i] as number) + v;
      colSums[j] = (colSums[j] as number) + v;
    }
  }
  const gm = grand / (n * k);
  let ssTotal = 0;
  for (const row of matrix) for (const v of row) ssTotal += (v - gm) * (v - gm);
  const ssRows = rowSums.reduce((s, r) => s + k * (r / k - gm) ** 2, 0);
  const ssCols = colSums.reduce((s, c) => s + n * (c / n - gm) ** 2, 0);
  const ssErr = ssTotal - ssRows - ssCols;
  const bms = ssRows / (n - 1);
  const jms = ssCols / (k - 1);
  const ems = ssErr / ((n - 1) * (k - 1));
  const denom = bms + (k - 1) * ems + (k * (jms - ems)) / n;
  if (denom === 0) return null;
  return (bms - ems) / denom;
}

/**
 * Krippendorff's alpha, interval metric, with missing data: 1 − Do/De over the pairable values (units with at
 * least two ratings). Uses Σ_{i≠j}(vi − vj)² = 2(m·Σv² − (Σv)²), so it is linear in the number of ratings.
 * Null when fewer than two pairable values or no expected disagreement.
 */
export function krippendorffAlphaInterval(ratings: readonly Rating[]): number | null {
  const units = new Map<string, number[]>();
  for (const r of ratings) {
    const u = units.get(r.unit);
    if (u) u.push(r.value);
    else units.set(r.unit, [r.value]);
  }
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  let dO = 0;
  for (const vs of units.values()) {
    const m = vs.length;
    if (m < 2) continue;
    let s = 0;
    let s2 = 0;
    for (const v of vs) {
      s += v;
      s2 += v * v;
    }
    dO += (2 * (m * s2 - s * s)) / (m - 1);
    n += m;
    sum += s;
    sumSq += s2;
  }
  if (n < 2) return null;
  const dE = (2 * (n * sumSq - sum * sum)) / (n - 1);
  if (dE === 0) return null;
  return 1 - dO / dE;
}
