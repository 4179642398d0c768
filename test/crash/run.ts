// The crash driver: rounds of operations against a backend child process, each round ended by SIGKILL
// at a seeded random moment, then a restart and the invariants. The seed fixes the schedule (which
// operations, which arguments, the kill delay); where exactly the kill lands also depends on timing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { intBetween, mulberry32 } from '../../electron/backend/demo/prng';
import { DB_FILE } from '../../electron/backend/db/connection';
import type { ErrorCode } from '../../shared/errors';
import { openHost, TEST_SECRETARY_PASS } from '../fixtures/demo-host';
import type { AuditIntegrity } from '../../shared/types';
import { startBackend, strayNodeChildren, survivors, type BackendChild } from './backend-process';
import { databaseProblems, listFiles, stateProblems, strayFiles } from './invariants';
import { pickOperation, type Check, type Driver, type Plan, type Principal } from './operations';
import { buildWorld, PASS, readSnapshot } from './world';

export interface CrashRunOptions {
  kills: number;
  seed: number;
  log?: (line: string) => void;
}

export interface CrashRunResult {
  seed: number;
  kills: number;
  operations: Record<string, number>;
  writesAcknowledged: number;
  /** Writes in flight when the backend was killed (they may or may not have happened). */
  writesInFlight: number;
  refusals: Partial<Record<ErrorCode, number>>;
  /** Files a killed backend left in the data folder, removed by the next start (before the checks). */
  leftoversAtRestart: number;
  /** Temp files a kill during an export left beside the chosen output file (outside the data folder). */
  exportTempFiles: number;
  problems: string[];
  durationMs: number;
}

// Codes that mean something broke, not that a request was refused.
// The desk and token codes mean the driver did not stand where the app stands (signed in, ceremony open,
// a dialog's token), so its writes would prove nothing.
const BROKEN: ReadonlySet<string> = new Set([
  'INTERNAL',
  'DB_CORRUPT',
  'DB_NOT_PANELDESK',
  'DB_MIGRATION_FAILED',
  'DATA_DIR_UNAVAILABLE',
  'DISK_FULL',
  'CONTRACT_INVALID_INPUT',
  'CONTRACT_UNKNOWN_METHOD',
  'CONTRACT_FORBIDDEN',
  'FILE_TOKEN_INVALID',
  'DESK_NOT_SET_UP',
  'DESK_IDLE_LOCKED',
  'ENROLMENT_NOT_OPEN',
  'AUTH_KEY_NOT_CONFIRMED',
  'AUTH_BAD_PASSPHRASE',
]);

