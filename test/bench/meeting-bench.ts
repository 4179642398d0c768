// Section 5: the meeting's tally and results at scale — 5,000 dossiers × 25 experts × 20 score items, one electronic
// round over every dossier. Times the closing ballot (which tallies and reconciles the round), the round's published
// tally, and the results (aggregation, 2/3 rule, quotas), through the contract in-process. Asserts nothing.
import path from 'node:path';
import Database from 'better-sqlite3';
import type { MethodName, MethodOutput } from '../../shared/contract';
import { createHost } from '../../electron/backend/host';
import { writeSessionBundle } from '../../electron/backend/bundles/writer';
import { buildDemoSession } from '../../electron/backend/demo/demo-session';
import { RESOURCES } from '../fixtures/demo-host';
import { fmtMs, median, mkTmp, printTable, rmTmp } from './stats';

export const MEETING_DOSSIERS = 5000;
export const MEETING_EXPERTS = 25;
export const MEETING_ITEMS = 20;
const PASS = 'bench meeting pass';

export interface MeetingBench {
  dossiers: number;
  experts: number;
  items: number;
  ballots: number;
  closingBallotMs: number;
  tallyMs: number;
  resultsMs: number;
  /** The same three in CPU time of this process (user + system): on a shared, loaded machine wall time overstates. */
  closingBallotCpuMs: number;
  tallyCpuMs: number;
  resultsCpuMs: number;
  /** Medians of 5 further calls (the results screen asks again as rounds close): wall and CPU. */
  warm: { tallyMs: number; tallyCpuMs: number; resultsMs: number; resultsCpuMs: number };
}

const WARM_CALLS = 5;

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

