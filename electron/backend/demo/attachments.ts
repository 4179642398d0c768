// Attachments of demo dossiers: small one-page PDFs and generated "scan" PNGs.
import { createCipheriv, createHash } from 'node:crypto';
import type { DossierDoc } from '../../../shared/bundle/schema';
import { makePdf } from './pdf';
import { crc32, encodePng, type Rgb } from './png';
import { intBetween, type Rng } from './prng';

type AttachmentRef = DossierDoc['attachments'][number];

interface AttachmentKind {
  /** Chinese file name shown to users (kept in the JSON; the zip entry is the hash). */
  name: string;
  /** ASCII title printed in the file. */
  title: string;
  type: 'pdf' | 'png';
}

export const ATTACHMENT_KINDS: readonly AttachmentKind[] = [
  { name: '学历证书.pdf', title: 'Diploma and degree certificate', type: 'pdf' },
  { name: '业绩证明.png', title: 'Performance evidence', type: 'png' },
  { name: '现职称证书.pdf', title: 'Current professional title certificate', type: 'pdf' },
  { name: '代表作.pdf', title: 'Representative work', type: 'pdf' },
  { name: '获奖证书.png', title: 'Award certificate', type: 'png' },
  { name: '个人承诺书.pdf', title: 'Personal integrity commitment', type: 'pdf' },
];
const GREEN_CHANNEL_KIND: AttachmentKind = { name: '破格推荐意见.pdf', title: 'Green-channel recommendation letters', type: 'pdf' };

export const PNG_WIDTH = 200;
export const PNG_HEIGHT = 140;

/** Palette indices of the scan's four colours. */
const PAPER = 0;
const HEADER = 1;
const INK = 2;
const SEAL = 3;

/** A paper-like picture in four colours: header band, text lines of varying length, and a red seal. */
function scanPicture(rng: Rng, comment: string): Uint8Array {
  const w = PNG_WIDTH;
  const h = PNG_HEIGHT;
  const pixels = new Uint8Array(w * h).fill(PAPER);
  const fill = (x0: number, y0: number, x1: number, y1: number, colour: number): void => {
    for (let y = y0; y < y1; y++) pixels.fill(colour, y * w + x0, y * w + x1);
  };
  const paper = 240 + intBetween(rng, 0, 12);
  const header: Rgb = [intBetween(rng, 20, 90), intBetween(rng, 60, 130), intBetween(rng, 130, 200)];
  fill(6, 6, w - 6, 22, HEADER);
  for (let line = 0; line < 8; line++) {
    const y0 = 32 + line * 12;
    fill(14, y0, 14 + intBetween(rng, 60, w - 30), y0 + 4, INK);
  }
  const cx = w - 38 + intBetween(rng, -4, 4);
  const cy = h - 34 + intBetween(rng, -4, 4);
  for (let y = cy - 24; y <= cy + 24; y++) {
    for (let x = cx - 24; x <= cx + 24; x++) {
      const d2 = (x - cx) ** 2 + (y - cy) ** 2;
      if (d2 <= 24 * 24 && d2 >= 20 * 20 && x >= 0 && x < w && y >= 0 && y < h) pixels[y * w + x] = SEAL;
    }
  }
  const palette: Rgb[] = [[paper, paper, paper - 8], header, [120, 120, 125], [205, 40, 40]];
  return encodePng({ width: w, height: h, palette, pixels }, { Comment: comment });
}

export interface DemoAttachment {
  ref: AttachmentRef;
  bytes: Uint8Array;
}

/**
 * `count` attachments for one dossier, cycling through the kinds; a green-channel dossier gets
 * its recommendation letters first. Every file names the packet, so no two dossiers share a hash.
 */
export function makeAttachments(
  rng: Rng,
  d: Pick<DossierDoc, 'id' | 'packetNo' | 'reviewType' | 'specialty'>,
  count: number,
  /** Pad every file to at least this many bytes (for load tests); 0 or absent leaves them small. */
  minSize = 0,
): DemoAttachment[] {
  const kinds = d.reviewType === 'green_channel' ? [GREEN_CHANNEL_KIND, ...ATTACHMENT_KINDS] : [...ATTACHMENT_KINDS];
  const out: DemoAttachment[] = [];
  for (let i = 0; i < count; i++) {
    const kind = kinds[i % kinds.length] as AttachmentKind;
    const round = Math.floor(i / kinds.length);
    const name = round === 0 ? kind.name : kind.name.replace(/(\.[a-z]+)$/, `（${round + 1}）$1`);
    const raw =
      kind.type === 'pdf'
        ? makePdf({
            title: kind.title,
            lines: [
              `Packet: ${d.packetNo}`,
              `Dossier: ${d.id}`,
              `Document ${i + 1} of ${count}`,
              'PanelDesk demo session - sample document, not a real record.',
            ],
          })
        : scanPicture(rng, `PanelDesk demo ${kind.title}, packet ${d.packetNo}, dossier ${d.id}`);
    const bytes = minSize > raw.length ? padFile(raw, kind.type, minSize, `${d.id}/${i}`) : raw;
    out.push({
      bytes,
      ref: {
        sha256: createHash('sha256').update(bytes).digest('hex'),
        name,
        mediaType: kind.type === 'pdf' ? 'application/pdf' : 'image/png',
        size: bytes.length,
      },
    });
  }
  return out;
}

/** Deterministic, incompressible bytes: AES-256-CTR keystream under a key derived from `label`. */
function keystream(label: string, n: number): Buffer {
  const key = createHash('sha256').update(`paneldesk demo padding ${label}`).digest();
  return createCipheriv('aes-256-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(n));
}

/**
 * The file grown to exactly `size` bytes, still valid: a PNG gets a private ancillary chunk ("paDd")
 * before IEND, which decoders skip; a PDF gets comment lines after %%EOF, which readers ignore (they
 * find the cross-reference table from the last startxref).
 */
export function padFile(bytes: Uint8Array, type: 'pdf' | 'png', size: number, label: string): Uint8Array {
  if (type === 'png') {
    const pad = keystream(label, Math.max(0, size - bytes.length - 12));
    const chunk = new Uint8Array(12 + pad.length);
    const view = new DataView(chunk.buffer);
    view.setUint32(0, pad.length);
    chunk.set([0x70, 0x61, 0x44, 0x64], 4);
    chunk.set(pad, 8);
    view.setUint32(8 + pad.length, crc32(chunk, 4, 8 + pad.length));
    const iend = bytes.length - 12;
    const out = new Uint8Array(bytes.length + chunk.length);
    out.set(bytes.subarray(0, iend), 0);
    out.set(chunk, iend);
    out.set(bytes.subarray(iend), iend + chunk.length);
    return out;
  }
  const need = size - bytes.length;
  const text = keystream(label, need).toString('base64').replace(/[^A-Za-z0-9]/g, 'x');
  const lines: string[] = [];
  for (let at = 0; at < need; at += 64) lines.push(`%${text.slice(at, at + 62)}\n`);
  const tail = Buffer.from(lines.join('')).subarray(0, need);
  if (tail.length > 0) tail[tail.length - 1] = 0x0a;
  const out = new Uint8Array(size);
  out.set(bytes, 0);
  out.set(tail, bytes.length);
  return out;
}
