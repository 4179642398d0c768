// Attachments of demo dossiers: small one-page PDFs and generated "scan" PNGs.
import { createHash } from 'node:crypto';
import type { DossierDoc } from '../../../shared/bundle/schema';
import { makePdf } from './pdf';
import { encodePng } from './png';
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

/** A paper-like picture: header band, text lines of varying length, and a red seal. */
function scanPicture(rng: Rng, comment: string): Uint8Array {
  const w = PNG_WIDTH;
  const h = PNG_HEIGHT;
  const px = new Uint8Array(w * h * 3);
  const set = (x: number, y: number, r: number, g: number, b: number): void => {
    const i = (y * w + x) * 3;
    px[i] = r;
    px[i + 1] = g;
    px[i + 2] = b;
  };
  const paper = 240 + intBetween(rng, 0, 12);
  const header = [intBetween(rng, 20, 90), intBetween(rng, 60, 130), intBetween(rng, 130, 200)] as const;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) set(x, y, paper, paper, paper - 8);
  for (let y = 6; y < 22; y++) for (let x = 6; x < w - 6; x++) set(x, y, header[0], header[1], header[2]);
  for (let line = 0; line < 8; line++) {
    const y0 = 32 + line * 12;
    const len = intBetween(rng, 60, w - 30);
    for (let y = y0; y < y0 + 4; y++) for (let x = 14; x < 14 + len; x++) set(x, y, 120, 120, 125);
  }
  const cx = w - 38 + intBetween(rng, -4, 4);
  const cy = h - 34 + intBetween(rng, -4, 4);
  for (let y = cy - 24; y <= cy + 24; y++) {
    for (let x = cx - 24; x <= cx + 24; x++) {
      const d2 = (x - cx) ** 2 + (y - cy) ** 2;
      if (d2 <= 24 * 24 && d2 >= 20 * 20 && x >= 0 && x < w && y >= 0 && y < h) set(x, y, 205, 40, 40);
    }
  }
  return encodePng(w, h, px, { Comment: comment });
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
