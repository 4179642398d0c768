// The native CRC-32 swapped into yazl's buffer-crc32 gives exactly what the JavaScript one gives, chained or not.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { installFastCrc32, yazlCrc32Module } from '../../../electron/backend/bundles/fast-crc';

describe('installFastCrc32', () => {
  it('agrees with buffer-crc32 on random data, single and chained, and on the empty buffer', () => {
    const mod = yazlCrc32Module();
    const js = mod.unsigned;
    const samples = [Buffer.alloc(0), Buffer.from('123456789'), ...Array.from({ length: 20 }, (_, i) => randomBytes(1 + i * 997))];
    const expected = samples.map((b) => js(b));
    const chained = samples.reduce((prev, b) => js(b, prev), 0);
    installFastCrc32();
    try {
      expect(mod.unsigned).not.toBe(js);
      expect(samples.map((b) => mod.unsigned(b))).toEqual(expected);
      expect(samples.reduce((prev, b) => mod.unsigned(b, prev), 0)).toBe(chained);
      // The check value of CRC-32/ISO-HDLC.
      expect(mod.unsigned(Buffer.from('123456789'))).toBe(0xcbf43926);
    } finally {
      mod.unsigned = js;
    }
  });
});
