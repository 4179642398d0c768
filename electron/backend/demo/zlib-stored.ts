// A zlib stream (RFC 1950) made of deflate *stored* blocks (RFC 1951 §3.2.4), written by hand.
// Why: zlib's compressor may emit different bytes for the same input on another CPU or build (Chromium's
// SIMD zlib vs the system one), and the demo must be byte-identical everywhere. Stored blocks depend on
// nothing but the input; any inflater reads them.

/** Most bytes one stored block can hold: LEN is 16 bits. */
export const MAX_STORED_BLOCK = 0xffff;

/** Adler-32 (RFC 1950 §8.2): the zlib trailer's checksum of the uncompressed bytes. */
export function adler32(bytes: Uint8Array): number {
  const MOD = 65521;
  let a = 1;
  let b = 0;
  // Reduce every 5552 bytes, as zlib does (its NMAX), so the sums stay small exact integers.
  for (let start = 0; start < bytes.length; start += 5552) {
    const end = Math.min(start + 5552, bytes.length);
    for (let i = start; i < end; i++) {
      a += bytes[i] as number;
      b += a;
    }
    a %= MOD;
    b %= MOD;
  }
  return ((b << 16) | a) >>> 0;
}

/**
 * `data` as a zlib stream without compression:
 * - header 0x78 0x01: CM=8 (deflate), CINFO=7 (32 KiB window), FLEVEL=0 (fastest), no dictionary,
 *   and FCHECK=1 so that 0x7801 is a multiple of 31;
 * - stored blocks of at most 65535 bytes, each one byte BFINAL|BTYPE=00<<1 (the block starts byte-aligned,
 *   so the remaining five bits are the padding), then LEN and NLEN = ~LEN, little-endian, then the bytes;
 *   empty input still gets one (final, empty) block;
 * - the Adler-32 of `data`, big-endian.
 */
export function zlibStored(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / MAX_STORED_BLOCK));
  const out = new Uint8Array(2 + blocks * 5 + data.length + 4);
  const view = new DataView(out.buffer);
  out[0] = 0x78;
  out[1] = 0x01;
  let o = 2;
  for (let k = 0; k < blocks; k++) {
    const start = k * MAX_STORED_BLOCK;
    const len = Math.min(MAX_STORED_BLOCK, data.length - start);
    out[o] = k === blocks - 1 ? 1 : 0;
    view.setUint16(o + 1, len, true);
    view.setUint16(o + 3, ~len & 0xffff, true);
    out.set(data.subarray(start, start + len), o + 5);
    o += 5 + len;
  }
  view.setUint32(o, adler32(data));
  return out;
}
