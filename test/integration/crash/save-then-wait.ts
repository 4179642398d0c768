// Child process for the crash test: saves scores through the backend, reports each acknowledgement on
// stdout, then waits to be killed with SIGKILL (no clean shutdown, no close()).
import { createHost } from '../../../electron/backend/host';
import { RESOURCES } from '../../fixtures/demo-host';

const [dataDir, sessionId, expertId, passphrase, dossierId, itemId, value] = process.argv.slice(2) as string[];
const host = createHost({ dataDir: dataDir as string, resourcesDir: RESOURCES, host: 'cli', appVersion: 'test', scryptLogN: 10 });
const signed = await host.invoke('signIn', { sessionId, expertId, passphrase, as: 'expert' });
if (!signed.ok) throw new Error(signed.error.code);
const r = await host.invoke('saveScore', { sessionId, dossierId, itemId, value: Number(value) });
process.stdout.write(`${JSON.stringify(r)}\n`);
setInterval(() => undefined, 1000);
