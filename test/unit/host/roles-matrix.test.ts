// Every contract method, called by every role, with a valid input on the demo session: allowed roles get
// an answer (a value, or a domain error), the others CONTRACT_FORBIDDEN. The table below is written by
// hand from the threat model (docs/architecture.md), not derived from the contract, so a role widened in
// the contract by mistake fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { METHOD_NAMES, contract, type MethodName } from '../../../shared/contract';
import type { Role } from '../../../shared/types';
import type { BackendHost } from '../../../electron/backend/host-types';
import { enrol, ok, openHost, TEST_SECRETARY_PASS } from '../../fixtures/demo-host';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROLES: readonly Role[] = ['locked', 'secretary', 'expert', 'chair', 'examiner'];
const ANYONE: readonly Role[] = ROLES;
const SEC: readonly Role[] = ['secretary'];
const STAFF: readonly Role[] = ['secretary', 'chair', 'examiner'];
const READERS: readonly Role[] = ['secretary', 'expert', 'chair', 'examiner'];

/** Who may call what. */
const ALLOWED: Record<MethodName, readonly Role[]> = {
  getAppInfo: ANYONE,
  getPrefs: ANYONE,
  setPrefs: ANYONE,
  listSessions: ANYONE,
  openDemo: SEC,
  getOverview: ANYONE,
  getFilterOptions: READERS,
  listDossiers: READERS,
  getDossier: READERS,
  listExperts: STAFF,
  listGroups: STAFF,
  listStandards: READERS,
  getAttendance: STAFF,
  setAttendance: SEC,
  listConflicts: STAFF,
  decideConflict: SEC,
  declareConflict: SEC,
  getPrincipal: ANYONE,
  listIdentities: ANYONE,
  setUpDesk: ANYONE,
  signInSecretary: ANYONE,
  lockDesk: ANYONE,
  keepAlive: ANYONE,
  setIdleLock: SEC,
  setSecretaryPassphrase: SEC,
  openEnrolment: SEC,
  closeEnrolment: SEC,
  enrollExpert: SEC,
  confirmExpertKey: SEC,
  revokeExpertKey: SEC,
  signIn: ANYONE,
  setExaminerPassphrase: SEC,
  signInExaminer: ANYONE,
  checkAuditAnchors: STAFF,
  listMyDossiers: ['expert'],
  getScoreSheet: ['expert'],
  saveScore: ['expert'],
  saveOpinion: ['expert'],
  submitSheet: ['expert'],
  unlockSheet: ['chair'],
  listSheetStatus: ['chair', 'secretary'],
  getScoringProgress: STAFF,
  exportExpertPackage: SEC,
  exportSheetBundle: ['expert'],
  previewSheetMerge: SEC,
  applySheetMerge: SEC,
  importExcel: SEC,
  exportExcelTemplate: SEC,
  getIssuerTrust: SEC,
  addTrustedIssuer: SEC,
  removeTrustedIssuer: SEC,
  setSignatureRequired: SEC,
  setRefuseTrustChange: SEC,
  startImport: SEC,
  cancelJob: READERS,
  openAttachment: READERS,
  // audit log
  checkpointAuditLog: STAFF,
  listAuditEvents: STAFF,
  getAuditFilterOptions: STAFF,
  exportAuditLog: STAFF,
  // the meeting: the chair presides; check-in, commitments and the voting laptop at the secretary's or chair's desk
  getMeeting: STAFF,
  openMeeting: ['chair'],
  checkIn: ['secretary', 'chair'],
  checkOut: ['secretary', 'chair'],
  designateOfficers: ['secretary', 'chair'],
  signCommitment: ['secretary', 'chair', 'expert'],
  openBallotRound: ['chair'],
  enterPaperCounts: ['secretary', 'chair'],
  closeBallotRound: ['chair'],
  getBallotSheet: ['secretary', 'chair'],
  castBallot: ['secretary', 'chair'],
  getRoundTally: STAFF,
  getMeetingResults: STAFF,
  openTieBreakRound: ['chair'],
  decideQuotaTie: ['chair'],
  signResults: ['chair'],
  // the meeting's open points
  enterPaperBallots: ['secretary', 'chair'],
  arbitratePaperEntry: ['chair'],
  getCountReport: STAFF,
  coSignCounts: ['secretary', 'chair'],
  updateMeetingSettings: ['secretary', 'chair'],
  // meeting prints and the results workbook (issue 9 items 6–7)
  getNoticeHolidays: STAFF,
  setNoticeHolidays: SEC,
  listPrintDossiers: STAFF,
  listScoreSheetsForPrint: STAFF,
  exportResultsExcel: SEC,
  // the signed result bundle (rbundle)
  exportResultBundle: SEC,
  // the examiner's workspace: the examiner and the secretary read; only the examiner draws, records and signs
  getExaminerAnalysis: ['examiner'],
  getExaminerDossier: ['examiner'],
  setExaminerThresholds: ['examiner'],
  drawSpotCheck: ['examiner'],
  getSpotCheck: ['examiner'],
  recordFinding: ['examiner'],
  signFindings: ['examiner'],
  getFindingsStatement: ['examiner'],
  exportFindingsExcel: ['examiner'],
};

const EXPERT_PASS = 'matrix expert pass';
const CHAIR_PASS = 'matrix chair pass';
const EXAMINER_PASS = 'matrix examiner pass';

