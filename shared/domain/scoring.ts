// Score sheets (量化赋分表): item checks and totals, in integer hundredths. The tally uses the same code.
import type { ItemDoc } from '../bundle/schema';

export type ItemScoreProblem = 'not_integer' | 'negative' | 'above_cap' | 'not_on_band';

/** Why `value` (hundredths) can't be entered for `item`, or null when it can. Banded items take only band scores. */
export function checkItemScore(item: Pick<ItemDoc, 'max' | 'bands'>, value: number): ItemScoreProblem | null {
  if (!Number.isSafeInteger(value)) return 'not_integer';
  if (value < 0) return 'negative';
  if (value > item.max) return 'above_cap';
  if (item.bands && item.bands.length > 0 && !item.bands.some((b) => b.score === value)) return 'not_on_band';
  return null;
}

export function sheetTotal(items: ReadonlyArray<Pick<ItemDoc, 'id'>>, scores: Readonly<Record<string, number>>): number {
  return items.reduce((sum, it) => sum + (scores[it.id] ?? 0), 0);
}

export function sheetComplete(items: ReadonlyArray<Pick<ItemDoc, 'id'>>, scores: Readonly<Record<string, number>>): boolean {
  return items.every((it) => scores[it.id] !== undefined);
}

export function standardMax(items: ReadonlyArray<Pick<ItemDoc, 'max'>>): number {
  return items.reduce((s, it) => s + it.max, 0);
}

/** "12.5" / "12" / "12.50" → 1250; null for anything else (at most two decimals). */
export function parsePoints(text: string): number | null {
  const m = /^\s*(\d{1,4})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const whole = Number(m[1]);
  const frac = m[2] ? Number(m[2].padEnd(2, '0')) : 0;
  return whole * 100 + frac;
}

export function formatPoints(hundredths: number): string {
  const whole = Math.trunc(hundredths / 100);
  const frac = Math.abs(hundredths % 100);
  return frac === 0 ? String(whole) : `${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}`;
}
