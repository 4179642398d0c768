// Seeded pseudo-random numbers (mulberry32): the demo must come out the same on every run.
export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer in [min, max], both inclusive. */
export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[Math.floor(rng() * items.length)] as T;
}

/** Derives an independent stream, so adding draws in one place does not shift the others. */
export function fork(seed: number, ...salt: number[]): Rng {
  let h = seed >>> 0;
  for (const s of salt) h = Math.imul(h ^ (s >>> 0), 0x9e3779b1) + 0x7f4a7c15;
  return mulberry32(h);
}
