// Section 1: session-bundle import throughput against unzip on the same bundle, each import in a fresh process.
import { execFile, spawnSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildDemoSession, type DemoOptions } from '../../electron/backend/demo/demo-session';
import { writeSessionBundle } from '../../electron/backend/bundles/writer';
import { fmtMs, mbPerSec, median, mib, mkTmp, printTable, rmTmp, round } from './stats';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHILD = path.join(import.meta.dirname, 'import-child.ts');
const execFileAsync = promisify(execFile);

export interface ImportSize {
  key: 'S' | 'small' | 'M' | 'L';
  label: string;
  demo: DemoOptions;
  /** Rounds; each runs the reference, the import and the check-only pass once, in a rotating order. */
  rounds: number;
}

/**
 * S is the demo; "small" is issue 14's many-small-files case (3,000 attachments of ~3.5 KB); M is
 * 1,000 dossiers x 25 experts with ~3,000 attachments of 100 KB (~300 MB); L (on demand, ~1.5 GB) is
 * 5,000 x 25 with 15,000 attachments of 100 KB.
 */
export const IMPORT_SIZES: readonly ImportSize[] = [
  { key: 'S', label: 'S: demo (30 dossiers, 1-3 att.)', demo: {}, rounds: 7 },
  { key: 'small', label: 'small files: 1,000 x 3 att. (~3.5 KB)', demo: { dossiers: 1000, experts: 25, attachmentsPerDossier: 3 }, rounds: 5 },
  { key: 'M', label: 'M: 1,000 x 25, 3 att. x 100 KB', demo: { dossiers: 1000, experts: 25, attachmentsPerDossier: 3, attachmentSize: 100_000 }, rounds: 5 },
  { key: 'L', label: 'L: 5,000 x 25, 3 att. x 100 KB', demo: { dossiers: 5000, experts: 25, attachmentsPerDossier: 3, attachmentSize: 100_000 }, rounds: 5 },
];
export const DEFAULT_IMPORT_SIZES = ['S', 'small', 'M'] as const;

export interface ChildResult {
  ms: number;
  baseRssKiB: number;
  maxRssKiB: number;
}

/** Per-round ratios against the reference run in the same round: their median and spread. */
export interface PairedRatio {
  median: number;
  min: number;
  max: number;
  /** Each round's pass time / reference time, in round order. */
  rounds: number[];
}

export interface ImportRow {
  key: string;
  label: string;
  bundleBytes: number;
  attachments: number;
  rounds: number;
  reference: { tool: string; ms: number; mbPerSec: number };
  import: { ms: number; mbPerSec: number; peakRssMiB: number; baseRssMiB: number };
  check: { ms: number; mbPerSec: number; peakRssMiB: number };
  /** import time / reference time, paired per round. */
  ratio: PairedRatio;
  checkRatio: PairedRatio;
}

function pairedRatio(xs: number[], refs: number[]): PairedRatio {
  const r = xs.map((x, i) => round(x / (refs[i] as number), 2));
  return { median: round(median(r), 2), min: Math.min(...r), max: Math.max(...r), rounds: r };
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

/**
 * Each round runs the reference, the import and the check-only pass, rotating which goes first, so that
 * a drift in machine load hits all three alike; each pass's ratio is taken against the same round's
 * reference. One reference run first warms the page cache.
 */
export async function benchImport(sizes: readonly ImportSize[] = IMPORT_SIZES.filter((s) => (DEFAULT_IMPORT_SIZES as readonly string[]).includes(s.key))): Promise<{ tool: string; rows: ImportRow[] }> {
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
      demo.blobs.clear();
      process.stdout.write(` ${(written.bytes / 1e6).toFixed(1)} MB; ${size.rounds} rounds`);
      await timeReference(ref, file);
      const refs: number[] = [];
      const imps: ChildResult[] = [];
      const checks: ChildResult[] = [];
      for (let i = 0; i < size.rounds; i++) {
        const steps = [
          async () => refs.push(await timeReference(ref, file)),
          async () => imps.push(await runChild('import', file)),
          async () => checks.push(await runChild('inspect', file)),
        ];
        for (let k = 0; k < steps.length; k++) await (steps[(i + k) % steps.length] as () => Promise<unknown>)();
        process.stdout.write('.');
      }
      console.log(' done');
      const refMs = median(refs);
      const impMs = median(imps.map((r) => r.ms));
      const checkMs = median(checks.map((r) => r.ms));
      rows.push({
        key: size.key,
        label: size.label,
        bundleBytes: written.bytes,
        attachments,
        rounds: size.rounds,
        reference: { tool: ref.tool, ms: round(refMs, 1), mbPerSec: mbPerSec(written.bytes, refMs) },
        import: {
          ms: round(impMs, 1),
          mbPerSec: mbPerSec(written.bytes, impMs),
          peakRssMiB: mib(Math.max(...imps.map((r) => r.maxRssKiB))),
          baseRssMiB: mib(median(imps.map((r) => r.baseRssKiB))),
        },
        check: { ms: round(checkMs, 1), mbPerSec: mbPerSec(written.bytes, checkMs), peakRssMiB: mib(Math.max(...checks.map((r) => r.maxRssKiB))) },
        ratio: pairedRatio(imps.map((r) => r.ms), refs),
        checkRatio: pairedRatio(checks.map((r) => r.ms), refs),
      });
    }
  } finally {
    rmTmp(work);
  }
  return { tool: ref.tool, rows };
}

const spread = (r: PairedRatio): string => `${r.median.toFixed(2)} (${r.min.toFixed(2)}-${r.max.toFixed(2)})`;

export function printImport(r: { tool: string; rows: ImportRow[] }): void {
  printTable(
    `1. Session-bundle import vs ${r.tool} (MB = 10^6 bytes of bundle file; time ratio, lower is better)`,
    ['bundle', 'MB', 'attach.', 'rounds', 'pass', 'median ms', 'MB/s', `x ${r.tool}, median of rounds (min-max)`, 'peak RSS MiB'],
    r.rows.flatMap((x) => [
      [x.label, (x.bundleBytes / 1e6).toFixed(2), x.attachments, x.rounds, r.tool, fmtMs(x.reference.ms), x.reference.mbPerSec, '1.00', '-'],
      ['', '', '', '', 'import', fmtMs(x.import.ms), x.import.mbPerSec, spread(x.ratio), `${x.import.peakRssMiB} (idle ${x.import.baseRssMiB})`],
      ['', '', '', '', 'check only', fmtMs(x.check.ms), x.check.mbPerSec, spread(x.checkRatio), x.check.peakRssMiB],
    ]),
  );
}
