// Property: flipping any byte inside signed content of a valid bundle (the data of any entry: tag files,
// signature, documents, attachments) makes verification fail; flipping any byte anywhere never crashes
// the verifier. Seeded, so a failure reproduces.
import fs from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesIO } from '../../../shared/verify/io';
import { trustedKeyOf } from '../../../shared/verify/session';
import { verifyBundle } from '../../../shared/verify/verify';
import { openZip } from '../../../shared/verify/zip';

const DIR = path.resolve('docs/vectors');
const valid = new Uint8Array(fs.readFileSync(path.join(DIR, 'session-valid.pdbundle')));
const trust = [trustedKeyOf(fs.readFileSync(path.join(DIR, 'keys/issuer.pub'), 'utf8').trim())];
const inflate = (d: Uint8Array, max: number): Promise<Uint8Array> => Promise.resolve(inflateRawSync(d, { maxOutputLength: Math.max(1, max) }));
const verify = (bytes: Uint8Array) => verifyBundle(bytesIO(bytes, inflate), { trust });

/** [start, end) of every entry's data: what the manifests and the signature cover. */
async function signedRanges(): Promise<Array<[number, number]>> {
  const entries = await openZip(bytesIO(valid, inflate));
  const dv = new DataView(valid.buffer, valid.byteOffset);
  return entries
    .filter((e) => e.compressedSize > 0)
    .map((e) => {
      const start = e.offset + 30 + dv.getUint16(e.offset + 26, true) + dv.getUint16(e.offset + 28, true);
      return [start, start + e.compressedSize] as [number, number];
    });
}

function flip(at: number, mask: number): Uint8Array {
  const out = valid.slice();
  out[at] = (out[at] as number) ^ mask;
  return out;
}

describe('verify: random byte flips', () => {
  it('the unflipped bundle is valid', async () => {
    expect((await verify(valid)).valid).toBe(true);
  });

  it('fails for every flip inside signed content', async () => {
    const ranges = await signedRanges();
    const total = ranges.reduce((s, [a, b]) => s + b - a, 0);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: total - 1 }), fc.integer({ min: 1, max: 255 }), async (k, mask) => {
        let at = -1;
        for (const [a, b] of ranges) {
          if (k < b - a) {
            at = a + k;
            break;
          }
          k -= b - a;
        }
        const report = await verify(flip(at, mask));
        expect(report.valid).toBe(false);
        expect(report.steps.some((s) => s.failures.some((f) => f.code.startsWith('BUNDLE_')))).toBe(true);
      }),
      { seed: 20261202, numRuns: 300 },
    );
  }, 120_000);

  it('never throws, and answers a complete report, whatever byte is flipped', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: valid.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, mask) => {
        const report = await verify(flip(at, mask));
        expect(report.reportVersion).toBe(1);
        for (const s of report.steps) for (const f of s.failures) expect(typeof f.path).toBe('string');
      }),
      { seed: 20261203, numRuns: 200 },
    );
  }, 120_000);
});