let host: BackendHost;
let dir: string;
let ids: { sessionId: string; expert: string; chair: string; dossier: string; other: string };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-matrix-'));
  host = openHost(dir);
  const { sessionId } = await ok(host, 'openDemo', {});
  const experts = await ok(host, 'listExperts', { sessionId });
  const chair = experts.find((e) => e.role === 'chair') as (typeof experts)[number];
  const expert = experts.find((e) => e.role === 'member' && e.groups.length > 0) as (typeof experts)[number];
  const other = experts.find((e) => e.role === 'member' && e.id !== expert.id) as (typeof experts)[number];
  await enrol(host, sessionId, expert.id, EXPERT_PASS);
  await enrol(host, sessionId, chair.id, CHAIR_PASS);
  await ok(host, 'setExaminerPassphrase', { passphrase: EXAMINER_PASS });
  const dossier = (await ok(host, 'listDossiers', { sessionId, groupId: expert.groups[0] as string })).rows[0]?.id as string;
  ids = { sessionId, expert: expert.id, chair: chair.id, dossier, other: other.id };
});

afterAll(() => {
  host.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function become(role: Role): Promise<void> {
  if ((await ok(host, 'getPrincipal', {})).role === role) return;
  await ok(host, 'signInSecretary', { passphrase: TEST_SECRETARY_PASS });
  if (role === 'expert') await ok(host, 'signIn', { sessionId: ids.sessionId, expertId: ids.expert, passphrase: EXPERT_PASS, as: 'expert' });
  if (role === 'chair') await ok(host, 'signIn', { sessionId: ids.sessionId, expertId: ids.chair, passphrase: CHAIR_PASS, as: 'chair' });
  if (role === 'examiner') await ok(host, 'signInExaminer', { passphrase: EXAMINER_PASS });
  if (role === 'locked') await ok(host, 'lockDesk', {});
}

/** A valid input for `m`, with real ids; passphrases that change nothing (the same ones again). */
function inputFor(m: MethodName): Record<string, unknown> {
  const values: Record<string, unknown> = {
    sessionId: ids.sessionId,
    dossierId: ids.dossier,
    expertId: m === 'signIn' ? ids.expert : ids.other,
    present: true,
    decision: 'dismiss',
    reason: '矩阵测试',
    path: '/nowhere/x.pdbundle',
    jobId: 'job-1',
    zoom: 1,
    passphrase: { setUpDesk: 'takeover attempt', signInSecretary: TEST_SECRETARY_PASS, setSecretaryPassphrase: TEST_SECRETARY_PASS, setExaminerPassphrase: EXAMINER_PASS, signInExaminer: EXAMINER_PASS, signFindings: EXAMINER_PASS }[m as string] ?? EXPERT_PASS,
    current: TEST_SECRETARY_PASS,
    as: 'expert',
    keyid: 'a'.repeat(64),
    itemId: 'I-none',
    value: 0,
    opinion: '',
    bundleHash: 'b'.repeat(64),
    kind: 'roster',
    skipProblemRows: false,
    label: '矩阵测试',
    publicKeyHex: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    required: false,
    minutes: 10,
    refuse: false,
    sha256: 'a'.repeat(64),
    tellerId: ids.expert,
    scrutineerId: ids.other,
    roundId: 'R-none',
    entrantId: ids.expert,
    quotaId: 'Q-none',
    chosen: [ids.dossier],
    choices: [{ dossierId: ids.dossier, choice: 'agree' }],
    counts: [{ dossierId: ids.dossier, issued: 1, returned: 1, valid: 1, invalid: 0, agree: 1, disagree: 0, abstain: 0 }],
    ballots: [['agree']],
    query: { sessionId: ids.sessionId },
    days: ['2026-10-01'],
    labels:
      m === 'exportFindingsExcel'
        ? { sheets: {}, columns: {}, rules: {}, severities: {}, summary: [] }
        : { sheet: '审计日志', verifySheet: '核验结果', columns: {}, kinds: {}, roles: {}, details: {}, summary: [] },
    patch: { zScore: 2 },
    rate: 0.1,
    stratified: true,
    salt: 'matrix',
    sampleId: 1,
    conforms: true,
    acknowledged: [],
  };
  const schema = contract[m].input as unknown as z.ZodObject;
  const input = Object.fromEntries(Object.keys(schema.shape).filter((k) => k in values).map((k) => [k, values[k]]));
  expect(schema.safeParse(input).success, `give ${m}'s parameters a value here`).toBe(true);
  return input;
}

describe('who may call what', () => {
  it('the table covers every contract method', () => {
    expect(Object.keys(ALLOWED).sort()).toEqual([...METHOD_NAMES].sort());
  });

  for (const role of ROLES) {
    it(`as ${role}: every method answers or refuses exactly as the table says`, async () => {
      const seen: string[] = [];
      for (const m of METHOD_NAMES) {
        await become(role);
        const r = await host.invoke(m, inputFor(m));
        const forbidden = !r.ok && r.error.code === 'CONTRACT_FORBIDDEN';
        seen.push(`${m}:${forbidden ? 'forbidden' : 'answered'}`);
        expect(forbidden, `${role} → ${m}: ${JSON.stringify(r).slice(0, 200)}`).toBe(!ALLOWED[m].includes(role));
      }
      expect(seen).toHaveLength(METHOD_NAMES.length);
    });
  }
});
