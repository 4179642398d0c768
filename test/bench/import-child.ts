// Runs one bundle import (or check-only pass) in a fresh process, so its peak RSS is its own.
// Usage: node --import tsx test/bench/import-child.ts import|inspect FILE
// Prints one JSON line: { ms, baseRssKiB, maxRssKiB, bytes }.
import fs from 'node:fs';
import type { AppEvent } from '../../shared/contract';
import { inspectSessionBundle } from '../../electron/backend/bundles/reader';
import { createHost } from '../../electron/backend/host';
import { RESOURCES } from '../fixtures/demo-host';
import { mkTmp, rmTmp } from './stats';

type Terminal = Extract<AppEvent, { type: 'job.done' | 'job.failed' }>;

/** Milliseconds from startImport to job.done; opening the database and clean-up are not counted. */
async function importOnce(file: string): Promise<number> {
  const dataDir = mkTmp('import');
  const host = createHost({ dataDir, resourcesDir: RESOURCES, host: 'cli', appVersion: 'bench', scryptLogN: 10 });
  try {
    // A new data folder: the secretary sets the desk up (and is signed in) before importing; not timed.
    const desk = await host.invoke('setUpDesk', { passphrase: 'bench secretary pass' });
    if (!desk.ok) throw new Error(`setUpDesk: ${desk.error.code} ${desk.error.message}`);
    const done = new Promise<Terminal>((resolve) => {
      host.onEvent((e) => {
        if (e.type === 'job.done' || e.type === 'job.failed') resolve(e);
      });
    });
    const t0 = performance.now();
    const started = await host.invoke('startImport', { path: host.grantFile(file, 'open') });
    if (!started.ok) throw new Error(`startImport: ${started.error.code} ${started.error.message}`);
    const end = await done;
    if (end.type === 'job.failed') throw new Error(`import failed: ${end.error.code} ${end.error.message}`);
    return performance.now() - t0;
  } finally {
    host.close();
    rmTmp(dataDir);
  }
}

const [mode, file] = process.argv.slice(2);
if ((mode !== 'import' && mode !== 'inspect') || !file) throw new Error('usage: import-child.ts import|inspect FILE');
// Modules are loaded before the clock starts: the figure is the work, not start-up.
const baseRssKiB = process.resourceUsage().maxRSS;
const t0 = performance.now();
const ms = mode === 'import' ? await importOnce(file) : (await inspectSessionBundle(file), performance.now() - t0);
console.log(JSON.stringify({ ms, baseRssKiB, maxRssKiB: process.resourceUsage().maxRSS, bytes: fs.statSync(file).size }));
