// The backend as a separate process (locked, as the app starts: the caller signs the secretary in) for the crash tests: one JSON call per stdin line, one answer per
// stdout line, each written only after the backend answered (the acknowledgement). It never shuts down
// by itself: the test SIGKILLs it, so there is no clean close, no final checkpoint, no cleanup.
// Pseudo-methods: `runImport` runs an import job to its end (startImport, then the job's done/failed
// event); `grant` stands where Electron main's file dialog stands and answers a one-use file token for a
// path ({ path, purpose: 'open' | 'save' }), granted by this process's own host (tokens live in the host
// that owns the database, so a test in another process cannot mint them).
import path from 'node:path';
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
  if (method === 'grant') {
    const { path: file, purpose } = input as { path: string; purpose: 'open' | 'save' };
    return { ok: true, value: host.grantFile(path.resolve(file), purpose) };
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
