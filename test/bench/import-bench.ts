// Section 1: session-bundle import throughput against unzip on the same bundle, each import in a fresh process.
import { execFile, spawnSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildDemoSession, type DemoOptions } from '../../electron/backend/demo/demo-session';
import { writeSessionBundle } from '../../electron/backend/bundles/writer';
import { fmtMs, mbPerSec, median, mib, mkTmp, printTable, repeat, rmTmp, round } from './stats';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHILD = path.join(import.meta.dirname, 'import-child.ts');
const execFileAsync = promisify(execFile);

export interface ImportSize {
  label: string;
  demo: DemoOptions;
  /** Runs of each measurement; the median is reported. */
  runs: number;
}

export const IMPORT_SIZES: readonly ImportSize[] = [
  { label: 'demo (30 dossiers, 1-3 att.)', demo: {}, runs: 3 },
  { label: '1,000 dossiers x 2 att.', demo: { dossiers: 1000, attachmentsPerDossier: 2 }, runs: 1 },
  { label: '3,000 dossiers x 3 att.', demo: { dossiers: 3000, attachmentsPerDossier: 3 }, runs: 1 },
];

export interface ChildResult {
  ms: number;
  baseRssKiB: number;
  maxRssKiB: number;
}

export interface ImportRow {
  label: string;
  bundleBytes: number;
  attachments: number;
  reference: { tool: string; ms: number; mbPerSec: number };
  import: { ms: number; mbPerSec: number; peakRssMiB: number; baseRssMiB: number };
  check: { ms: number; mbPerSec: number; peakRssMiB: number };
  /** import time / reference time. */
  ratio: number;
  checkRatio: number;
}

export interface Reference {
  tool: string;
  extract: (file: string, dir: string, signal?: AbortSignal) => Promise<unknown>;
}

/** Debian's unzip when installed, else Python's zipfile module (named in the output). */
export function referenceTool(): Reference {
  const has = spawnSync('unzip', ['-v'], { stdio: 'ignore' }).status === 0;
  if (has) return { tool: 'unzip', extract: (f, d, signal) => execFileAsync('unzip', ['-qq', '-o', f, '-d', d], { signal }) };
  return { tool: 'python3 -m zipfile', extract: (f, d, signal) => execFileAsync('python3', ['-m', 'zipfile', '-e', f, d], { signal }) };
}

// Children run asynchronously: a parent blocked in execFileSync cannot answer tsx's Ctrl-C relay and is
// SIGKILLed, skipping its clean-up.
export async function timeReference(ref: Reference, file: string, signal?: AbortSignal): Promise<number> {
  const dir = mkTmp('unzip');
  try {
    const t0 = performance.now();
    await ref.extract(file, dir, signal);
    return performance.now() - t0;
  } finally {
    rmTmp(dir);
  }
}

/** `tmpDir`, when given, is the child's TMPDIR: where its data folder goes. `signal` kills the child. */
export async function runChild(mode: 'import' | 'inspect', file: string, opts: { tmpDir?: string; signal?: AbortSignal } = {}): Promise<ChildResult> {
  const env = opts.tmpDir === undefined ? process.env : { ...process.env, TMPDIR: opts.tmpDir };
  const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', CHILD, mode, file], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    signal: opts.signal,
  });
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as ChildResult;
}

function medianChild(runs: ChildResult[]): ChildResult {
  return { ms: median(runs.map((r) => r.ms)), baseRssKiB: median(runs.map((r) => r.baseRssKiB)), maxRssKiB: Math.max(...runs.map((r) => r.maxRssKiB)) };
}

export async function benchImport(sizes: readonly ImportSize[] = IMPORT_SIZES): Promise<{ tool: string; rows: ImportRow[] }> {
  const ref = referenceTool();
  if (ref.tool !== 'unzip') console.log('note: unzip is not installed; the reference is python3 -m zipfile -e');
  const work = mkTmp('bundles');
  const rows: ImportRow[] = [];
  try {
    for (const size of sizes) {
      process.stdout.write(`  ${size.label}: generating…`);
      const demo = buildDemoSession(size.demo);
      const file = path.join(work, 'bench.pdbundle');
      const written = await writeSessionBundle(file, demo.content, demo.blobs);
      const attachments = demo.blobs.size;
      process.stdout.write(` ${(written.bytes / 1e6).toFixed(1)} MB; ${ref.tool}…`);
      // The reference runs before and after the two passes: on a shared machine the load drifts.
      const refRuns = await repeat(size.runs, () => timeReference(ref, file));
      process.stdout.write(' check…');
      const check = medianChild(await repeat(size.runs, () => runChild('inspect', file)));
      process.stdout.write(' import…');
      const imp = medianChild(await repeat(size.runs, () => runChild('import', file)));
      process.stdout.write(` ${ref.tool}…`);
      const refMs = median([...refRuns, ...(await repeat(size.runs, () => timeReference(ref, file)))]);
      console.log(' done');
      rows.push({
        label: size.label,
        bundleBytes: written.bytes,
        attachments,
        reference: { tool: ref.tool, ms: round(refMs, 1), mbPerSec: mbPerSec(written.bytes, refMs) },
        import: { ms: round(imp.ms, 1), mbPerSec: mbPerSec(written.bytes, imp.ms), peakRssMiB: mib(imp.maxRssKiB), baseRssMiB: mib(imp.baseRssKiB) },
        check: { ms: round(check.ms, 1), mbPerSec: mbPerSec(written.bytes, check.ms), peakRssMiB: mib(check.maxRssKiB) },
        ratio: round(imp.ms / refMs, 2),
        checkRatio: round(check.ms / refMs, 2),
      });
    }
  } finally {
    rmTmp(work);
  }
  return { tool: ref.tool, rows };
}

export function printImport(r: { tool: string; rows: ImportRow[] }): void {
  printTable(
    `1. Session-bundle import vs ${r.tool} (MB = 10^6 bytes of bundle file; time ratio, lower is better)`,
    ['bundle', 'MB', 'attach.', 'pass', 'ms', 'MB/s', `x ${r.tool}`, 'peak RSS MiB'],
    r.rows.flatMap((x) => [
      [x.label, (x.bundleBytes / 1e6).toFixed(2), x.attachments, r.tool, fmtMs(x.reference.ms), x.reference.mbPerSec, '1.00', '-'],
      ['', '', '', 'import', fmtMs(x.import.ms), x.import.mbPerSec, x.ratio.toFixed(2), `${x.import.peakRssMiB} (idle ${x.import.baseRssMiB})`],
      ['', '', '', 'check only', fmtMs(x.check.ms), x.check.mbPerSec, x.checkRatio.toFixed(2), x.check.peakRssMiB],
    ]),
  );
}
