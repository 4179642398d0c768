// The plain data the examiner's analysis reads. The backend builds it from SQLite for the live session
// (electron/backend/services/examiner-data.ts); a result bundle's reader can build the same shape later.
// Scores are integer hundredths, as everywhere else.

export interface ExItem {
  id: string;
  max: number;
  /** Band scores when the item is banded. */
  bands: number[] | null;
}

export interface ExStandard {
  id: string;
  items: ExItem[];
}

export interface ExExpert {
  id: string;
  name: string;
}

export interface ExGroup {
  id: string;
  name: string;
  memberIds: string[];
}

export interface ExDossier {
  id: string;
  packetNo: string;
  name: string;
  groupId: string;
  standardId: string;
}

export interface ExSheet {
  dossierId: string;
  expertId: string;
  version: number;
  status: 'draft' | 'submitted';
  scores: Record<string, number>;
  /** The total written into the signed sheet, when it carries one; null for drafts. */
  statedTotal: number | null;
  recommendation: 'agree' | 'disagree' | 'abstain' | null;
  submittedAt: string | null;
  /** Audit log: the first item saved for this version, and the submission. */
  firstSavedAt: string | null;
  firstSavedSeq: number | null;
  submittedSeq: number | null;
}

export interface ExRound {
  id: string;
  number: number;
  status: 'open' | 'closed' | 'void';
  openedAt: string;
  openedSeq: number | null;
  dossierIds: string[];
  /** Experts who cast a ballot in the round (participation records; ballots are anonymous). */
  participants: string[];
  /** Counts per dossier: electronic ballots counted, or the paper round's confirmed counts. */
  counts: Record<string, { agree: number; disagree: number; abstain: number }>;
}

export interface ExPresence {
  expertId: string;
  arrivedAt: string;
  late: boolean;
  leftAt: string | null;
  checkInSeq: number | null;
}

export interface ExaminerData {
  sessionId: string;
  /** The hash of the session bundle the data came from (the live session: the imported bundle's hash). */
  bundleHash: string;
  standards: ExStandard[];
  experts: ExExpert[];
  groups: ExGroup[];
  dossiers: ExDossier[];
  /** Confirmed recusals (回避). */
  recusals: Array<{ expertId: string; dossierId: string }>;
  /** Experts present at the meeting (check-in), or at the attendance roll when the meeting has not opened. */
  presence: ExPresence[];
  sheets: ExSheet[];
  rounds: ExRound[];
}
