// Runs `paneldesk verify`'s verifier once on FILE in a fresh process, so its peak RSS is its own.
// Usage: node --import tsx test/bench/verify-child.ts FILE   → one JSON line { ms, baseRssKiB, maxRssKiB, valid, hashed }
import { withFileIO } from '../../electron/cli/verify/file-io';
import { verifyBundle } from '../../shared/verify/verify';

const file = process.argv[2];
if (!file) throw new Error('usage: verify-child.ts FILE');
// Modules are loaded before the clock starts: the figure is the work, not start-up.
const baseRssKiB = process.resourceUsage().maxRSS;
const t0 = performance.now();
const report = await withFileIO(file, (io) => verifyBundle(io));
const ms = performance.now() - t0;
// `hashed`: the container and manifests passed, so every byte was read and hashed (what is timed here).
const hashed = report.steps.slice(0, 2).every((s) => s.status === 'passed');
console.log(JSON.stringify({ ms, baseRssKiB, maxRssKiB: process.resourceUsage().maxRSS, valid: report.valid, hashed }));