export async function runCrashTest(opts: CrashRunOptions): Promise<CrashRunResult> {
  const started = Date.now();
  const log = opts.log ?? (() => undefined);
  const rng = mulberry32(opts.seed);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-crashrun-'));
  const result: CrashRunResult = {
    seed: opts.seed,
    kills: 0,
    operations: {},
    writesAcknowledged: 0,
    writesInFlight: 0,
    refusals: {},
    leftoversAtRestart: 0,
    exportTempFiles: 0,
    problems: [],
    durationMs: 0,
  };
  let current: BackendChild | null = null;
  try {
    const world = await buildWorld(work, { generated: 24 });
    const ledger = new Map<string, Array<Check | null>>();
    let exportNo = 0;
    /** Typical duration of each write method, to aim the kill inside it. */
    const durations = new Map<string, number>();

    for (let round = 1; round <= opts.kills; round++) {
      const snap = readSnapshot(world.dataDir, world);
      const plans: Array<{ name: string; plan: Plan }> = [];
      const count = intBetween(rng, 1, 4);
      for (let tries = 0; plans.length < count && tries < 50; tries++) {
        const op = pickOperation(rng);
        const plan = op.plan(world, snap, rng);
        if (plan) plans.push({ name: op.name, plan });
      }
      // The kill lands during the k-th write of the round, at a fraction of that method's usual duration
      // (so inside it, not after it, most of the time); or, one round in six, the instant it is acknowledged.
      const killWrite = intBetween(rng, 1, 3);
      const justAfterAck = rng() < 1 / 6;
      const fraction = rng() * 1.2;

      const child: BackendChild = await startBackend(world.dataDir);
      current = child;
      // The backend starts locked, as the app does: the first `as` signs someone in.
      let principal: Principal | null = null;
      let killed = false;
      let inFlight: string | null = null;
      const problem = (p: string): void => {
        result.problems.push(`round ${round} (seed ${opts.seed}): ${p}`);
      };
      let kill: Promise<void> | null = null;
      let killedDuring = 'idle';
      let delay = 0;
      let writes = 0;
      const killAfter = (ms: number): void => {
        delay = Math.round(ms);
        kill = new Promise<void>((resolve) => setTimeout(resolve, delay)).then(async () => {
          if (killedDuring !== 'ack') killedDuring = inFlight ?? 'idle';
          killed = true;
          await child.kill();
        });
      };
      const driver: Driver = {
        call: (method, input) => child.call(method, input),
        async write(key, method, input, expect) {
          const before = ledger.get(key) ?? [];
          // Until acknowledged, the old state or the new one may be what a crash leaves.
          ledger.set(key, before.length === 0 ? [null] : [...before, expect(undefined)]);
          inFlight = method;
          const armed = ++writes === killWrite && !kill;
          if (armed && !justAfterAck) killAfter(fraction * (durations.get(method) ?? 50));
          const t0 = Date.now();
          const r = await child.call(method, input);
          inFlight = null;
          if (r.ok) {
            const check = expect(r.value);
            ledger.set(key, check ? [check] : []);
            result.writesAcknowledged++;
            const took = Date.now() - t0;
            durations.set(method, Math.round(0.7 * (durations.get(method) ?? took) + 0.3 * took));
          } else {
            ledger.set(key, before);
            result.refusals[r.error.code] = (result.refusals[r.error.code] ?? 0) + 1;
            if (BROKEN.has(r.error.code)) problem(`${method} failed with ${r.error.code}: ${r.error.message}`);
          }
          if (armed && justAfterAck) {
            killAfter(0);
            killedDuring = 'ack';
            await kill;
          }
          return r;
        },
        async as(who) {
          const cur = principal;
          const same = cur !== null && who.role === cur.role && (who.role === 'secretary' || (cur.role === 'expert' && who.expertId === cur.expertId && who.sessionId === cur.sessionId));
          if (same) return;
          const r =
            who.role === 'secretary'
              ? await child.call('signInSecretary', { passphrase: TEST_SECRETARY_PASS })
              : await child.call('signIn', { sessionId: who.sessionId, expertId: who.expertId, passphrase: PASS, as: 'expert' });
          if (!r.ok) throw new Error(`cannot act as ${who.role}: ${r.error.code}`);
          principal = who;
        },
        grant: (file, purpose) => child.grant(file, purpose),
        exportPath: (name) => path.join(world.exportsDir, `${++exportNo}-${name}`),
      };

      for (const p of plans) {
        if (killed) break;
        result.operations[p.name] = (result.operations[p.name] ?? 0) + 1;
        try {
          await p.plan(driver);
        } catch (err) {
          if (killed) break;
          problem(`${p.name}: ${(err as Error).message}`);
        }
      }
      // Fewer writes than the chosen one: killed while idle.
      if (!kill) killAfter(0);
      await (kill as unknown as Promise<void>);
      result.kills++;
      if (killedDuring !== 'idle' && killedDuring !== 'ack') result.writesInFlight++;

      // The database as the killed process left it: sound, before anything repairs anything.
      const raw = new Database(path.join(world.dataDir, DB_FILE));
      try {
        for (const p of databaseProblems(raw)) problem(p);
        result.leftoversAtRestart += strayFiles(raw, world.dataDir).length;
      } finally {
        raw.close();
      }
      // Restart: the backend opens the folder (and clears what the killed one left), then everything is checked.
      // The secretary signs in (the desk key opens) and the signed audit checkpoints of every session must
      // hold: each signature valid, the chain unbroken, every signed sheet's head on it.
      const restarted = openHost(world.dataDir);
      try {
        const sessions = await restarted.invoke('listSessions', {});
        if (!sessions.ok) problem(`listSessions after restart: ${sessions.error.code}`);
        else {
          for (const s of sessions.value as Array<{ id: string }>) {
            const a = await restarted.invoke('checkAuditAnchors', { sessionId: s.id });
            if (!a.ok) problem(`checkAuditAnchors ${s.id}: ${a.error.code} ${a.error.message}`);
            else if (!(a.value as AuditIntegrity).ok) problem(`audit anchors of ${s.id} do not hold: ${JSON.stringify((a.value as AuditIntegrity).problems).slice(0, 300)}`);
          }
        }
      } finally {
        restarted.close();
      }
      const db = new Database(path.join(world.dataDir, DB_FILE));
      try {
        for (const p of stateProblems(db, world, ledger)) problem(p);
      } finally {
        db.close();
      }
      const tmps = listFiles(world.exportsDir).filter((f) => /\.tmp/.test(f));
      result.exportTempFiles += tmps.length;
      for (const f of tmps) fs.rmSync(path.join(world.exportsDir, f), { force: true });
      log(`round ${round}/${opts.kills}: ${plans.map((p) => p.name).join(', ')}; killed ${killedDuring === 'ack' ? 'at the acknowledgement' : `+${delay} ms into ${killedDuring}`}; ${result.problems.length === 0 ? 'invariants hold' : `${result.problems.length} problem(s) so far`}`);
    }
  } finally {
    // A driver error must not leave the backend running: it is killed like any other round's.
    await (current as BackendChild | null)?.kill().catch(() => undefined);
    const left = survivors();
    if (left.length > 0) result.problems.push(`processes outlived the run: ${left.join(', ')}`);
    const stray = strayNodeChildren();
    if (stray.length > 0) result.problems.push(`node children still running: ${stray.map((c) => `${c.pid} ${c.cmd}`).join('; ')}`);
    fs.rmSync(work, { recursive: true, force: true });
    result.durationMs = Date.now() - started;
  }
  return result;
}
