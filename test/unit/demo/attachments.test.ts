import { describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { buildDemoSession } from '../../../electron/backend/demo/demo-session';
import { makePdf } from '../../../electron/backend/demo/pdf';
import { crc32, encodePng } from '../../../electron/backend/demo/png';

const latin1 = (b: Uint8Array): string => Buffer.from(b).toString('latin1');

/** Checks the xref table: every in-use entry points at "N 0 obj", and startxref points at "xref". */
function checkXref(pdf: Uint8Array): number {
  const text = latin1(pdf);
  expect(text.startsWith('%PDF-1.4\n')).toBe(true);
  expect(text.endsWith('%%EOF\n')).toBe(true);
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
  expect(text.slice(startxref, startxref + 5)).toBe('xref\n');
  const head = /^xref\n0 (\d+)\n/.exec(text.slice(startxref));
  expect(head).not.toBeNull();
  const count = Number(head![1]);
  const table = text.slice(startxref + head![0].length, startxref + head![0].length + count * 20);
  for (let i = 0; i < count; i++) {
    const row = table.slice(i * 20, i * 20 + 20);
    expect(row).toMatch(/^\d{10} \d{5} [nf] \n$/);
    if (i === 0) {
      expect(row).toBe('0000000000 65535 f \n');
      continue;
    }
    const offset = Number(row.slice(0, 10));
    expect(text.slice(offset, offset + `${i} 0 obj`.length)).toBe(`${i} 0 obj`);
  }
  expect(text).toContain(`/Size ${count}`);
  // The content stream's /Length is its exact byte count.
  const m = /<< \/Length (\d+) >>\nstream\n/.exec(text);
  const start = m!.index + m![0].length;
  expect(text.slice(start + Number(m![1]), start + Number(m![1]) + 10)).toBe('\nendstream');
  return count;
}

async function pdfText(pdf: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: pdf.slice(), isEvalSupported: false, stopAtErrors: true, verbosity: 0 }).promise;
  expect(doc.numPages).toBe(1);
  const content = await (await doc.getPage(1)).getTextContent();
  await doc.destroy();
  return content.items.map((i) => ('str' in i ? i.str : '')).filter(Boolean);
}

interface Chunk {
  type: string;
  data: Buffer;
}

/** Splits a PNG into chunks, asserting the signature and every CRC. */
function pngChunks(png: Uint8Array): Chunk[] {
  const buf = Buffer.from(png);
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: Chunk[] = [];
  let o = 8;
  while (o < buf.length) {
    const len = buf.readUInt32BE(o);
    const type = buf.toString('latin1', o + 4, o + 8);
    const crc = buf.readUInt32BE(o + 8 + len);
    // Node's zlib.crc32 is an independent implementation of the CRC that PNG uses.
    expect(crc, `CRC of ${type}`).toBe(zlib.crc32(buf.subarray(o + 4, o + 8 + len)));
    chunks.push({ type, data: buf.subarray(o + 8, o + 8 + len) });
    o += 12 + len;
  }
  expect(o).toBe(buf.length);
  return chunks;
}

describe('demo PDFs', () => {
  it('are valid PDF 1.4 files with a correct xref that pdf.js reads', async () => {
    const pdf = makePdf({ title: 'Award certificate (copy)', lines: ['Packet: JL2026-0001', 'back\\slash'] });
    expect(checkXref(pdf)).toBe(7);
    expect(await pdfText(pdf)).toEqual(['Award certificate (copy)', 'Packet: JL2026-0001', 'back\\slash']);
  });

  it('refuses text a Type 1 font cannot show', () => {
    expect(() => makePdf({ title: '学历证书', lines: [] })).toThrow(/ASCII/);
  });
});

describe('demo PNGs', () => {
  it('have a signature, an IHDR, valid CRCs and image data of the declared size', () => {
    const rgb = new Uint8Array(3 * 4 * 2).map((_, i) => i * 7);
    const png = encodePng(4, 2, rgb, { Comment: 'hello' });
    const chunks = pngChunks(png);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'tEXt', 'IDAT', 'IEND']);
    const ihdr = chunks[0]!.data;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ...ihdr.subarray(8)]).toEqual([4, 2, 8, 2, 0, 0, 0]);
    const raw = zlib.inflateSync(chunks[2]!.data);
    expect(raw).toEqual(Buffer.concat([Buffer.from([0]), Buffer.from(rgb.subarray(0, 12)), Buffer.from([0]), Buffer.from(rgb.subarray(12))]));
    expect(chunks[1]!.data.toString('latin1')).toBe('Comment\0hello');
  });

  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});

describe('demo attachments', () => {
  const { content, blobs } = buildDemoSession();
  const refs = content.dossiers.flatMap((d) => d.attachments.map((a) => ({ d, a })));

  it('hash and size match the bytes, and no two dossiers share a file', () => {
    expect(blobs.size).toBe(refs.length);
    for (const { a } of refs) {
      const bytes = blobs.get(a.sha256)!;
      expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(a.sha256);
      expect(bytes.length).toBe(a.size);
    }
  });

  it('every PDF has a correct xref and shows its packet number', async () => {
    const pdfs = refs.filter(({ a }) => a.mediaType === 'application/pdf');
    expect(pdfs.length).toBeGreaterThan(10);
    for (const { a } of pdfs) checkXref(blobs.get(a.sha256)!);
    const { d, a } = pdfs[0]!;
    expect(await pdfText(blobs.get(a.sha256)!)).toContain(`Packet: ${d.packetNo}`);
  });

  it('every PNG is a 200×140 RGB image with valid chunks', () => {
    const pngs = refs.filter(({ a }) => a.mediaType === 'image/png');
    expect(pngs.length).toBeGreaterThan(5);
    for (const { d, a } of pngs) {
      const chunks = pngChunks(blobs.get(a.sha256)!);
      expect(chunks[0]?.type).toBe('IHDR');
      expect(chunks.at(-1)?.type).toBe('IEND');
      const ihdr = chunks[0]!.data;
      expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]]).toEqual([200, 140, 8, 2]);
      const idat = Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data));
      expect(zlib.inflateSync(idat).length).toBe(140 * (1 + 200 * 3));
      expect(chunks.find((c) => c.type === 'tEXt')?.data.toString('latin1')).toContain(d.packetNo);
    }
  });

  it('the green-channel dossier carries its recommendation letters', () => {
    const green = content.dossiers.find((d) => d.reviewType === 'green_channel')!;
    expect(green.attachments[0]?.name).toBe('破格推荐意见.pdf');
  });
});