export async function benchMeeting(): Promise<MeetingBench> {
  const dir = mkTmp('meeting');
  try {
    const demo = buildDemoSession({ dossiers: MEETING_DOSSIERS, experts: MEETING_EXPERTS, attachmentsPerDossier: 0, seed: 11 });
    const file = path.join(dir, 'meeting.pdbundle');
    await writeSessionBundle(file, demo.content, demo.blobs);
    // scrypt is not what is measured here: a low cost keeps the 75 unlocks short.
    const host = createHost({ dataDir: path.join(dir, 'data'), resourcesDir: RESOURCES, host: 'cli', appVersion: 'bench', scryptLogN: 10 });
    const call = async <M extends MethodName>(method: M, input: unknown): Promise<MethodOutput<M>> => {
      const r = await host.invoke(method, input);
      if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
      return r.value as MethodOutput<M>;
    };
    await call('setUpDesk', { passphrase: PASS });
    const events: Array<{ type: string; jobId?: string }> = [];
    const off = host.onEvent((e) => events.push(e));
    const { jobId } = await call('startImport', { path: host.grantFile(file, 'open') });
    while (!events.some((e) => (e.type === 'job.done' || e.type === 'job.failed') && e.jobId === jobId)) await new Promise((r) => setTimeout(r, 20));
    off();
    const sessionId = demo.content.session.sessionId;

    // Every group member's submitted sheet of 20 items, written straight to SQLite (the scoring path is bench 2-3).
    const db = new Database(path.join(dir, 'data', 'paneldesk.sqlite'));
    db.transaction(() => {
      const sheet = db.prepare("INSERT INTO score_sheet (session_id, dossier_id, expert_id, version, status, updated_at) VALUES (?, ?, ?, 1, 'draft', 't')");
      const item = db.prepare('INSERT INTO score_item (session_id, dossier_id, expert_id, version, item_id, value, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?)');
      const submit = db.prepare("UPDATE score_sheet SET status = 'submitted', submitted_at = 't' WHERE session_id = ? AND dossier_id = ? AND expert_id = ?");
      const members = new Map(demo.content.groups.map((g) => [g.id, g.members]));
      demo.content.dossiers.forEach((d, i) => {
        for (const [k, e] of (members.get(d.groupId) ?? []).entries()) {
          sheet.run(sessionId, d.id, e);
          for (let it = 0; it < MEETING_ITEMS; it++) item.run(sessionId, d.id, e, `i${it}`, ((i * 7 + k * 13 + it * 3) % 5) * 100, 't');
          submit.run(sessionId, d.id, e);
        }
      });
    })();
    db.close();

    const experts = await call('listExperts', { sessionId });
    const chair = experts.find((e) => e.role === 'chair');
    if (!chair) throw new Error('no chair');
    // The enrolment ceremony for each expert (the secretary opens it, confirms the fingerprint).
    for (const e of experts) {
      await call('openEnrolment', { sessionId, expertId: e.id });
      const row = await call('enrollExpert', { sessionId, expertId: e.id, passphrase: PASS });
      await call('confirmExpertKey', { sessionId, expertId: e.id, keyid: row.keyid as string });
    }
    await call('signIn', { sessionId, expertId: chair.id, passphrase: PASS, as: 'chair' });
    for (const e of experts) await call('checkIn', { sessionId, expertId: e.id, passphrase: PASS });
    await call('openMeeting', { sessionId });
    for (const e of experts) await call('signCommitment', { sessionId, expertId: e.id, passphrase: PASS });
    const round = await call('openBallotRound', { sessionId });
    let ballots = 0;
    let closingBallotMs = 0;
    let closingBallotCpuMs = 0;
    for (const [n, e] of experts.entries()) {
      const sheet = await call('getBallotSheet', { sessionId, expertId: e.id });
      const choices = sheet.dossiers.map((d, i) => ({ dossierId: d.dossierId, choice: (i + n) % 4 === 0 ? 'disagree' : (i + n) % 9 === 0 ? 'abstain' : 'agree' }));
      ballots += choices.length;
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const receipt = await call('castBallot', { sessionId, roundId: round.id, expertId: e.id, passphrase: PASS, choices });
      if (receipt.roundClosed) {
        closingBallotMs = performance.now() - t0;
        closingBallotCpuMs = cpuMs(c0);
      }
    }
    let t0 = performance.now();
    let c0 = process.cpuUsage();
    await call('getRoundTally', { sessionId, roundId: round.id });
    const tallyMs = performance.now() - t0;
    const tallyCpuMs = cpuMs(c0);
    t0 = performance.now();
    c0 = process.cpuUsage();
    const results = await call('getMeetingResults', { sessionId });
    const resultsMs = performance.now() - t0;
    const resultsCpuMs = cpuMs(c0);
    if (results.dossiers.length !== MEETING_DOSSIERS) throw new Error('results incomplete');
    const warmRuns: Array<[number, number, number, number]> = [];
    for (let i = 0; i < WARM_CALLS; i++) {
      const [ta, ca] = [performance.now(), process.cpuUsage()];
      await call('getRoundTally', { sessionId, roundId: round.id });
      const [tallyWall, tallyCpu] = [performance.now() - ta, cpuMs(ca)];
      const [tb, cb] = [performance.now(), process.cpuUsage()];
      await call('getMeetingResults', { sessionId });
      warmRuns.push([tallyWall, tallyCpu, performance.now() - tb, cpuMs(cb)]);
    }
    const med = (k: number) => median(warmRuns.map((r) => r[k] as number));
    const warm = { tallyMs: med(0), tallyCpuMs: med(1), resultsMs: med(2), resultsCpuMs: med(3) };
    host.close();
    return { dossiers: MEETING_DOSSIERS, experts: experts.length, items: MEETING_ITEMS, ballots, closingBallotMs, tallyMs, resultsMs, closingBallotCpuMs, tallyCpuMs, resultsCpuMs, warm };
  } finally {
    rmTmp(dir);
  }
}

export function printMeeting(m: MeetingBench): void {
  printTable(`7. meeting: ${m.dossiers} dossiers × ${m.experts} experts × ${m.items} items, ${m.ballots} ballots (target ≤ 100 ms)`, ['step', 'first call', 'cpu', `median of ${WARM_CALLS} more`, 'cpu'], [
    ['closing ballot (tally + reconcile, counts stored)', fmtMs(m.closingBallotMs), fmtMs(m.closingBallotCpuMs), '', ''],
    ['published tally with trackers', fmtMs(m.tallyMs), fmtMs(m.tallyCpuMs), fmtMs(m.warm.tallyMs), fmtMs(m.warm.tallyCpuMs)],
    ['results (aggregation, 2/3, quotas)', fmtMs(m.resultsMs), fmtMs(m.resultsCpuMs), fmtMs(m.warm.resultsMs), fmtMs(m.warm.resultsCpuMs)],
  ]);
}
