// The short seeded crash run of CI (the full one is `npm run test:crash -- --kills 200`, docs/testing.md):
// operations through a backend child process, SIGKILLed at seeded random points, every invariant checked
// after each restart. CRASH_KILLS and CRASH_SEED change the count and the seed.
import { afterAll, describe, expect, it } from 'vitest';
import { strayNodeChildren, survivors } from '../crash/backend-process';
import { runCrashTest } from '../crash/run';

const KILLS = Number(process.env.CRASH_KILLS ?? 12);
const SEED = Number(process.env.CRASH_SEED ?? 20261202);

afterAll(() => {
  expect(survivors()).toEqual([]);
  expect(strayNodeChildren()).toEqual([]);
});

describe('crash test (short seeded run)', () => {
  it(`keeps every invariant across ${KILLS} kills of the backend (seed ${SEED})`, { timeout: 240_000 }, async () => {
    console.log(`crash test: ${KILLS} kills, seed ${SEED}`);
    const r = await runCrashTest({ kills: KILLS, seed: SEED });
    console.log(`crash test: ${r.kills} kills, ${r.writesAcknowledged} writes acknowledged, ${r.writesInFlight} kills during a write, ${r.leftoversAtRestart} leftovers removed at restart, ${(r.durationMs / 1000).toFixed(1)} s`);
    expect(r.problems).toEqual([]);
    expect(r.kills).toBe(KILLS);
    expect(r.writesAcknowledged).toBeGreaterThan(0);
  });
});
