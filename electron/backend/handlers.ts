// One handler per contract method. Inputs arrive already validated by the dispatcher.
import type { z } from 'zod';
import type { Contract, MethodName, MethodOutput } from '../../shared/contract';
import { listStandards } from './db/queries/standards';
import { listSessions } from './db/queries/sessions';
import type { Ctx } from './context';
import type { Jobs } from './jobs';
import type { AttachmentCapabilities } from './attachment-caps';
import { principalKey } from './principal';
import { checkAttachmentAccess } from './services/attachment-access';
import { openDemo } from './services/demo';
import { importSessionBundle } from './services/import-session';
import { readPrefs, writePrefs } from './services/prefs';
import { addTrustedIssuer, getIssuerTrust, removeTrustedIssuer, setRefuseTrustChange, setSignatureRequired } from './services/issuers';
import { exportExcelTemplate, importExcel } from './services/excel';
import { applySheetMerge, exportExpertPackage, exportSheetBundle, previewSheetMerge } from './services/offline';
import { closeEnrolment, confirmKey, enrollExpert, listIdentities, openEnrolment, principal, revokeKey, signIn } from './services/identity';
import { lockDesk, setExaminerPassphrase, setIdleLock, setSecretaryPassphrase, setUpDesk, signInExaminer, signInSecretary } from './services/desk';
import { auditFilterOptions, checkAuditAnchors, checkpointNow, listAuditEvents } from './services/audit';
import { exportAuditLog } from './services/audit-export';
import { getScoreSheet, listMyDossiers, listSheetStatus, saveOpinion, saveScore, scoringProgress, submitSheet, unlockSheet } from './services/scoring';
import { attendanceSummary, conflictsView, declareConflict, decideConflict, expertsWithAttendance, groupsView, recordAttendance } from './services/setup';
import { dossierDetail, dossierList, filterOptions, requireSession, sessionOverview } from './services/sessions';
import type { AppInfo } from '../../shared/types';
import { MIGRATIONS, latestVersion } from './db/migrations';
// the committee meeting (issue 9)
import { checkIn, checkOut, designateOfficers, meetingView, openMeeting, signCommitment } from './services/meeting';
import { ballotSheet, castBallot, closeRound, openRound, roundTally } from './services/ballots';
import { arbitratePaperEntry, enterPaperBallots, enterPaperCounts } from './services/paper-entry';
import { coSignCounts, countReport } from './services/count-report';
import { updateMeetingSettings } from './services/meeting-settings';
import { decideQuotaTie, meetingResults, openTieBreakRound, signResults } from './services/meeting-results';
// meeting prints and the results workbook (issue 9 items 6–7)
import { printDossiers, readHolidays, scoreSheetsForPrint, writeHolidays } from './services/prints';
import { exportResultsExcel } from './services/results-excel';
import { prepareResultExport, writePreparedExport } from './services/result-export';
// the examiner's workspace (issue 11)
import { drawSpotCheck, examinerAnalysis, examinerDossier, findingsStatement, latestSpotCheck, recordFinding, setThresholds, signFindings } from './services/examiner';
import { exportFindingsExcel } from './services/examiner-export';

export interface HandlerEnv {
  ctx: Ctx;
  jobs: Jobs;
  info: Omit<AppInfo, 'schemaVersion'>;
  /** Attachment capabilities granted by openAttachment and served by the host. */
  attachments: AttachmentCapabilities;
}

