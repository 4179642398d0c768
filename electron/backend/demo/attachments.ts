// Attachments of demo dossiers: small one-page PDFs and generated "scan" PNGs.
import { createHash } from 'node:crypto';
import type { DossierDoc } from '../../../shared/bundle/schema';
import { makePdf } from './pdf';
import { encodePng, type Rgb } from './png';
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
): DemoAttachment[] {
  const kinds = d.reviewType === 'green_channel' ? [GREEN_CHANNEL_KIND, ...ATTACHMENT_KINDS] : [...ATTACHMENT_KINDS];
  const out: DemoAttachment[] = [];
  for (let i = 0; i < count; i++) {
    const kind = kinds[i % kinds.length] as AttachmentKind;
    const round = Math.floor(i / kinds.length);
    const name = round === 0 ? kind.name : kind.name.replace(/(\.[a-z]+)$/, `（${round + 1}）$1`);
    const bytes =
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
