// What the examiner's contract methods answer (shared/contract.ts), and the signed findings statement.
import type { DsseEnvelope } from '../crypto/dsse';
import type { GroupStat, RoundVotes } from './analysis';
import type { Anomaly } from './anomalies';
import type { ExaminerThresholds } from './thresholds';

export const FINDINGS_PAYLOAD_TYPE = 'application/vnd.paneldesk.examiner-findings+json';

export interface ExaminerAnalysisView {
  sessionId: string;
  bundleHash: string;
  thresholds: ExaminerThresholds;
  groups: GroupStat[];
  rounds: RoundVotes[];
  anomalies: Anomaly[];
  experts: Array<{ id: string; name: string }>;
  dossiers: Array<{ id: string; packetNo: string; name: string; groupId: string }>;
  /** Submitted sheets the statistics counted. */
  sheetsCounted: number;
}

export interface ExaminerSheetView {
  expertId: string;
  expertName: string;
  version: number;
  status: 'draft' | 'submitted';
  scores: Record<string, number>;
  total: number;
  statedTotal: number | null;
  recommendation: 'agree' | 'disagree' | 'abstain' | null;
  submittedAt: string | null;
  recused: boolean;
}

export interface ExaminerDossierView {
  dossier: { id: string; packetNo: string; name: string; groupId: string; groupName: string };
  items: Array<{ id: string; label: string; group: string; max: number; bands: number[] | null }>;
  sheets: ExaminerSheetView[];
  /** Group members with no sheet on this dossier (recused ones marked). */
  without: Array<{ expertId: string; expertName: string; recused: boolean }>;
}

export interface FindingView {
  dossierId: string;
  conforms: boolean;
  reason: string;
  recordedAt: string;
}

export interface SpotCheckView {
  sampleId: number;
  algorithm: string;
  bundleHash: string;
  salt: string;
  stratified: boolean;
  size: number;
  sizeAsked: number | null;
  rateAsked: number | null;
  population: number;
  drawnAt: string;
  dossiers: Array<{ id: string; packetNo: string; name: string; groupId: string }>;
  findings: FindingView[];
}

/** What the examiner signs (RFC 8785 canonical JSON in a DSSE envelope, FINDINGS_PAYLOAD_TYPE). */
export interface FindingsPayload {
  type: 'paneldesk.examiner-findings/v1';
  sessionId: string;
  bundleHash: string;
  version: number;
  keyid: string;
  sample: {
    id: number;
    algorithm: string;
    salt: string;
    stratified: boolean;
    sizeAsked: number | null;
    rateAsked: number | null;
    population: number;
    dossierIds: string[];
  };
  findings: Array<{ dossierId: string; packetNo: string; name: string; conforms: boolean | null; reason: string }>;
  anomalies: {
    thresholds: ExaminerThresholds;
    total: number;
    acknowledged: Array<{ key: string; rule: string; severity: string }>;
  };
  auditCount: number;
  auditHead: string;
  signedAt: string;
}

export interface FindingsStatementView {
  version: number;
  keyid: string;
  fingerprint: string;
  payloadSha256: string;
  signedAt: string;
  payload: FindingsPayload;
  envelope: DsseEnvelope;
}
