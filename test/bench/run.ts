// `npm run bench`: prints figures and ratios against reference tools run in the same run; asserts nothing
// about time. Writes everything to bench-out/latest.json and ends with a one-line JSON summary.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IMPORT_SIZES, DEFAULT_IMPORT_SIZES, benchImport, printImport } from './import-bench';
import { benchLarge, printLarge } from './large-bench';
import { benchScoring, printScoring } from './scoring-bench';
import { benchScale, printScale, scaleRows } from './scale-bench';
import { benchUi, printUi, uiSummary } from './ui-bench';
import { benchMeeting, printMeeting } from './meeting-bench';
import { benchResultExport, printResultExport } from './result-bench';
import { benchVerify, printVerify } from './verify-bench';
import { benchExaminer, printExaminer } from './examiner-bench';
import { round } from './stats';

const OUT_DIR = path.resolve(import.meta.dirname, '../../bench-out');
const started = performance.now();
const machine = { date: new Date().toISOString(), node: process.version, cores: os.availableParallelism(), cpu: os.cpus()[0]?.model ?? 'unknown' };
console.log(`PanelDesk bench: ${machine.date}, Node ${machine.node}, ${machine.cores} cores (${machine.cpu})`);

// `npm run bench -- scoring` (or `-- import`, `-- large`) runs one part; the default is all of them.
// `-- import --sizes S,small,M,L` picks import sizes (default S,small,M; L is ~1.5 GB, on demand).
const only = process.argv[2]?.startsWith('--') ? undefined : process.argv[2];
const USAGE = 'usage: npm run bench [-- import|scoring|large|scale|ui|meeting|result|verify|examiner] [--sizes S,small,M,L]';
if (only !== undefined && !['import', 'scoring', 'large', 'scale', 'ui', 'meeting', 'result', 'verify', 'examiner'].includes(only)) throw new Error(USAGE);
const sizesArg = process.argv.indexOf('--sizes');
const sizeKeys = sizesArg > 0 ? (process.argv[sizesArg + 1] ?? '').split(',') : [...DEFAULT_IMPORT_SIZES];
const importSizes = IMPORT_SIZES.filter((s) => sizeKeys.includes(s.key));
if (importSizes.length !== sizeKeys.length) throw new Error(USAGE);
const runs = (name: string): boolean => only === undefined || only === name;
async function part<T>(title: string, run: () => Promise<T>): Promise<T> {
  console.log(`\n${title}`);
  return run();
}
const imports = runs('import') ? await part('1. import', () => benchImport(importSizes)) : null;
const scoring = runs('scoring') ? await part('2-3. scoring', benchScoring) : null;
const large = runs('large') ? await part('4. large bundle (~2 GB)', () => benchLarge()) : null;
const scale = runs('scale') ? await part('5. interactive calls at scale', () => benchScale()) : null;
const ui = runs('ui') ? await part('6. dossier list in Chromium', () => benchUi()) : null;
const meeting = runs('meeting') ? await part('7. meeting tally and results', benchMeeting) : null;
const resultExport = runs('result') ? await part('8. result bundle export (~1.5 GB)', () => benchResultExport()) : null;
const verified = runs('verify') ? await part('9. paneldesk verify on the large bundle', () => benchVerify()) : null;
const examiner = runs('examiner') ? await part('10. examiner analysis, 5,000 dossiers', benchExaminer) : null;
if (imports) printImport(imports);
if (scoring) printScoring(scoring);
if (large) printLarge(large);
if (scale) printScale(scale);
if (ui) printUi(ui);
if (meeting) printMeeting(meeting);
if (resultExport) printResultExport(resultExport);
if (verified) printVerify(verified);
if (examiner) printExaminer(examiner);

