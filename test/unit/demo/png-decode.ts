// An independent reader of the PNGs the demo writes, for assertions: chunks with checked CRCs (node:zlib's
// crc32), IDAT inflated by node:zlib, scanlines unpacked to palette indices.
import zlib from 'node:zlib';
import { expect } from 'vitest';

export interface Chunk {
  type: string;
  data: Buffer;
}

/** Splits a PNG into chunks, asserting the signature and every CRC. */
export function pngChunks(png: Uint8Array): Chunk[] {
  const buf = Buffer.from(png);
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: Chunk[] = [];
  let o = 8;
  while (o < buf.length) {
    const len = buf.readUInt32BE(o);
    const type = buf.toString('latin1', o + 4, o + 8);
    const crc = buf.readUInt32BE(o + 8 + len);
    expect(crc, `CRC of ${type}`).toBe(zlib.crc32(buf.subarray(o + 4, o + 8 + len)));
    chunks.push({ type, data: buf.subarray(o + 8, o + 8 + len) });
    o += 12 + len;
  }
  expect(o).toBe(buf.length);
  return chunks;
}

export interface DecodedPng {
  width: number;
  height: number;
  depth: number;
  colourType: number;
  palette: number[][];
  /** Palette index of every pixel, row by row. */
  pixels: number[];
  text: string[];
  /** The IDAT data as stored (a zlib stream). */
  idat: Buffer;
}

/** Decodes an indexed-colour, non-interlaced PNG whose scanlines use filter 0 (what encodePng writes). */
export function decodeIndexedPng(png: Uint8Array): DecodedPng {
  const chunks = pngChunks(png);
  expect(chunks[0]?.type).toBe('IHDR');
  expect(chunks.at(-1)?.type).toBe('IEND');
  const ihdr = chunks[0]!.data;
  const [width, height, depth, colourType] = [ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8]!, ihdr[9]!];
  expect([...ihdr.subarray(10)], 'compression, filter, interlace').toEqual([0, 0, 0]);
  const types = chunks.map((c) => c.type);
  expect(types.indexOf('PLTE')).toBeGreaterThan(0);
  expect(types.indexOf('PLTE')).toBeLessThan(types.indexOf('IDAT'));
  const plte = chunks.find((c) => c.type === 'PLTE')!.data;
  expect(plte.length % 3).toBe(0);
  const palette = Array.from({ length: plte.length / 3 }, (_, i) => [...plte.subarray(i * 3, i * 3 + 3)]);
  const idat = Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data));
  const raw = zlib.inflateSync(idat);
  const rowBytes = Math.ceil((width * depth) / 8);
  expect(raw.length).toBe(height * (1 + rowBytes));
  const pixels: number[] = [];
  const filters = new Set<number>();
  for (let y = 0; y < height; y++) {
    const row = raw.subarray(y * (1 + rowBytes), (y + 1) * (1 + rowBytes));
    filters.add(row[0]!);
    for (let x = 0; x < width; x++) {
      const bit = x * depth;
      pixels.push((row[1 + (bit >> 3)]! >> (8 - depth - (bit % 8))) & ((1 << depth) - 1));
    }
  }
  expect([...filters], 'filter type of every row').toEqual([0]);
  expect(Math.max(...pixels)).toBeLessThan(palette.length);
  const text = chunks.filter((c) => c.type === 'tEXt').map((c) => c.data.toString('latin1'));
  return { width, height, depth, colourType, palette, pixels, text, idat };
}

/** The deflate block types of a zlib stream made only of stored blocks; fails on any other block. */
export function storedBlocks(zstream: Uint8Array): number[] {
  const lengths: number[] = [];
  let o = 2;
  for (;;) {
    const head = zstream[o]!;
    expect(head & 0x06, 'BTYPE 00 (stored)').toBe(0);
    const len = zstream[o + 1]! | (zstream[o + 2]! << 8);
    const nlen = zstream[o + 3]! | (zstream[o + 4]! << 8);
    expect(nlen).toBe(~len & 0xffff);
    lengths.push(len);
    o += 5 + len;
    if (head & 1) break;
  }
  expect(o + 4, 'only the Adler-32 follows the final block').toBe(zstream.length);
  return lengths;
}
