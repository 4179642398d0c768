// `npm run e2e:host`: the browser test host by hand. Open the printed URL in Chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startTestHost } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5199' },
    data: { type: 'string' },
  },
});
const root = path.resolve(import.meta.dirname, '../../..');
const dataDir = values.data ?? fs.mkdtempSync(path.join(os.tmpdir(), 'paneldesk-host-'));
const host = await startTestHost({
  dataDir,
  resourcesDir: path.join(root, 'resources'),
  rendererDir: path.join(root, 'dist/renderer'),
  port: Number(values.port),
});
console.log(`PanelDesk test host\n  data: ${dataDir}\n  open: ${host.url}`);
process.on('SIGINT', () => void host.close().then(() => process.exit(0)));