const seconds = Math.round((performance.now() - started) / 1000);
const summary = {
  ...machine,
  seconds,
  import: imports?.rows.map((r) => ({
    bundle: r.label,
    mb: Number((r.bundleBytes / 1e6).toFixed(2)),
    refTool: r.reference.tool,
    rounds: r.rounds,
    refMs: r.reference.ms,
    refMBps: r.reference.mbPerSec,
    importMs: r.import.ms,
    importMBps: r.import.mbPerSec,
    importXref: r.ratio.median,
    importXrefMin: r.ratio.min,
    importXrefMax: r.ratio.max,
    checkMBps: r.check.mbPerSec,
    checkXref: r.checkRatio.median,
    importPeakRssMiB: r.import.peakRssMiB,
  })),
  large:
    large &&
    ('skipped' in large
      ? large
      : {
          mb: Math.round(large.bundleBytes / 1e6),
          attachments: large.attachments,
          refMBps: large.reference.mbPerSec,
          importMBps: large.import.mbPerSec,
          importXref: large.ratio,
          importPeakRssMiB: large.import.peakRssMiB,
          importIdleRssMiB: large.import.baseRssMiB,
          checkMBps: large.check.mbPerSec,
          checkPeakRssMiB: large.check.peakRssMiB,
        }),
  save: scoring && {
    sqliteP50: scoring.inProcess.sqlite.p50,
    sqliteP95: scoring.inProcess.sqlite.p95,
    inProcP50: scoring.inProcess.save.p50,
    inProcP95: scoring.inProcess.save.p95,
    inProcXrefP50: round(scoring.inProcess.save.p50 / scoring.inProcess.sqlite.p50, 2),
    httpP50: scoring.http.save.p50,
    httpP95: scoring.http.save.p95,
    httpXrefP50: round(scoring.http.save.p50 / scoring.http.sqlite.p50, 2),
    signInLogN17Ms: scoring.http.signInMs,
  },
  resultExport: resultExport && ('skipped' in resultExport ? resultExport : { gb: round(resultExport.bundleBytes / 1e9, 2), exportS: round(resultExport.exportMs / 1000, 2), zipS: round(resultExport.zipMs / 1000, 2), zipSyncS: round(resultExport.zipSyncMs / 1000, 2), ratio: round(resultExport.ratio, 2), ratioSynced: round(resultExport.ratioSynced, 2), peakRssMiB: round(resultExport.peakRssMiB, 0) }),
  meeting: meeting && { dossiers: meeting.dossiers, experts: meeting.experts, items: meeting.items, closingBallotMs: round(meeting.closingBallotMs, 1), tallyMs: round(meeting.tallyMs, 1), resultsMs: round(meeting.resultsMs, 1), closingBallotCpuMs: round(meeting.closingBallotCpuMs, 1), tallyCpuMs: round(meeting.tallyCpuMs, 1), resultsCpuMs: round(meeting.resultsCpuMs, 1), warm: meeting.warm },
  examiner: examiner && { dossiers: examiner.dossiers, sheets: examiner.sheets, anomalies: examiner.anomalies, refScanMs: round(examiner.referenceScanMs, 1), adapterMs: round(examiner.adapterMs, 1), analysisMs: round(examiner.analysisMs, 1), contractMs: round(examiner.contractMs, 1), xRef: examiner.xRef, sampleMs: round(examiner.sampleMs, 2) },
  openNext: scoring && {
    inProcP50: scoring.inProcess.openNext.p50,
    inProcP95: scoring.inProcess.openNext.p95,
    getDossierP50: scoring.inProcess.getDossier.p50,
    getDossierP95: scoring.inProcess.getDossier.p95,
    inProcXrefP50: round(scoring.inProcess.openNext.p50 / scoring.inProcess.getDossier.p50, 2),
    httpP50: scoring.http.openNext.p50,
    httpP95: scoring.http.openNext.p95,
  },
};

const scaleSummary = scale && scaleRows(scale);
const body = `${JSON.stringify({ summary: { ...summary, scale: scaleSummary, ui: ui && uiSummary(ui) }, imports, scoring, large, scale, ui, meeting, verify: verified, examiner }, null, 2)}\n`;
fs.mkdirSync(OUT_DIR, { recursive: true });
fs.writeFileSync(path.join(OUT_DIR, 'latest.json'), body);
// The issue asks for test-results/bench.json: every figure with its reference and ratio.
const RESULTS_DIR = path.resolve(import.meta.dirname, '../../test-results');
fs.mkdirSync(RESULTS_DIR, { recursive: true });
fs.writeFileSync(path.join(RESULTS_DIR, 'bench.json'), body);
console.log(`\n(${seconds} s; full results in test-results/bench.json and bench-out/latest.json)`);
console.log(JSON.stringify(summary));
