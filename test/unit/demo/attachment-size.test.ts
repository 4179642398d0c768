// `paneldesk demo --attachment-size`: load-test bundles with attachments of a chosen size, still valid
// files (the PNG decodes, the PDF keeps its cross-reference table), deterministic for a seed.
import { describe, expect, it } from 'vitest';
import { buildDemoSession } from '../../../electron/backend/demo/demo-session';
import { main } from '../../../electron/cli/main';
import { decodeIndexedPng, pngChunks } from './png-decode';

describe('demo attachments of a chosen size', () => {
  it('pads every attachment to the size, PNGs still decode, PDFs keep startxref/%%EOF, and the same seed gives the same bytes', () => {
    const size = 20_000;
    const a = buildDemoSession({ dossiers: 4, attachmentsPerDossier: 3, attachmentSize: size });
    const b = buildDemoSession({ dossiers: 4, attachmentsPerDossier: 3, attachmentSize: size });
    expect(a.blobs.size).toBe(12);
    for (const d of a.content.dossiers) {
      for (const att of d.attachments) {
        const bytes = a.blobs.get(att.sha256) as Uint8Array;
        expect(bytes.length).toBe(size);
        expect(att.size).toBe(size);
        expect(Buffer.from(bytes).equals(Buffer.from(b.blobs.get(att.sha256) as Uint8Array))).toBe(true);
        const text = Buffer.from(bytes).toString('latin1');
        if (att.mediaType === 'image/png') {
          expect(decodeIndexedPng(bytes).width).toBe(200);
          expect(pngChunks(bytes).map((c) => c.type)).toContain('paDd');
          expect(text.slice(-8, -4)).toBe('IEND');
        } else {
          expect(text.startsWith('%PDF-')).toBe(true);
          expect(text).toMatch(/startxref\n\d+\n%%EOF\n(%[A-Za-z0-9]*\n)+$/);
        }
      }
    }
    expect(a.content.session.sessionId).toContain('-z20000');
    const small = buildDemoSession({ dossiers: 4, attachmentsPerDossier: 3 });
    expect(Math.max(...[...small.blobs.values()].map((x) => x.length))).toBeLessThan(size);
  });

  it('takes --attachment-size on the command line and refuses a bad one', async () => {
    const err: string[] = [];
    const io = { out: () => {}, err: (l: string) => err.push(l), cwd: process.cwd() };
    expect(await main(['demo', '--out', 'x.pdbundle', '--attachment-size', 'big'], io)).toBe(2);
    expect(err.join('\n')).toContain('--attachment-size must be a whole number');
    const help: string[] = [];
    expect(await main(['demo', '--help'], { ...io, out: (l: string) => help.push(l) })).toBe(0);
    expect(help.join('\n')).toContain('--attachment-size BYTES');
  });
});
