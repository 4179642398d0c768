import { describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import { bitDepthFor, crc32, encodePng, type Rgb } from '../../../electron/backend/demo/png';
import { MAX_STORED_BLOCK, adler32, zlibStored } from '../../../electron/backend/demo/zlib-stored';
import { decodeIndexedPng, storedBlocks } from './png-decode';

/** Bytes from a fixed linear congruential sequence: same on every run, with no runs to compress. */
function noise(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('zlibStored', () => {
  it.each([0, 1, 100, MAX_STORED_BLOCK, MAX_STORED_BLOCK + 1, 3 * MAX_STORED_BLOCK + 17])('round-trips %i bytes through zlib.inflateSync', (n) => {
    const data = noise(n, n + 1);
    const z = zlibStored(data);
    expect([z[0], z[1]]).toEqual([0x78, 0x01]);
    expect(((z[0]! << 8) | z[1]!) % 31).toBe(0);
    expect(Buffer.from(zlib.inflateSync(z)).equals(Buffer.from(data))).toBe(true);
    const blocks = storedBlocks(z);
    expect(blocks.reduce((a, b) => a + b, 0)).toBe(n);
    expect(blocks).toHaveLength(Math.max(1, Math.ceil(n / MAX_STORED_BLOCK)));
    expect(blocks.slice(0, -1).every((len) => len === MAX_STORED_BLOCK)).toBe(true);
    expect(z.length).toBe(2 + 5 * blocks.length + n + 4);
  });

  it('is an empty final block for empty input', () => {
    expect([...zlibStored(new Uint8Array(0))]).toEqual([0x78, 0x01, 0x01, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01]);
  });

  it('computes Adler-32 as zlib does', () => {
    expect(adler32(new TextEncoder().encode('Wikipedia'))).toBe(0x11e60398);
    expect(adler32(new Uint8Array(0))).toBe(1);
    // The trailer of zlib's own stream is the Adler-32 of the input, big-endian; 0xff bytes stress the reduction.
    for (const data of [noise(100_000), new Uint8Array(70_000).fill(0xff)]) {
      expect(adler32(data)).toBe(zlib.deflateSync(data).readUInt32BE(zlib.deflateSync(data).length - 4));
    }
  });
});

describe('encodePng', () => {
  const palette: Rgb[] = [
    [250, 250, 242],
    [30, 90, 160],
    [120, 120, 125],
  ];

  it('writes IHDR, tEXt, PLTE, a stored-block IDAT and IEND, which decode to the same pixels', () => {
    const pixels = Uint8Array.from({ length: 5 * 3 }, (_, i) => (i * 7) % 3);
    const png = encodePng({ width: 5, height: 3, palette, pixels }, { Comment: 'hello' });
    const d = decodeIndexedPng(png);
    expect([d.width, d.height, d.depth, d.colourType]).toEqual([5, 3, 2, 3]);
    expect(d.palette).toEqual(palette);
    expect(d.pixels).toEqual([...pixels]);
    expect(d.text).toEqual(['Comment\0hello']);
    expect([d.idat[0], d.idat[1]]).toEqual([0x78, 0x01]);
    expect(storedBlocks(d.idat)).toHaveLength(1);
    // Two pixels of 2 bits in the last byte of each 5-pixel row: the unused low bits are zero.
    expect(zlib.inflateSync(d.idat)).toEqual(Buffer.from([0, 0b00011000, 0b01000000, 0, 0b10000110, 0b00000000, 0, 0b01100001, 0b10000000]));
  });

  it.each([
    [2, 1],
    [4, 2],
    [16, 4],
    [256, 8],
  ])('packs %i colours at %i bits a pixel', (colours, depth) => {
    expect(bitDepthFor(colours)).toBe(depth);
    const pal = Array.from({ length: colours }, (_, i): Rgb => [i, 255 - i, (i * 3) % 256]);
    const width = 13;
    const height = 4;
    const pixels = Uint8Array.from(noise(width * height, colours), (v) => v % colours);
    const d = decodeIndexedPng(encodePng({ width, height, palette: pal, pixels }));
    expect(d.depth).toBe(depth);
    expect(d.pixels).toEqual([...pixels]);
    expect(d.palette).toEqual(pal);
  });

  it('is the same bytes every time', () => {
    const img = { width: 40, height: 30, palette, pixels: Uint8Array.from(noise(1200), (v) => v % 3) };
    expect(Buffer.from(encodePng(img)).equals(Buffer.from(encodePng(img)))).toBe(true);
  });

  it.each([
    ['a pixel past the palette', { width: 2, height: 1, palette, pixels: Uint8Array.of(0, 3) }, /past the palette/],
    ['the wrong pixel count', { width: 2, height: 2, palette, pixels: Uint8Array.of(0, 1, 2) }, /width\*height/],
    ['an empty palette', { width: 1, height: 1, palette: [], pixels: Uint8Array.of(0) }, /1 to 256/],
    ['a colour out of range', { width: 1, height: 1, palette: [[0, 0, 256] as Rgb], pixels: Uint8Array.of(0) }, /0-255/],
    ['a zero width', { width: 0, height: 1, palette, pixels: new Uint8Array(0) }, /positive/],
  ])('refuses %s', (_what, img, message) => {
    expect(() => encodePng(img)).toThrow(message);
  });

  it('refuses non-ASCII text', () => {
    expect(() => encodePng({ width: 1, height: 1, palette, pixels: Uint8Array.of(0) }, { Comment: '评审' })).toThrow(/ASCII/);
  });

  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});
