import { describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { buildDemoSession } from '../../../electron/backend/demo/demo-session';
import { makePdf } from '../../../electron/backend/demo/pdf';
import { decodeIndexedPng, storedBlocks } from './png-decode';

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

  it('every PNG is a 200×140 four-colour scan with valid chunks, stored blocks and its packet number', () => {
    const pngs = refs.filter(({ a }) => a.mediaType === 'image/png');
    expect(pngs.length).toBeGreaterThan(5);
    for (const { d, a } of pngs) {
      const png = decodeIndexedPng(blobs.get(a.sha256)!);
      expect([png.width, png.height, png.depth, png.colourType]).toEqual([200, 140, 2, 3]);
      expect(png.palette).toHaveLength(4);
      // Paper, header band, text lines and seal all show.
      expect(new Set(png.pixels)).toEqual(new Set([0, 1, 2, 3]));
      expect(png.pixels.filter((p) => p === 3).length).toBeGreaterThan(200);
      expect(png.palette[3]).toEqual([205, 40, 40]);
      // No compressor in the path: the file is the same on every machine.
      expect(storedBlocks(png.idat).length).toBeGreaterThan(0);
      expect(png.text.join('\n')).toContain(d.packetNo);
      expect(a.size).toBeLessThan(8 * 1024);
    }
  });

  it('the green-channel dossier carries its recommendation letters', () => {
    const green = content.dossiers.find((d) => d.reviewType === 'green_channel')!;
    expect(green.attachments[0]?.name).toBe('破格推荐意见.pdf');
  });
});
