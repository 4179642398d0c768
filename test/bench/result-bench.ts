// Section 8: exporting a large signed result bundle (issue 10: "export ≤ 1.5× zip -0 of the same files, RSS ≤ 300 MB
// on a 1.5 GB bundle"). A demo-shaped session with large incompressible attachments is imported, taken through a
// signed meeting, then exported in a fresh process (its own peak RSS), against `zip -0` of the same blob files.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { signedMeeting } from '../fixtures/signed-meeting';
import { writeLargeBundle, type LargeBundleShape } from './large-bundle';
import { mkTmp, rmTmp, round } from './stats';

const execFileAsync = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const CHILD = path.join(import.meta.dirname, 'result-export-child.ts');

/** 15 × 100 MiB ≈ 1.5 GB; `PANELDESK_RESULT_BENCH=dossiers×MiB` (e.g. 10x50) for a quicker run. */
export function resultShape(): LargeBundleShape {
  const m = /^(\d+)x(\d+)$/.exec(process.env.PANELDESK_RESULT_BENCH ?? '');
  return m ? { dossiers: Number(m[1]), attachmentMiB: Number(m[2]) } : { dossiers: 15, attachmentMiB: 100 };
}

export type ResultBenchOutcome =
  | { skipped: string }
  | { bundleBytes: number; exportMs: number; zipMs: number; ratio: number; peakRssMiB: number; baseRssMiB: number; shape: LargeBundleShape };

export async function benchResultExport(shape: LargeBundleShape = resultShape()): Promise<ResultBenchOutcome> {
  const need = shape.dossiers * shape.attachmentMiB * 1048576 * 4.5;
  const s = fs.statfsSync(os.tmpdir());
  if (s.bavail * s.bsize < need) {
    const skipped = `needs ${(need / 1e9).toFixed(1)} GB free in ${os.tmpdir()}`;
    console.log(`  SKIPPED: ${skipped}`);
    return { skipped };
  }
  const work = mkTmp('result');
  try {
    process.stdout.write(`  ${shape.dossiers} x ${shape.attachmentMiB} MiB: generating…`);
    const bundle = path.join(work, 'session.pdbundle');
    await writeLargeBundle(bundle, shape);
    process.stdout.write(' importing and holding the meeting…');
    const dataDir = path.join(work, 'data');
    const m = await signedMeeting(dataDir, { bundle });
    m.host.close();
    fs.rmSync(bundle);
    process.stdout.write(' zip -0…');
    // The reference: zip -0 of the same attachment bytes (the documents are a few hundred KB beside them).
    const t0 = performance.now();
    await execFileAsync('zip', ['-0', '-X', '-q', '-r', path.join(work, 'ref.zip'), 'blobs/sha256'], { cwd: dataDir });
    const zipMs = performance.now() - t0;
    fs.rmSync(path.join(work, 'ref.zip'));
    process.stdout.write(' exporting…');
    const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', CHILD, dataDir, path.join(work, 'out.pdresult'), m.sessionId], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
    const child = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { ms: number; bytes: number; baseRssMiB: number; peakRssMiB: number };
    console.log(' done');
    return { bundleBytes: child.bytes, exportMs: child.ms, zipMs, ratio: child.ms / zipMs, peakRssMiB: child.peakRssMiB, baseRssMiB: child.baseRssMiB, shape };
  } finally {
    rmTmp(work);
  }
}

export function printResultExport(r: ResultBenchOutcome): void {
  if ('skipped' in r) {
    console.log(`\nresult export: skipped (${r.skipped})`);
    return;
  }
  console.log(
    `\nresult export: ${(r.exportMs / 1000).toFixed(2)} s vs zip -0 ${(r.zipMs / 1000).toFixed(2)} s (${round(r.ratio, 2)}×), peak RSS ${round(r.peakRssMiB, 0)} MiB (base ${round(r.baseRssMiB, 0)} MiB); ${(r.bundleBytes / 1e9).toFixed(2)} GB, ${r.shape.dossiers} × ${r.shape.attachmentMiB} MiB; target ≤ 1.5×, ≤ 300 MB`,
  );
}
