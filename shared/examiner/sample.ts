// Reproducible spot checks (抽查). Anyone holding the bundle hash, the salt and the dossier list can redraw the
// same sample: docs/examiner.md states the algorithm, and test/unit/examiner/sample.test.ts pins a known answer.
//
// 1. Population: the dossiers, sorted by id (UTF-16 code units); with stratification, one stratum per group
//    (strata sorted by group id); without, one stratum named "".
// 2. Size: `size`, or ceil(rate × N). A size above N is refused (EXAMINER_SAMPLE_TOO_LARGE). With strata, the size
//    is shared out proportionally by largest remainder (ties to the earlier stratum in order).
// 3. Random stream of a stratum: block i = HMAC-SHA256(key = UTF-8(bundle hash, lowercase hex),
//    message = UTF-8("paneldesk.spotcheck/v1\n" + salt + "\n" + stratum + "\n" + i)), i = 0, 1, 2, …;
//    each block gives eight unsigned 32-bit big-endian words in order.
// 4. uniform(m): the next word w, rejected while w ≥ m·floor(2^32 / m); then w mod m.
// 5. Fisher–Yates on the stratum's sorted list: for i = N−1 down to 1, swap item i with item uniform(i + 1).
//    The stratum's sample is the first k items of the shuffled list, in that order.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { AppError } from '../errors';
import { utf8Encode } from '../text';

export const SAMPLE_ALGORITHM = 'paneldesk.spotcheck/v1 (HMAC-SHA256 counter stream, rejection sampling, Fisher–Yates)';

export interface SampleSpec {
  /** Exactly one of size and rate. */
  size?: number | undefined;
  rate?: number | undefined;
  stratified: boolean;
  salt: string;
}

export interface SampleUnit {
  id: string;
  groupId: string;
}

export interface DrawnSample {
  algorithm: string;
  bundleHash: string;
  salt: string;
  stratified: boolean;
  population: number;
  size: number;
  /** In draw order, strata one after the other. */
  dossierIds: string[];
  strata: Array<{ stratum: string; population: number; size: number }>;
}

/** The stream of 32-bit words of one stratum. */
export function wordStream(bundleHash: string, salt: string, stratum: string): () => number {
  const key = utf8Encode(bundleHash.toLowerCase());
  let counter = 0;
  let block: Uint8Array = new Uint8Array(0);
  let pos = 32;
  return () => {
    if (pos >= 32) {
      block = hmac(sha256, key, utf8Encode(`paneldesk.spotcheck/v1\n${salt}\n${stratum}\n${counter}`));
      counter++;
      pos = 0;
    }
    const w = (((block[pos] as number) << 24) | ((block[pos + 1] as number) << 16) | ((block[pos + 2] as number) << 8) | (block[pos + 3] as number)) >>> 0;
    pos += 4;
    return w;
  };
}

function uniform(next: () => number, m: number): number {
  const limit = m * Math.floor(0x1_0000_0000 / m);
  for (;;) {
    const w = next();
    if (w < limit) return w % m;
  }
}

/** Fisher–Yates over `items` with the stratum's stream; returns the first `k`. */
export function shuffleTake<T>(items: readonly T[], k: number, next: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i >= 1; i--) {
    const j = uniform(next, i + 1);
    const t = a[i] as T;
    a[i] = a[j] as T;
    a[j] = t;
  }
  return a.slice(0, k);
}

const byCodeUnits = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/** Largest-remainder allocation of `k` over stratum sizes, in the strata's order. */
export function allocate(sizes: readonly number[], k: number): number[] {
  const total = sizes.reduce((s, n) => s + n, 0);
  if (total === 0) return sizes.map(() => 0);
  const quotas = sizes.map((n) => (k * n) / total);
  const out = quotas.map((q) => Math.floor(q));
  let left = k - out.reduce((s, n) => s + n, 0);
  const order = quotas.map((q, i) => ({ i, r: q - Math.floor(q) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    if ((out[i] as number) < (sizes[i] as number)) {
      out[i] = (out[i] as number) + 1;
      left--;
    }
  }
  return out;
}

export function sampleSize(population: number, spec: Pick<SampleSpec, 'size' | 'rate'>): number {
  const k = spec.size !== undefined ? spec.size : Math.ceil((spec.rate ?? 0) * population - 1e-9);
  if (spec.size !== undefined && spec.rate !== undefined) throw new AppError('CONTRACT_INVALID_INPUT', 'give a size or a rate, not both', { field: 'size' });
  if (!Number.isInteger(k) || k < 1) throw new AppError('EXAMINER_SAMPLE_EMPTY', 'the sample would be empty', { field: spec.size !== undefined ? 'size' : 'rate', actual: String(k) });
  if (k > population) {
    throw new AppError('EXAMINER_SAMPLE_TOO_LARGE', `sample of ${k} from ${population} dossiers`, { field: spec.size !== undefined ? 'size' : 'rate', actual: String(k), limit: population });
  }
  return k;
}

export function drawSample(units: readonly SampleUnit[], bundleHash: string, spec: SampleSpec): DrawnSample {
  const k = sampleSize(units.length, spec);
  const strata = new Map<string, string[]>();
  for (const u of units) {
    const key = spec.stratified ? u.groupId : '';
    const l = strata.get(key);
    if (l) l.push(u.id);
    else strata.set(key, [u.id]);
  }
  const names = [...strata.keys()].sort(byCodeUnits);
  const lists = names.map((n) => (strata.get(n) as string[]).sort(byCodeUnits));
  const ks = allocate(lists.map((l) => l.length), k);
  const dossierIds: string[] = [];
  names.forEach((stratum, i) => dossierIds.push(...shuffleTake(lists[i] as string[], ks[i] as number, wordStream(bundleHash, spec.salt, stratum))));
  return {
    algorithm: SAMPLE_ALGORITHM,
    bundleHash,
    salt: spec.salt,
    stratified: spec.stratified,
    population: units.length,
    size: k,
    dossierIds,
    strata: names.map((stratum, i) => ({ stratum, population: (lists[i] as string[]).length, size: ks[i] as number })),
  };
}
