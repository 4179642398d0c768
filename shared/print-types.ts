// What the meeting prints read beyond the meeting methods (issue 9 item 6): the submitted score sheets of each
// expert, item by item, and the 公示 holidays. Kept apart from shared/types.ts: one area, one file.
import type { Level } from './bundle/schema';
import type { Recommendation } from './types';

export interface PrintScoreItem {
  itemId: string;
  group: string;
  label: string;
  /** Hundredths, as stored. */
  max: number;
  value: number | null;
}

/** One expert's latest submitted sheet for one dossier, as signed. */
export interface PrintScoreSheet {
  expertId: string;
  expertName: string;
  /** The signing key's fingerprint, printed beside the signature line. */
  fingerprint: string | null;
  dossierId: string;
  packetNo: string;
  dossierName: string;
  employer: string;
  specialty: string;
  level: Level;
  groupName: string;
  version: number;
  submittedAt: string | null;
  items: PrintScoreItem[];
  /** Hundredths. */
  total: number;
  opinion: string;
  recommendation: Recommendation | null;
  payloadSha256: string | null;
}

/** What the meeting prints show of a dossier: public facts only (no ID number, no scores). */
export interface PrintDossier {
  dossierId: string;
  packetNo: string;
  name: string;
  employer: string;
  series: string;
  specialty: string;
  level: Level;
}

export interface HolidaysView {
  /** ISO days, sorted. */
  days: string[];
}