export type Handlers = {
  [M in MethodName]: (env: HandlerEnv, input: z.output<Contract[M]['input']>) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

export const handlers: Handlers = {
  getAppInfo: ({ info }) => ({ ...info, schemaVersion: latestVersion(MIGRATIONS) }),
  getPrefs: ({ ctx }) => readPrefs(ctx.db),
  setPrefs: ({ ctx }, input) => writePrefs(ctx.db, input),
  listSessions: ({ ctx }) => listSessions(ctx.db),
  openDemo: ({ ctx }, { variant }) => openDemo(ctx, variant),
  getOverview: ({ ctx }, { sessionId }) => sessionOverview(ctx, sessionId),
  getFilterOptions: ({ ctx }, { sessionId }) => filterOptions(ctx, sessionId),
  listDossiers: ({ ctx }, q) => dossierList(ctx, q),
  getDossier: ({ ctx }, { sessionId, dossierId }) => dossierDetail(ctx, sessionId, dossierId),
  listExperts: ({ ctx }, { sessionId }) => expertsWithAttendance(ctx, sessionId),
  listGroups: ({ ctx }, { sessionId }) => groupsView(ctx, sessionId),
  listStandards: ({ ctx }, { sessionId }) => {
    requireSession(ctx, sessionId);
    return listStandards(ctx.db, sessionId);
  },
  getAttendance: ({ ctx }, { sessionId }) => attendanceSummary(ctx, sessionId),
  setAttendance: ({ ctx }, input) => recordAttendance(ctx, input),
  listConflicts: ({ ctx }, { sessionId }) => conflictsView(ctx, sessionId),
  decideConflict: ({ ctx }, input) => decideConflict(ctx, input),
  declareConflict: ({ ctx }, input) => declareConflict(ctx, input),
  getPrincipal: ({ ctx }) => principal(ctx),
  listIdentities: ({ ctx }, { sessionId }) => listIdentities(ctx, sessionId),
  setUpDesk: ({ ctx }, input) => setUpDesk(ctx, input),
  signInSecretary: ({ ctx }, input) => signInSecretary(ctx, input),
  lockDesk: ({ ctx }) => lockDesk(ctx),
  keepAlive: ({ ctx }) => principal(ctx),
  setIdleLock: ({ ctx }, input) => setIdleLock(ctx, input),
  openEnrolment: ({ ctx }, input) => openEnrolment(ctx, input),
  closeEnrolment: ({ ctx }) => closeEnrolment(ctx),
  revokeExpertKey: ({ ctx }, input) => revokeKey(ctx, input),
  enrollExpert: ({ ctx }, input) => enrollExpert(ctx, input),
  signIn: ({ ctx }, input) => signIn(ctx, input),
  setExaminerPassphrase: ({ ctx }, input) => setExaminerPassphrase(ctx, input),
  signInExaminer: ({ ctx }, input) => signInExaminer(ctx, input),
  checkAuditAnchors: ({ ctx }, { sessionId }) => checkAuditAnchors(ctx, sessionId),
  setSecretaryPassphrase: ({ ctx }, input) => setSecretaryPassphrase(ctx, input),
  confirmExpertKey: ({ ctx }, input) => confirmKey(ctx, input),
  listMyDossiers: ({ ctx }, { sessionId }) => listMyDossiers(ctx, sessionId),
  getScoreSheet: ({ ctx }, { sessionId, dossierId }) => getScoreSheet(ctx, sessionId, dossierId),
  saveScore: ({ ctx }, input) => saveScore(ctx, input),
  saveOpinion: ({ ctx }, input) => saveOpinion(ctx, input),
  submitSheet: ({ ctx }, input) => submitSheet(ctx, input),
  unlockSheet: ({ ctx }, input) => unlockSheet(ctx, input),
  listSheetStatus: ({ ctx }, { sessionId, dossierId }) => listSheetStatus(ctx, sessionId, dossierId),
  getScoringProgress: ({ ctx }, { sessionId }) => scoringProgress(ctx, sessionId),
  exportExpertPackage: ({ ctx }, input) => exportExpertPackage(ctx, input),
  exportSheetBundle: ({ ctx }, input) => exportSheetBundle(ctx, input),
  previewSheetMerge: ({ ctx }, input) => previewSheetMerge(ctx, input),
  applySheetMerge: ({ ctx }, input) => applySheetMerge(ctx, input),
  importExcel: ({ ctx }, input) => importExcel(ctx, input),
  exportExcelTemplate: ({ ctx }, input) => exportExcelTemplate(ctx, input),
  getIssuerTrust: ({ ctx }) => getIssuerTrust(ctx),
  addTrustedIssuer: ({ ctx }, input) => addTrustedIssuer(ctx, input),
  removeTrustedIssuer: ({ ctx }, input) => removeTrustedIssuer(ctx, input),
  setSignatureRequired: ({ ctx }, input) => setSignatureRequired(ctx, input),
  setRefuseTrustChange: ({ ctx }, input) => setRefuseTrustChange(ctx, input),
  startImport: ({ ctx, jobs }, { path, applyUpdate, passphrase, identity }) => ({
    jobId: jobs.start('import', (signal, progress) =>
      importSessionBundle(ctx, path, { signal, onProgress: progress, applyUpdate, key: { passphrase, identity } }),
    ),
  }),
  cancelJob: ({ jobs }, { jobId }) => ({ cancelled: jobs.cancel(jobId) }),
  // audit log (audit engineer)
  checkpointAuditLog: ({ ctx }, input) => checkpointNow(ctx, input),
  listAuditEvents: ({ ctx }, q) => listAuditEvents(ctx, q),
  getAuditFilterOptions: ({ ctx }, { sessionId }) => auditFilterOptions(ctx, sessionId),
  exportAuditLog: ({ ctx }, input) => exportAuditLog(ctx, input),
  // ---- the shell boundary ----
  openAttachment: ({ ctx, attachments }, ref) => {
    checkAttachmentAccess(ctx, ref);
    return attachments.grant(ref, principalKey(ctx.caller));
  },
  // ---- the committee meeting (issue 9) ----
  getMeeting: ({ ctx }, { sessionId }) => meetingView(ctx, sessionId),
  openMeeting: ({ ctx }, input) => openMeeting(ctx, input),
  checkIn: ({ ctx }, input) => checkIn(ctx, input),
  checkOut: ({ ctx }, input) => checkOut(ctx, input),
  designateOfficers: ({ ctx }, input) => designateOfficers(ctx, input),
  signCommitment: ({ ctx }, input) => signCommitment(ctx, input),
  openBallotRound: ({ ctx }, input) => openRound(ctx, input),
  closeBallotRound: ({ ctx }, input) => closeRound(ctx, input),
  enterPaperCounts: ({ ctx }, input) => enterPaperCounts(ctx, input),
  getBallotSheet: ({ ctx }, input) => ballotSheet(ctx, input),
  castBallot: ({ ctx }, input) => castBallot(ctx, input),
  getRoundTally: ({ ctx }, input) => roundTally(ctx, input),
  getMeetingResults: ({ ctx }, input) => meetingResults(ctx, input),
  openTieBreakRound: ({ ctx }, input) => openTieBreakRound(ctx, input),
  decideQuotaTie: ({ ctx }, input) => decideQuotaTie(ctx, input),
  signResults: ({ ctx }, input) => signResults(ctx, input),
  // the meeting's open points: per-ballot paper entry, arbitration, co-signed counts
  enterPaperBallots: ({ ctx }, input) => enterPaperBallots(ctx, input),
  arbitratePaperEntry: ({ ctx }, input) => arbitratePaperEntry(ctx, input),
  getCountReport: ({ ctx }, input) => countReport(ctx, input),
  coSignCounts: ({ ctx }, input) => coSignCounts(ctx, input),
  updateMeetingSettings: ({ ctx }, input) => updateMeetingSettings(ctx, input),
  // ---- meeting prints and the results workbook (issue 9 items 6–7) ----
  getNoticeHolidays: ({ ctx }) => readHolidays(ctx.db),
  setNoticeHolidays: ({ ctx }, { days }) => writeHolidays(ctx.db, days),
  listPrintDossiers: ({ ctx }, input) => printDossiers(ctx, input),
  listScoreSheetsForPrint: ({ ctx }, input) => scoreSheetsForPrint(ctx, input),
  exportResultsExcel: ({ ctx }, input) => exportResultsExcel(ctx, input),
  // the signed result bundle: sealed (or its seal reused) at once, then written as a job
  exportResultBundle: async ({ ctx, jobs }, input) => {
    const prepared = await prepareResultExport(ctx, input);
    // Tests run scrypt cheaply; the app keeps age's default work factor (2^18).
    const scryptLogN = ctx.scryptLogN < 17 ? Math.max(ctx.scryptLogN, 10) : undefined;
    return {
      jobId: jobs.start('resultExport', (signal, progress) =>
        writePreparedExport(ctx, input, prepared, { signal, onProgress: progress, ...(scryptLogN !== undefined ? { scryptLogN } : {}) }),
      ),
    };
  },
  // ---- the examiner's workspace (issue 11) ----
  getExaminerAnalysis: ({ ctx }, { sessionId }) => examinerAnalysis(ctx, sessionId),
  getExaminerDossier: ({ ctx }, input) => examinerDossier(ctx, input),
  setExaminerThresholds: ({ ctx }, input) => setThresholds(ctx, input),
  drawSpotCheck: ({ ctx }, input) => drawSpotCheck(ctx, input),
  getSpotCheck: ({ ctx }, { sessionId }) => latestSpotCheck(ctx, sessionId),
  recordFinding: ({ ctx }, input) => recordFinding(ctx, input),
  signFindings: ({ ctx }, input) => signFindings(ctx, input),
  getFindingsStatement: ({ ctx }, { sessionId }) => findingsStatement(ctx, sessionId),
  exportFindingsExcel: ({ ctx }, input) => exportFindingsExcel(ctx, input),
};
