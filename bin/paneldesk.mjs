#!/usr/bin/env node
// paneldesk CLI: runs the compiled JavaScript in dist/cli (built by `npm run build:cli`, which `npm ci`
// and `npm install` run through the `prepare` script). No TypeScript loader at run time.
import { existsSync } from 'node:fs';
import process from 'node:process';

const entry = new URL('../dist/cli/main.mjs', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('paneldesk: the command line is not built yet: run `npm run build:cli` (npm ci does it)\n');
  process.exit(1);
}
const { runCli } = await import(entry.href);
await runCli(process.argv);
