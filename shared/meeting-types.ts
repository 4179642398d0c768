// What the meeting methods of the contract return (issue 9). Kept apart from shared/types.ts: one area, one file.
import type { Choice, DossierRoundResult } from './domain/ballots';
import type { MeetingSettings } from './domain/meeting-settings';
import type { PendingTie, QuotaOutcome, QuotaResult } from './domain/quotas';
import type { QuorumBase } from './domain/rules';
import type { ExpertRole } from './bundle/schema';
import type { BallotDifference, PaperMark } from './domain/paper-ballots';

export const COMMITMENT_PAYLOAD_TYPE = 'application/vnd.paneldesk.commitment+json';
export const RESULTS_PAYLOAD_TYPE = 'application/vnd.paneldesk.results+json';
export const COUNTS_PAYLOAD_TYPE = 'application/vnd.paneldesk.counts+json';

export interface MeetingExpertRow {
  expertId: string;
  name: string;
  role: ExpertRole;
  hasKey: boolean;
  present: boolean;
  arrivedAt: string | null;
  leftAt: string | null;
  /** Arrived after the meeting opened. */
  late: boolean;
  commitmentSignedAt: string | null;
}

export interface QuorumView {
  base: QuorumBase;
  n: number;
  needed: number;
  present: number;
  met: boolean;
  shortBy: number;
}

export interface RoundSummary {
  id: string;
  number: number;
  purpose: 'vote' | 'tiebreak';
  kind: 'electronic' | 'paper';
  quotaId: string | null;
  status: 'open' | 'closed' | 'void';
  openedAt: string;
  closedAt: string | null;
  voidReason: string | null;
  dossierIds: string[];
  /** On the roll (present when it opened). */
  roll: string[];
  /** On the roll with at least one dossier they are not recused from: who must vote before it closes by itself. */
  voters: string[];
  /** Who has voted (never how). */
  voted: string[];
  /** Paper rounds: who entered and who confirmed the counts, or the chair's arbitration (null: electronic). */
  paper: PaperRecord | null;
}

/** Who entered a paper round's counts, who confirmed them blind, or how the chair arbitrated two that differ. */
export interface PaperRecord {
  /** Entries so far (every attempt is kept). */
  entries: number;
  enteredBy: string | null;
  confirmedBy: string | null;
  arbitratedBy: string | null;
  arbitrationReason: string | null;
  /** Entered ballot by ballot (the accepted entry), not as counts. */
  byBallot: boolean;
}

export interface MeetingView {
  sessionId: string;
  opened: boolean;
  openedAt: string | null;
  openedBy: string | null;
  settings: MeetingSettings;
  commitmentText: string;
  tellerId: string | null;
  scrutineerId: string | null;
  experts: MeetingExpertRow[];
  quorum: QuorumView;
  rounds: RoundSummary[];
  /** Dossiers whose applicant's commitment (承诺书) the bundle does not record as signed: flagged before the vote. */
  withoutCommitment: Array<{ dossierId: string; packetNo: string; name: string }>;
}

export interface BallotDossier {
  dossierId: string;
  packetNo: string;
  name: string;
  employer: string;
  specialty: string;
  level: string;
}

/** What the private voting screen shows one expert: the open round's dossiers they vote on. Nothing of other ballots. */
export interface BallotSheet {
  roundId: string;
  number: number;
  expertId: string;
  expertName: string;
  dossiers: BallotDossier[];
}

export interface CastReceipt {
  roundId: string;
  /** The voter's tracker code: listed with its choices in the published tally, linked to nobody. */
  tracker: string;
  /** The last eligible voter closed the round. */
  roundClosed: boolean;
}

export interface RoundTally {
  round: RoundSummary;
  results: DossierRoundResult[];
  /** Every tracker with its choices, sorted by tracker. */
  trackers: Array<{ tracker: string; choices: Array<{ dossierId: string; choice: Choice }> }>;
}

export interface DossierResult extends BallotDossier {
  score: number | null;
  scorers: number;
  trimmed: boolean;
  goesToVote: boolean;
  commitmentSigned: boolean;
  rounds: Array<Pick<DossierRoundResult, 'agree' | 'disagree' | 'abstain' | 'invalid' | 'issued' | 'returned' | 'valid' | 'eligible' | 'recused' | 'needed' | 'passed' | 'void'> & { roundId: string; number: number; purpose: 'vote' | 'tiebreak' }>;
  outcome: QuotaOutcome;
}

export interface StatementSummary {
  version: number;
  signedBy: string;
  keyid: string;
  fingerprint: string;
  payloadSha256: string;
  correctionReason: string | null;
  signedAt: string;
}

export interface MeetingResults {
  settings: MeetingSettings;
  quorum: QuorumView;
  attendance: { members: number; present: number; late: number; left: number };
  dossiers: DossierResult[];
  quotas: QuotaResult[];
  ties: PendingTie[];
  /** Quotas larger than the dossiers in their scope (QUOTA_EXCEEDS_CANDIDATES: flagged, not refused). */
  flags: Array<{ code: 'QUOTA_EXCEEDS_CANDIDATES'; quotaId: string; count: number; inScope: number }>;
  statements: StatementSummary[];
}

/** One dossier's paper counts as the teller or the scrutineer enters them (发出, 收回, 有效, 无效, 同意, 不同意, 弃权). */
export interface PaperCount {
  dossierId: string;
  issued: number;
  returned: number;
  valid: number;
  invalid: number;
  agree: number;
  disagree: number;
  abstain: number;
}

export interface PaperEntryResult {
  roundId: string;
  /** Two different people entered the same counts: the round is closed (or void) with them. */
  accepted: boolean;
  status: 'open' | 'closed' | 'void';
  /** After a second entry that differs: the fields that differ, with both values, for the two to recount. */
  diff: Array<{ dossierId: string; field: Exclude<keyof PaperCount, 'dossierId'>; values: [number, number] }>;
  /** Both entries made ballot by ballot: the ballots that differ, dossier by dossier. */
  ballotDiff: BallotDifference[];
  enteredBy: string;
  confirmedBy: string | null;
}

/** The per-ballot entry of a paper round: one mark per dossier of the round, in the round's order, per ballot. */
export type PaperBallots = PaperMark[][];

/** One officer's signature over the counts (计票结果报告单). `current`: over the counts as they are now. */
export interface CountSignature {
  officer: 'teller' | 'scrutineer';
  expertId: string;
  name: string;
  fingerprint: string;
  countsSha256: string;
  signedAt: string;
  current: boolean;
}

/** 计票结果报告单: every closed round's counts per dossier, their hash, and the officers' signatures. */
export interface CountReport {
  rounds: Array<{
    roundId: string;
    number: number;
    kind: 'electronic' | 'paper';
    status: 'closed' | 'void';
    voidReason: string | null;
    counts: PaperCount[];
  }>;
  countsSha256: string;
  tellerId: string | null;
  scrutineerId: string | null;
  signatures: CountSignature[];
  /** Both officers signed the counts as they are now: the chair may sign the results. */
  complete: boolean;
}
