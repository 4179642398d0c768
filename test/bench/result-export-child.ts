// One result-bundle export in a fresh process (for its own peak RSS): `node --import tsx result-export-child.ts
// DATA_DIR OUT`. The data folder holds a meeting the chair signed (test/fixtures/signed-meeting.ts). Prints one JSON line.
import { jobEnd, openHost } from '../fixtures/demo-host';
import { MEETING_PASS } from '../fixtures/signed-meeting';
import type { AppEvent } from '../../shared/contract';

const [dataDir, out, sessionId] = process.argv.slice(2) as [string, string, string];
const host = openHost(dataDir);
const events: AppEvent[] = [];
host.onEvent((e) => events.push(e));
await host.invoke('getPrincipal', {});
const baseRssMiB = process.memoryUsage().rss / 1048576;
const t0 = performance.now();
const started = await host.invoke('exportResultBundle', {
  sessionId,
  path: host.grantFile(out, 'save'),
  chairPassphrase: MEETING_PASS,
  tellerPassphrase: MEETING_PASS,
  scrutineerPassphrase: MEETING_PASS,
});
if (!started.ok) throw new Error(`${started.error.code} ${started.error.message}`);
const end = await jobEnd(events, (started.value as { jobId: string }).jobId);
const ms = performance.now() - t0;
if (end.type === 'job.failed') throw new Error(`${end.error.code} ${end.error.message}`);
host.close();
console.log(JSON.stringify({ ms, bytes: end.kind === 'resultExport' ? end.result.bytes : 0, baseRssMiB, peakRssMiB: process.resourceUsage().maxRSS / 1024 }));
