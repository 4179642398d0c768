// Section 4: memory of importing a ~2 GB session bundle (the issue: "a 2 GB bundle must not raise memory
// above a few hundred MB"), with time against unzip on the same file. Each pass runs in a fresh process.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspectBundle } from '../../electron/cli/commands/inspect';
import { referenceTool, runChild, timeReference } from './import-bench';
import { writeLargeBundle, type LargeBundleShape } from './large-bundle';
import { fmtMs, mbPerSec, median, mib, mkTmp, printTable, rmTmp, round } from './stats';

export const LARGE_SHAPE: LargeBundleShape = { dossiers: 20, attachmentMiB: 100 };
/** The bundle, the imported blobs and unzip's copy, never all at once, plus room for the rest of the machine. */
export const LARGE_MIN_FREE_BYTES = 10e9;

export interface LargeRow {
  bundleBytes: number;
  attachments: number;
  attachmentMiB: number;
  generateMs: number;
  verifyMs: number;
  reference: { tool: string; ms: number; mbPerSec: number };
  import: { ms: number; mbPerSec: number; peakRssMiB: number; baseRssMiB: number };
  check: { ms: number; mbPerSec: number; peakRssMiB: number; baseRssMiB: number };
  ratio: number;
  checkRatio: number;
}

export type LargeOutcome = { skipped: string } | LargeRow;

function freeBytes(dir: string): number {
  const s = fs.statfsSync(dir);
  return s.bavail * s.bsize;
}

export async function benchLarge(shape: LargeBundleShape = LARGE_SHAPE): Promise<LargeOutcome> {
  const tmp = os.tmpdir();
  const free = freeBytes(tmp);
  if (free < LARGE_MIN_FREE_BYTES) {
    const skipped = `only ${(free / 1e9).toFixed(1)} GB free in ${tmp}; this section needs ${LARGE_MIN_FREE_BYTES / 1e9} GB`;
    console.log(`  SKIPPED: ${skipped}`);
    return { skipped };
  }
  const ref = referenceTool();
  const work = mkTmp('large');
  // Ctrl-C must not leave gigabytes behind: it kills the running child, then `finally` removes `work`
  // (the child import's data folder is under it too, through TMPDIR). `on`, not `once`: npm and tsx relay
  // the terminal's SIGINT, so it arrives more than once, and tsx exits at once when no listener is left.
  const stop = new AbortController();
  const onInterrupt = (): void => stop.abort();
  process.on('SIGINT', onInterrupt);
  const { signal } = stop;
  try {
    const file = path.join(work, 'large.pdbundle');
    process.stdout.write(`  ${shape.dossiers} x ${shape.attachmentMiB} MiB (${(free / 1e9).toFixed(0)} GB free in ${tmp}): generating…`);
    let t0 = performance.now();
    const bundle = await writeLargeBundle(file, shape, signal);
    const generateMs = performance.now() - t0;
    process.stdout.write(` ${(bundle.bytes / 1e6).toFixed(0)} MB; verifying…`);
    t0 = performance.now();
    const report = await inspectBundle(file, { required: false, publicKeysHex: [] });
    const verifyMs = performance.now() - t0;
    signal.throwIfAborted();
    if (!report.valid) throw new Error(`generated bundle is invalid: ${report.error?.code} ${report.error?.message}`);
    process.stdout.write(` ${ref.tool}…`);
    const refBefore = await timeReference(ref, file, signal);
    process.stdout.write(' check…');
    const check = await runChild('inspect', file, { tmpDir: work, signal });
    process.stdout.write(' import…');
    const imp = await runChild('import', file, { tmpDir: work, signal });
    process.stdout.write(` ${ref.tool}…`);
    const refMs = median([refBefore, await timeReference(ref, file, signal)]);
    console.log(' done');
    return {
      bundleBytes: bundle.bytes,
      attachments: bundle.attachments,
      attachmentMiB: shape.attachmentMiB,
      generateMs: round(generateMs, 0),
      verifyMs: round(verifyMs, 0),
      reference: { tool: ref.tool, ms: round(refMs, 1), mbPerSec: mbPerSec(bundle.bytes, refMs) },
      import: { ms: round(imp.ms, 1), mbPerSec: mbPerSec(bundle.bytes, imp.ms), peakRssMiB: mib(imp.maxRssKiB), baseRssMiB: mib(imp.baseRssKiB) },
      check: { ms: round(check.ms, 1), mbPerSec: mbPerSec(bundle.bytes, check.ms), peakRssMiB: mib(check.maxRssKiB), baseRssMiB: mib(check.baseRssKiB) },
      ratio: round(imp.ms / refMs, 2),
      checkRatio: round(check.ms / refMs, 2),
    };
  } finally {
    rmTmp(work);
    process.off('SIGINT', onInterrupt);
    if (signal.aborted) {
      console.log(`\n  interrupted; removed ${work}`);
      process.exit(130);
    }
  }
}

export function printLarge(r: LargeOutcome): void {
  if ('skipped' in r) {
    console.log(`\n4. Large bundle: SKIPPED (${r.skipped})`);
    return;
  }
  const mb = (r.bundleBytes / 1e6).toFixed(0);
  printTable(
    `4. ${mb} MB bundle (${r.attachments} x ${r.attachmentMiB} MiB attachments, stored) vs ${r.reference.tool}: peak RSS of a fresh process`,
    ['pass', 'ms', 'MB/s', `x ${r.reference.tool}`, 'peak RSS MiB', 'idle RSS MiB', 'peak - idle'],
    [
      [r.reference.tool, fmtMs(r.reference.ms), r.reference.mbPerSec, '1.00', '-', '-', '-'],
      ['import', fmtMs(r.import.ms), r.import.mbPerSec, r.ratio.toFixed(2), r.import.peakRssMiB, r.import.baseRssMiB, round(r.import.peakRssMiB - r.import.baseRssMiB, 1)],
      ['check only', fmtMs(r.check.ms), r.check.mbPerSec, r.checkRatio.toFixed(2), r.check.peakRssMiB, r.check.baseRssMiB, round(r.check.peakRssMiB - r.check.baseRssMiB, 1)],
    ],
  );
  console.log(`(bundle generated in ${fmtMs(r.generateMs)} ms and verified with inspectBundle in ${fmtMs(r.verifyMs)} ms; requirement: "a 2 GB bundle must not raise memory above a few hundred MB")`);
}
