// `npm run test:crash [-- --kills N] [--seed S]`: the crash driver from the command line (docs/testing.md).
// Exit 0 when every invariant held after every kill, 1 otherwise.
import { parseArgs } from 'node:util';
import { runCrashTest } from './run';

const { values } = parseArgs({ options: { kills: { type: 'string', default: '30' }, seed: { type: 'string' } } });
const kills = Number(values.kills);
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 0xffffffff);
if (!Number.isInteger(kills) || kills < 1 || !Number.isInteger(seed) || seed < 0) {
  console.error('usage: npm run test:crash -- [--kills N] [--seed S]');
  process.exit(2);
}
console.log(`crash test: ${kills} kills, seed ${seed} (re-run with --seed ${seed})`);
const r = await runCrashTest({ kills, seed, log: (l) => console.log(l) });
console.log('');
console.log(`seed ${r.seed}: ${r.kills} kills in ${(r.durationMs / 1000).toFixed(1)} s`);
console.log(`operations: ${Object.entries(r.operations).map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log(`writes acknowledged: ${r.writesAcknowledged}; kills during a write: ${r.writesInFlight}`);
console.log(`refusals (expected): ${Object.entries(r.refusals).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
console.log(`leftovers removed at restart (data folder): ${r.leftoversAtRestart}; temp files left beside exports: ${r.exportTempFiles}`);
if (r.problems.length === 0) {
  console.log('all invariants held: acknowledged writes present, integrity_check ok, no half-imported session, no orphan blobs or temp files, audit entries link up and the signed audit anchors of every session hold, no process left');
  process.exit(0);
}
console.log(`${r.problems.length} PROBLEM(S):`);
for (const p of r.problems) console.log(`  ${p}`);
process.exit(1);
