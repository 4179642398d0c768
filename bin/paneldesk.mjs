#!/usr/bin/env node
// paneldesk CLI: loads the TypeScript sources through tsx, so no build step is needed.
import process from 'node:process';
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../electron/cli/main.ts');
await runCli(process.argv);
