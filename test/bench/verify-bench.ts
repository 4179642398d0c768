// Section 8: `paneldesk verify` on the large bundle (test/bench/large-bundle.ts) next to sha256sum of the
// same file (issue 10: verify ≤ 1.2× sha256sum, peak RSS ≤ 300 MB). Rounds alternate which runs first.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { LARGE_MIN_FREE_BYTES, LARGE_SHAPE } from './large-bench';
import { writeLargeBundle, type LargeBundleShape } from './large-bundle';
import { median, mib, mkTmp, rmTmp, round } from './stats';

const execFileAsync = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const CHILD = path.join(import.meta.dirname, 'verify-child.ts');

export type VerifyOutcome = { skipped: string } | { bundleBytes: number; verifyMs: number; sha256sumMs: number; ratio: number; peakRssMiB: number; baseRssMiB: number; valid: boolean };

async function verifyOnce(file: string): Promise<{ ms: number; maxRssKiB: number; baseRssKiB: number; valid: boolean; hashed: boolean }> {
  const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', CHILD, file], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as { ms: number; maxRssKiB: number; baseRssKiB: number; valid: boolean; hashed: boolean };
}

async function sha256sumOnce(file: string): Promise<number> {
  const t0 = performance.now();
  await execFileAsync('sha256sum', [file]);
  return performance.now() - t0;
}

export async function benchVerify(shape: LargeBundleShape = LARGE_SHAPE, rounds = 3): Promise<VerifyOutcome> {
  const s = fs.statfsSync(os.tmpdir());
  const need = shape.dossiers * shape.attachmentMiB * 1024 * 1024 * 1.2;
  if (s.bavail * s.bsize < Math.min(need, LARGE_MIN_FREE_BYTES)) return { skipped: `not enough free space in ${os.tmpdir()}` };
  const work = mkTmp('verify');
  try {
    const file = path.join(work, 'large.pdbundle');
    const bundle = await writeLargeBundle(file, shape);
    await sha256sumOnce(file); // warms the page cache for both
    const refs: number[] = [];
    const runs: Array<{ ms: number; maxRssKiB: number; baseRssKiB: number }> = [];
    let valid = false;
    for (let i = 0; i < rounds; i++) {
      const steps = [async () => refs.push(await sha256sumOnce(file)), async () => {
        const r = await verifyOnce(file);
        // Every byte must have been read and hashed; the documents' own verdict is reported beside the time.
        if (!r.hashed) throw new Error('the large bundle failed its container or manifests check');
        runs.push(r);
        valid = r.valid;
      }];
      for (let k = 0; k < steps.length; k++) await (steps[(i + k) % steps.length] as () => Promise<unknown>)();
    }
    const verifyMs = median(runs.map((r) => r.ms));
    const sha256sumMs = median(refs);
    return {
      bundleBytes: bundle.bytes,
      verifyMs: round(verifyMs, 0),
      sha256sumMs: round(sha256sumMs, 0),
      ratio: round(verifyMs / sha256sumMs, 2),
      peakRssMiB: Math.max(...runs.map((r) => mib(r.maxRssKiB))),
      baseRssMiB: Math.max(...runs.map((r) => mib(r.baseRssKiB))),
      valid,
    };
  } finally {
    rmTmp(work);
  }
}

export function printVerify(r: VerifyOutcome): void {
  if ('skipped' in r) {
    console.log(`\n8. verify: SKIPPED (${r.skipped})`);
    return;
  }
  console.log(`\n8. verify (${(r.bundleBytes / 1e6).toFixed(0)} MB bundle; targets ≤ 1.2× sha256sum, peak RSS ≤ 300 MB)`);
  console.log(`verify: ${(r.verifyMs / 1000).toFixed(2)} s vs sha256sum ${(r.sha256sumMs / 1000).toFixed(2)} s (${r.ratio.toFixed(2)}×), peak RSS ${r.peakRssMiB} MiB (idle ${r.baseRssMiB} MiB); report ${r.valid ? 'valid' : 'invalid (see its documents step)'}`);
}
