// yazl computes every entry's CRC-32 with buffer-crc32, a byte-at-a-time JavaScript loop (under 100 MB/s here):
// on a 1.5 GB result bundle that alone made the export twice as slow as `zip -0`. Node's zlib.crc32 (20.15+) is the
// same function (IEEE 802.3, same chaining) in C. This swaps it into the buffer-crc32 instance yazl itself loads;
// test/unit/bundles/fast-crc.test.ts checks both agree, chained and not.
import { createRequire } from 'node:module';
import zlib from 'node:zlib';

type Crc32Module = { unsigned: (buf: Buffer | string, previous?: number | Buffer) => number };

let installed = false;

/** yazl's own buffer-crc32 (resolved from yazl's folder, where npm may have put another version). */
export function yazlCrc32Module(): Crc32Module {
  const fromHere = createRequire(import.meta.url);
  return createRequire(fromHere.resolve('yazl'))('buffer-crc32') as Crc32Module;
}

export function installFastCrc32(): void {
  const native = (zlib as unknown as { crc32?: (data: Buffer | string, value?: number) => number }).crc32;
  if (installed || typeof native !== 'function') return;
  const mod = yazlCrc32Module();
  const slow = mod.unsigned;
  mod.unsigned = (buf, previous) =>
    // A Buffer-typed previous value (buffer-crc32's other calling form) keeps the original path.
    Buffer.isBuffer(previous) ? slow(buf, previous) : native(buf, previous ?? 0);
  installed = true;
}
