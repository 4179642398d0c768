// Spot-check sampling: reproducible, the documented algorithm (known answers), strata, and the refusals.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../shared/errors';
import { allocate, drawSample, shuffleTake, wordStream } from '../../../shared/examiner/sample';

const HASH = 'ab'.repeat(32);
const UNITS = Array.from({ length: 30 }, (_, i) => ({ id: `D${String(i + 1).padStart(3, '0')}`, groupId: i < 12 ? 'G1' : i < 22 ? 'G2' : 'G3' }));

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as AppError).code;
  }
  return 'no error';
}

describe('the random stream', () => {
  it('is HMAC-SHA256(bundle hash, "paneldesk.spotcheck/v1\\n" + salt + "\\n" + stratum + "\\n" + counter), 32-bit big-endian words', () => {
    const next = wordStream(HASH, 'spot-2026', 'G1');
    const block0 = createHmac('sha256', HASH).update('paneldesk.spotcheck/v1\nspot-2026\nG1\n0').digest();
    const block1 = createHmac('sha256', HASH).update('paneldesk.spotcheck/v1\nspot-2026\nG1\n1').digest();
    for (let i = 0; i < 8; i++) expect(next()).toBe(block0.readUInt32BE(i * 4));
    expect(next()).toBe(block1.readUInt32BE(0));
  });

  it('Fisher–Yates swaps item i with item uniform(i + 1), from the end', () => {
    // A stream of words 0: every j = 0, so each step swaps the front with position i.
    expect(shuffleTake(['a', 'b', 'c', 'd'], 4, () => 0)).toEqual(['b', 'c', 'd', 'a']);
    // Words ≥ the rejection limit are skipped: for m = 3 the limit is 3·floor(2^32/3) = 4294967295, so 0xffffffff is rejected.
    // Without the rejection, 0xffffffff mod 3 = 0 would give ['c', 'b', 'a'].
    const words = [0xffffffff, 5, 0];
    let i = 0;
    expect(shuffleTake(['a', 'b', 'c'], 3, () => words[i++] as number)).toEqual(['b', 'a', 'c']);
    expect(i).toBe(3);
  });
});

describe('drawing a sample', () => {
  it('gives the known answer of the documented algorithm', () => {
    expect(drawSample(UNITS, HASH, { rate: 0.1, stratified: false, salt: 'spot-2026' }).dossierIds).toEqual(['D002', 'D019', 'D013']);
    const s = drawSample(UNITS, HASH, { size: 6, stratified: true, salt: 'spot-2026' });
    expect(s.dossierIds).toEqual(['D006', 'D011', 'D016', 'D020', 'D023', 'D029']);
    expect(s.strata).toEqual([
      { stratum: 'G1', population: 12, size: 2 },
      { stratum: 'G2', population: 10, size: 2 },
      { stratum: 'G3', population: 8, size: 2 },
    ]);
  });

  it('is the same for the same hash and salt whatever the input order, and differs with another salt or hash', () => {
    const a = drawSample(UNITS, HASH, { rate: 0.2, stratified: true, salt: 's' });
    const b = drawSample([...UNITS].reverse(), HASH, { rate: 0.2, stratified: true, salt: 's' });
    expect(b.dossierIds).toEqual(a.dossierIds);
    expect(drawSample(UNITS, HASH, { rate: 0.2, stratified: true, salt: 't' }).dossierIds).not.toEqual(a.dossierIds);
    expect(drawSample(UNITS, 'cd'.repeat(32), { rate: 0.2, stratified: true, salt: 's' }).dossierIds).not.toEqual(a.dossierIds);
  });

  it('takes every stratum in proportion (largest remainder) and never repeats a dossier', () => {
    expect(allocate([12, 10, 8], 6)).toEqual([2, 2, 2]);
    expect(allocate([12, 10, 8], 3)).toEqual([1, 1, 1]);
    expect(allocate([1, 1, 1], 2)).toEqual([1, 1, 0]);
    const all = drawSample(UNITS, HASH, { size: 30, stratified: true, salt: 'x' });
    expect(new Set(all.dossierIds).size).toBe(30);
  });

  it('refuses a sample larger than the population, and an empty one, with coded errors', () => {
    expect(codeOf(() => drawSample(UNITS, HASH, { size: 31, stratified: false, salt: '' }))).toBe('EXAMINER_SAMPLE_TOO_LARGE');
    expect(codeOf(() => drawSample(UNITS, HASH, { rate: 0, stratified: false, salt: '' }))).toBe('EXAMINER_SAMPLE_EMPTY');
    expect(codeOf(() => drawSample([], HASH, { rate: 0.1, stratified: false, salt: '' }))).toBe('EXAMINER_SAMPLE_EMPTY');
  });
});
