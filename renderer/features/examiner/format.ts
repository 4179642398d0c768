// Display helpers for the examiner screen: points from hundredths, statistics to fixed digits.
import { formatPoints } from '../../../shared/domain/scoring';

export const points = (hundredths: number | null | undefined): string => (hundredths === null || hundredths === undefined ? '—' : formatPoints(Math.round(hundredths)));
export const fixed = (v: number | null | undefined, digits = 2): string => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits));

/** Five-number summary (min, Q1, median, Q3, max) with linear interpolation between order statistics. */
export function fiveNumbers(values: readonly number[]): [number, number, number, number, number] | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const q = (p: number) => {
    const i = (s.length - 1) * p;
    const lo = Math.floor(i);
    const hi = Math.ceil(i);
    return (s[lo] as number) + ((s[hi] as number) - (s[lo] as number)) * (i - lo);
  };
  return [s[0] as number, q(0.25), q(0.5), q(0.75), s[s.length - 1] as number];
}
