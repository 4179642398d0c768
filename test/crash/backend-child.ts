// The backend as a separate process for the crash tests: one JSON call per stdin line, one answer per
// stdout line, each written only after the backend answered (the acknowledgement). It never shuts down
// by itself: the test SIGKILLs it, so there is no clean close, no final checkpoint, no cleanup.
// Pseudo-method `runImport` runs an import job to its end (startImport, then the job's done/failed event).
import readline from 'node:readline';
import { createHost } from '../../electron/backend/host';
import { RESOURCES, runImport } from '../fixtures/demo-host';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: backend-child.ts DATA_DIR');
const host = createHost({ dataDir, resourcesDir: RESOURCES, host: 'cli', appVersion: 'crash-test', scryptLogN: 10 });

async function answer(method: string, input: unknown): Promise<unknown> {
  if (method === 'runImport') {
    const r = await runImport(host, input as Parameters<typeof runImport>[1]);
    return r.ok ? { ok: true, value: r.report } : r;
  }
  return host.invoke(method, input);
}

// One call at a time, in order, as the renderer's awaits would.
let queue = Promise.resolve();
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === '') return;
  const { id, method, input } = JSON.parse(line) as { id: number; method: string; input: unknown };
  queue = queue.then(async () => {
    const result = await answer(method, input);
    process.stdout.write(`${JSON.stringify({ id, result })}\n`);
  });
});
process.stdout.write(`${JSON.stringify({ ready: process.pid })}\n`);
