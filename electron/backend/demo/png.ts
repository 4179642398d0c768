// A real PNG in indexed colour (palette, 1/2/4/8 bits a pixel, no interlace): IHDR, tEXt, PLTE, one IDAT,
// IEND, each with its CRC-32. The IDAT is a zlib stream of stored blocks (zlib-stored.ts), so the file is
// the same on every machine; the palette keeps it small without compression (a 200×140 scan in 4 colours
// is 7 KB, where 24-bit RGB would be 84 KB).
import { crc32 as zlibCrc32 } from 'node:zlib';
import { zlibStored } from './zlib-stored';

/** CRC-32 of bytes[start, end) (the PNG chunk checksum): Node's native zlib CRC, the one the zip writer uses. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return zlibCrc32(bytes.subarray(start, end)) >>> 0;
}

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

export type Rgb = readonly [number, number, number];

export interface IndexedImage {
  width: number;
  height: number;
  /** 1 to 256 colours. */
  palette: readonly Rgb[];
  /** width*height palette indices, row by row. */
  pixels: Uint8Array;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/** The fewest bits a pixel that can index every colour: 1, 2, 4 or 8. */
export function bitDepthFor(colours: number): 1 | 2 | 4 | 8 {
  return colours <= 2 ? 1 : colours <= 4 ? 2 : colours <= 16 ? 4 : 8;
}

/** Scanlines as PNG filters them (type 0, None), pixels packed leftmost in the high bits (PNG §7.2). */
function scanlines(img: IndexedImage, depth: number): Uint8Array {
  const rowBytes = Math.ceil((img.width * depth) / 8);
  const raw = new Uint8Array(img.height * (1 + rowBytes));
  for (let y = 0; y < img.height; y++) {
    const row = y * (1 + rowBytes) + 1; // raw[row - 1] stays 0: filter type None
    for (let x = 0; x < img.width; x++) {
      const bit = x * depth;
      const shift = 8 - depth - (bit % 8);
      raw[row + (bit >> 3)] = (raw[row + (bit >> 3)] as number) | ((img.pixels[y * img.width + x] as number) << shift);
    }
  }
  return raw;
}

/** `text` becomes tEXt chunks (printable ASCII keywords and values). */
export function encodePng(img: IndexedImage, text: Record<string, string> = {}): Uint8Array {
  const { width, height, palette, pixels } = img;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new Error('width and height must be positive integers');
  if (palette.length < 1 || palette.length > 256) throw new Error('a palette holds 1 to 256 colours');
  if (palette.some((c) => c.some((v) => !Number.isInteger(v) || v < 0 || v > 255))) throw new Error('palette colours are 0-255 per channel');
  if (pixels.length !== width * height) throw new Error('pixels length does not match width*height');
  if (pixels.some((p) => p >= palette.length)) throw new Error('a pixel indexes past the palette');
  const depth = bitDepthFor(palette.length);
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr.set([depth, 3, 0, 0, 0], 8); // indexed colour, deflate, adaptive filtering, no interlace
  const plte = Uint8Array.from(palette.flat());
  const texts = Object.entries(text).map(([k, val]) => {
    if (!/^[\x20-\x7e]{1,79}$/.test(k) || !/^[\x20-\x7e]*$/.test(val)) throw new Error('PNG text must be printable ASCII');
    return chunk('tEXt', Uint8Array.from(`${k}\0${val}`, (c) => c.charCodeAt(0)));
  });
  const parts = [
    PNG_SIGNATURE,
    chunk('IHDR', ihdr),
    ...texts,
    chunk('PLTE', plte),
    chunk('IDAT', zlibStored(scanlines(img, depth))),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
