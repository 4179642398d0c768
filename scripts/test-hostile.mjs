// npm run test:hostile: the whole hostile corpus (every memory bomb in a child process) and 10,000
// fast-check mutations (5,000 a bundle kind). CI runs the same files with a sample (see docs/testing.md).
import { spawnSync } from 'node:child_process';

const files = ['test/unit/hostile-corpus.test.ts', 'test/unit/hostile-mutations.test.ts', ...process.argv.slice(2)];
const r = spawnSync('npx', ['vitest', 'run', ...files], { stdio: 'inherit', env: { ...process.env, HOSTILE_FULL: '1' } });
process.exit(r.status ?? 1);
