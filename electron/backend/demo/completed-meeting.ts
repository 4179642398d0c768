// `paneldesk demo --completed`: a generated session run through a scripted, deterministic meeting, through the same
// contract the screens call (roles, passphrases, ceremonies and all), never raw SQL. Secretary: desk, import, demo keys
// for every expert, one recusal. Experts: every assigned sheet scored (seeded integers), an opinion, signed. Chair:
// check-in with one late arrival, teller and scrutineer, commitments, an electronic round over every dossier, a paper
// re-vote (重新表决) entered twice blind with one mistyped count caught by the diff, a quota tie at the cut line decided
// by a re-vote among the tied, and the chair's signed results statement.
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { AppEvent, MethodName, MethodOutput } from '../../../shared/contract';
import type { Choice } from '../../../shared/domain/ballots';
import { agreeNeeded } from '../../../shared/domain/rules';
import type { DossierDoc, QuotaDoc } from '../../../shared/bundle/schema';
import type { MeetingResults, PaperCount } from '../../../shared/meeting-types';
import { createHost } from '../host';
import type { BackendHost } from '../host-types';
import { demoKeySeed, dossierQuality, itemScore, splitVotes, target, type VoteTarget } from './completed-plan';
import { DEMO_DEFAULTS } from './demo-session';
import { writeDemoBundle } from './write-demo';
import { submitWithWrongTotal } from './wrong-total';

export interface CompletedOptions {
  dossiers?: number | undefined;
  experts?: number | undefined;
  seed?: number | undefined;
  /** Examiner training: one expert scores every item far below their group. */
  skewExpert?: boolean | undefined;
  /** Examiner training: one signed sheet states a total that differs from its items (wrong-total.ts). */
  wrongTotal?: boolean | undefined;
}

/** What happened, for the report and the tests (ids only; the results hold the rest). */
export interface CompletedEvents {
  lateArrival: string;
  recusal: { expertId: string; dossierId: string };
  officers: { chairId: string; tellerId: string; scrutineerId: string };
  sheetsSubmitted: number;
  firstRound: { roundId: string; ballots: number; voters: number };
  paperRevote: { roundId: string; dossierId: string; mistyped: { field: string; values: [number, number] }[]; enteredBy: string; confirmedBy: string };
  tieBreaks: Array<{ roundId: string; quotaId: string; tied: string[]; cut: string[] }>;
  skewExpert: string | null;
  wrongTotal: { expertId: string; dossierId: string; stated: number; items: number } | null;
  statement: { version: number; keyid: string; payloadSha256: string };
}

export interface CompletedMeeting {
  host: BackendHost;
  sessionId: string;
  sessionBundle: string;
  events: CompletedEvents;
  results: MeetingResults;
}

/** The published demo passphrase for the desk; the experts' are derived from their ids (demo only). */
export const COMPLETED_SECRETARY_PASS = 'paneldesk-demo';
export const expertPass = (expertId: string): string => `demo pass ${expertId}`;
const MARKETING = '网络营销';

export type Call = <M extends MethodName>(method: M, input: unknown) => Promise<MethodOutput<M>>;

export function caller(host: BackendHost): Call {
  return async (method, input) => {
    const r = await host.invoke(method, input);
    if (!r.ok) throw new AppError(r.error.code, `${method}: ${r.error.message}`, r.error.details);
    return r.value as MethodOutput<typeof method>;
  };
}

/** Runs a job through the contract to its end: its `job.done` event, or its error thrown. */
export async function runJob<E extends Extract<AppEvent, { type: 'job.done' }>>(host: BackendHost, start: () => Promise<{ jobId: string }>): Promise<E> {
  const events: AppEvent[] = [];
  const off = host.onEvent((e) => events.push(e));
  try {
    const { jobId } = await start();
    for (;;) {
      const end = events.find((e) => (e.type === 'job.done' || e.type === 'job.failed') && e.jobId === jobId);
      if (end?.type === 'job.failed') throw new AppError(end.error.code, `${end.kind}: ${end.error.message}`, end.error.details);
      if (end) return end as E;
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    off();
  }
}

async function importBundle(host: BackendHost, call: Call, file: string): Promise<void> {
  await runJob(host, () => call('startImport', { path: host.grantFile(file, 'open') }));
}

/**
 * Runs the whole meeting in `workDir` (the data folder is `workDir/data`, the session bundle `workDir/session.pdbundle`).
 * The host stays open for the caller (to export the result bundle), who closes it.
 */
export async function runCompletedMeeting(workDir: string, opts: CompletedOptions = {}, log: (line: string) => void = () => {}): Promise<CompletedMeeting> {
  const seed = opts.seed ?? DEMO_DEFAULTS.seed;
  const sessionBundle = path.join(workDir, 'session.pdbundle');
  const { demo } = await writeDemoBundle(sessionBundle, { dossiers: opts.dossiers ?? DEMO_DEFAULTS.dossiers, experts: opts.experts ?? DEMO_DEFAULTS.experts, seed });
  const content = demo.content;
  const sessionId = content.session.sessionId;
  const cast = planCast(content.dossiers, content.quotas, content.conflicts.map((c) => c.dossierId));

  // The resources folder holds only the built-in demo, which this run does not open. Demo keys, a low scrypt cost.
  const host = createHost({
    dataDir: path.join(workDir, 'data'),
    resourcesDir: workDir,
    host: 'cli',
    appVersion: 'demo-completed',
    scryptLogN: 10,
    demoKeySeed: (s, e) => demoKeySeed(seed, s, e),
  });
  try {
    const call = caller(host);
    const events = await runScript(host, call, { sessionId, seed, bundle: sessionBundle, dataDir: path.join(workDir, 'data') }, cast, opts, log);
    return { host, sessionId, sessionBundle, events, results: await call('getMeetingResults', { sessionId }) };
  } catch (err) {
    host.close();
    throw err;
  }
}

/** Dossiers with a scripted part: the two twins tied at the 网络营销 quota's cut line, and the recusal. */
interface Cast {
  twins: [DossierDoc, DossierDoc];
  marketingQuota: QuotaDoc;
  all: Map<string, DossierDoc>;
}

function planCast(dossiers: readonly DossierDoc[], quotas: readonly QuotaDoc[], recusedDossiers: readonly string[]): Cast {
  const marketingQuota = quotas.find((q) => q.scope === 'specialty' && q.value === MARKETING);
  const free = dossiers.filter((d) => d.specialty === MARKETING && !recusedDossiers.includes(d.id));
  // Twins are scored by the same group, so every expert's identical sheets give identical aggregated scores.
  const b = free[free.length - 1];
  const a = b ? free.filter((d) => d.groupId === b.groupId && d.id !== b.id).at(-1) : undefined;
  if (!marketingQuota || !a || !b || free.length < 3) {
    throw new AppError('DEMO_TOO_SMALL', `a quota tie needs at least 3 ${MARKETING} dossiers, two of them in one group; ${free.length} are free of recusals`, {
      field: 'dossiers',
      reason: `${MARKETING} dossiers for the quota tie`,
      expected: '3',
      actual: String(free.length),
    });
  }
  return { twins: [a, b], marketingQuota, all: new Map(dossiers.map((d) => [d.id, d])) };
}

interface VotePlan {
  /** Passes in the end (the re-vote's dossier after its paper round). */
  passing: Set<string>;
  /** Passing with every vote; the others pass with exactly 2/3. */
  unanimous: Set<string>;
  /** Fails round 1 by one vote, passes the paper re-vote. */
  revote: string;
}

const tooSmall = (reason: string, actual: number, expected: number) =>
  new AppError('DEMO_TOO_SMALL', `the completed demo cannot place ${reason}`, { field: 'dossiers', reason, expected: String(expected), actual: String(actual) });

/**
 * Who passes, from the aggregated scores: in 网络营销, the quota's count less one pass with every vote and the twins
 * with exactly 2/3 (a tie at the cut line); elsewhere the best by score, while every other quota still has room (so
 * nobody else is cut), about three in four; the best of those is the paper re-vote.
 */
function planVotes(scored: MeetingResults, cast: Cast): VotePlan {
  const rules = scored.quotas.map((q) => q.quota);
  const byId = new Map(scored.dossiers.map((d) => [d.dossierId, d]));
  const inScope = (q: (typeof rules)[number], id: string): boolean => {
    const d = byId.get(id);
    const c = cast.all.get(id);
    if (!d || !c) return false;
    return q.scope === 'level' ? c.level === q.value : q.scope === 'specialty' ? c.specialty === q.value : q.scope === 'employer' ? c.employer === q.value : q.scope === 'standard' ? c.standardId === q.value : c.regionCode.startsWith(q.value.replace(/(00)+$/, ''));
  };
  const passing = new Set<string>();
  const fits = (id: string): boolean => rules.every((q) => q.id === cast.marketingQuota.id || !inScope(q, id) || [...passing].filter((p) => inScope(q, p)).length < q.count);
  const voteable = scored.dossiers.filter((d) => d.goesToVote).sort((x, y) => (y.score ?? 0) - (x.score ?? 0) || (x.dossierId < y.dossierId ? -1 : 1));
  const twins = cast.twins.map((t) => t.id);
  const unanimous = new Set<string>();
  const topMarketing = voteable.filter((d) => d.specialty === MARKETING && !twins.includes(d.dossierId)).slice(0, cast.marketingQuota.count - 1);
  if (topMarketing.length < cast.marketingQuota.count - 1) throw tooSmall(`${cast.marketingQuota.count - 1} ${MARKETING} dossiers above the tie`, topMarketing.length, cast.marketingQuota.count - 1);
  for (const id of [...topMarketing.map((d) => d.dossierId), ...twins]) {
    if (!byId.get(id)?.goesToVote || !fits(id)) throw tooSmall(`${MARKETING} dossier ${id} within the other quotas`, passing.size, cast.marketingQuota.count + 1);
    passing.add(id);
  }
  for (const d of topMarketing) unanimous.add(d.dossierId);
  const others = voteable.filter((d) => d.specialty !== MARKETING);
  const revote = others.find((d) => fits(d.dossierId))?.dossierId;
  if (!revote) throw tooSmall('a dossier for the paper re-vote', 0, 1);
  passing.add(revote);
  const share = Math.ceil(scored.dossiers.filter((d) => d.specialty !== MARKETING).length * 0.75);
  for (const [i, d] of others.entries()) {
    if (passing.size - cast.marketingQuota.count - 1 >= share) break;
    if (passing.has(d.dossierId) || !fits(d.dossierId)) continue;
    passing.add(d.dossierId);
    if (i % 2 === 0) unanimous.add(d.dossierId);
  }
  return { passing, unanimous, revote };
}

/**
 * Every voter on the round's roll votes at the voting laptop: their ballot sheet (the dossiers they are not recused
 * from), choices split so each dossier's counts are `want(dossier, voters)`. Returns the number of ballots cast.
 */
async function voteRound(call: Call, sessionId: string, seed: number, roundNo: number, roundId: string, roll: readonly string[], want: (dossierId: string, voters: number) => VoteTarget): Promise<number> {
  const sheets = new Map<string, string[]>();
  for (const e of roll) {
    try {
      sheets.set(e, (await call('getBallotSheet', { sessionId, expertId: e })).dossiers.map((d) => d.dossierId));
    } catch (err) {
      // Recused from every dossier of this round: nothing to vote on.
      if (err instanceof AppError && err.code === 'BALLOT_RECUSED') continue;
      throw err;
    }
  }
  const voters = new Map<string, string[]>();
  for (const [e, ds] of sheets) for (const d of ds) voters.set(d, [...(voters.get(d) ?? []), e]);
  const split = new Map([...voters].map(([d, vs]) => [d, splitVotes(seed, roundNo, d, vs, want(d, vs.length))]));
  let ballots = 0;
  for (const [e, ds] of sheets) {
    const choices = ds.map((d) => ({ dossierId: d, choice: split.get(d)?.get(e) as Choice }));
    await call('castBallot', { sessionId, roundId, expertId: e, passphrase: expertPass(e), choices });
    ballots += choices.length;
  }
  return ballots;
}

async function runScript(
  host: BackendHost,
  call: Call,
  { sessionId, seed, bundle, dataDir }: { sessionId: string; seed: number; bundle: string; dataDir: string },
  cast: Cast,
  opts: CompletedOptions,
  log: (line: string) => void,
): Promise<CompletedEvents> {
  // ---- secretary: desk, import, one recusal, the enrolment ceremony for everyone ----
  await call('setUpDesk', { passphrase: COMPLETED_SECRETARY_PASS });
  await importBundle(host, call, bundle);
  const experts = await call('listExperts', { sessionId });
  const chair = experts.find((e) => e.role === 'chair');
  const members = experts.filter((e) => e.role !== 'chair');
  if (!chair || members.length < 4) throw new AppError('DEMO_TOO_SMALL', 'a chair and at least 4 members are needed', { field: 'experts', reason: 'committee', expected: '5', actual: String(experts.length) });
  const dossiers = (await call('listDossiers', { sessionId })).rows;
  const conflictsBefore = new Set((await call('listConflicts', { sessionId })).conflicts.filter((c) => c.status === 'confirmed').map((c) => `${c.expertId}\n${c.dossierId}`));
  // One recusal declared at the meeting: a member of the second group steps aside from one of its dossiers.
  const secondGroup = members.find((e) => e.groups.length > 0 && !e.groups.includes(chair.groups[0] ?? ''));
  const recusedDossier = dossiers.find((d) => secondGroup && d.groupId === secondGroup.groups[0] && !conflictsBefore.has(`${secondGroup.id}\n${d.id}`));
  if (!secondGroup || !recusedDossier) throw new AppError('DEMO_TOO_SMALL', 'no dossier for the recusal', { field: 'dossiers', reason: 'recusal', expected: '1', actual: '0' });
  const conflicts = await call('declareConflict', { sessionId, expertId: secondGroup.id, dossierId: recusedDossier.id, reason: '演示：会前声明回避（近亲属在申报人单位任职）' });
  const recused = new Set(conflicts.conflicts.filter((c) => c.status === 'confirmed').map((c) => `${c.expertId}\n${c.dossierId}`));
  for (const e of experts) {
    await call('openEnrolment', { sessionId, expertId: e.id });
    const row = await call('enrollExpert', { sessionId, expertId: e.id, passphrase: expertPass(e.id) });
    await call('confirmExpertKey', { sessionId, expertId: e.id, keyid: row.keyid as string });
  }
  log(`enrolled ${experts.length} experts with demo keys; recusal ${secondGroup.id} × ${recusedDossier.id}`);

  // ---- experts: every assigned sheet scored, an opinion, signed ----
  const skewed = opts.skewExpert ? (members.find((e) => e.groups.includes(cast.twins[0].groupId) === false) ?? members[0])?.id ?? null : null;
  let sheets = 0;
  let wrongTotal: CompletedEvents['wrongTotal'] = null;
  for (const e of experts) {
    await call('signIn', { sessionId, expertId: e.id, passphrase: expertPass(e.id), as: 'expert' });
    for (const row of await call('listMyDossiers', { sessionId })) {
      if (row.recusalReason !== null) continue;
      const view = await call('getScoreSheet', { sessionId, dossierId: row.dossierId });
      const twin = cast.twins.some((t) => t.id === row.dossierId);
      const key = twin ? cast.twins[0].id : row.dossierId;
      const quality = twin ? 0.8 : dossierQuality(seed, key);
      for (const item of view.standard.items) {
        await call('saveScore', { sessionId, dossierId: row.dossierId, itemId: item.id, value: itemScore(seed, item, quality, e.id, key, e.id === skewed) });
      }
      await call('saveOpinion', {
        sessionId,
        dossierId: row.dossierId,
        opinion: quality >= 0.6 ? '材料齐全，业绩与成果符合评价标准，建议提交委员会表决通过。' : '业绩与成果距评价标准尚有差距，建议暂缓。',
        ...(view.recommendationEnabled ? { recommendation: quality >= 0.6 ? 'agree' : 'disagree' } : {}),
      });
      if (opts.wrongTotal && !wrongTotal && !twin && e.role === 'member') {
        const sheet = submitWithWrongTotal(dataDir, { sessionId, dossierId: row.dossierId, expertId: e.id, standard: view.standard, secretKey: demoKeySeed(seed, sessionId, e.id) });
        wrongTotal = { expertId: e.id, dossierId: row.dossierId, ...sheet };
      } else {
        await call('submitSheet', { sessionId, dossierId: row.dossierId, passphrase: expertPass(e.id) });
      }
      sheets++;
    }
  }
  log(`${sheets} score sheets submitted and signed${skewed ? `; ${skewed} scores far below the group` : ''}`);
  if (wrongTotal) log(`${wrongTotal.expertId}'s sheet of ${wrongTotal.dossierId} states ${wrongTotal.stated / 100} points; its items add up to ${wrongTotal.items / 100}`);

  // ---- chair: check-in (one late), officers, commitments ----
  const chairPass = expertPass(chair.id);
  await call('signIn', { sessionId, expertId: chair.id, passphrase: chairPass, as: 'chair' });
  const late = members[members.length - 1] as (typeof members)[number];
  const [teller, scrutineer] = members.filter((e) => e.id !== late.id) as [(typeof members)[number], (typeof members)[number]];
  for (const e of experts) if (e.id !== late.id) await call('checkIn', { sessionId, expertId: e.id, passphrase: expertPass(e.id) });
  await call('openMeeting', { sessionId });
  await call('designateOfficers', { sessionId, tellerId: teller.id, scrutineerId: scrutineer.id });
  for (const e of experts) if (e.id !== late.id) await call('signCommitment', { sessionId, expertId: e.id, passphrase: expertPass(e.id) });

  // ---- what each dossier's vote should come to, from the scores (results before any round: scores only) ----
  const scored = await call('getMeetingResults', { sessionId });
  const plan = planVotes(scored, cast);

  // ---- round 1: electronic, every dossier; the late arrival comes in after it opened (votes from round 2 on) ----
  const r1 = await call('openBallotRound', { sessionId });
  await call('checkIn', { sessionId, expertId: late.id, passphrase: expertPass(late.id) });
  await call('signCommitment', { sessionId, expertId: late.id, passphrase: expertPass(late.id) });
  const ballots1 = await voteRound(call, sessionId, seed, r1.number, r1.id, r1.roll, (d, voters) =>
    d === plan.revote ? target(voters, agreeNeeded(voters) - 1) : plan.passing.has(d) ? { agree: plan.unanimous.has(d) ? voters : agreeNeeded(voters), disagree: plan.unanimous.has(d) ? 0 : voters - agreeNeeded(voters), abstain: 0 } : target(voters, Math.max(0, agreeNeeded(voters) - 2 - (d.length % 3))),
  );
  log(`round 1 (electronic, ${r1.dossierIds.length} dossiers): ${ballots1} ballots by ${r1.roll.length} experts; ${late.id} arrived late`);

  // ---- round 2: the paper re-vote of the dossier one vote short; the scrutineer's first entry has a typo ----
  const r2 = await call('openBallotRound', { sessionId, dossierIds: [plan.revote], paper: true });
  const entitled = r2.roll.filter((e) => !recused.has(`${e}\n${plan.revote}`)).length;
  const agree = agreeNeeded(entitled);
  const rest = entitled - 1 - agree;
  const good: PaperCount[] = [{ dossierId: plan.revote, issued: entitled, returned: entitled, valid: entitled - 1, invalid: 1, agree, disagree: Math.ceil(rest / 2), abstain: Math.floor(rest / 2) }];
  const typo: PaperCount[] = [{ ...(good[0] as PaperCount), agree: agree - 1, disagree: (good[0] as PaperCount).disagree + 1 }];
  await call('enterPaperCounts', { sessionId, roundId: r2.id, entrantId: teller.id, passphrase: expertPass(teller.id), counts: good });
  const diff = await call('enterPaperCounts', { sessionId, roundId: r2.id, entrantId: scrutineer.id, passphrase: expertPass(scrutineer.id), counts: typo });
  const accepted = await call('enterPaperCounts', { sessionId, roundId: r2.id, entrantId: scrutineer.id, passphrase: expertPass(scrutineer.id), counts: good });
  if (!accepted.accepted || diff.accepted) throw new AppError('INTERNAL', 'the paper double entry did not go as scripted', { field: 'roundId', actual: r2.id });
  log(`round 2 (paper re-vote of ${plan.revote}): the diff caught ${diff.diff.length} mistyped counts; confirmed by ${scrutineer.id}`);

  // ---- ties at a quota cut line: a re-vote among the tied (or, once re-votes are used up, the chair's decision) ----
  const tieBreaks: CompletedEvents['tieBreaks'] = [];
  for (let guard = 0; guard < 10; guard++) {
    const tie = (await call('getMeetingResults', { sessionId })).ties[0];
    if (!tie) break;
    const ranked = [...tie.dossierIds].sort();
    const keep = ranked.slice(0, tie.seats);
    if (tie.next === 'decision') {
      await call('decideQuotaTie', { sessionId, quotaId: tie.quotaId, chosen: keep, reason: '演示：重新表决后仍同票，主任委员按业绩突出程度确定' });
      continue;
    }
    const r = await call('openTieBreakRound', { sessionId, quotaId: tie.quotaId });
    await voteRound(call, sessionId, seed, r.number, r.id, r.roll, (d, voters) => (keep.includes(d) ? { agree: voters, disagree: 0, abstain: 0 } : { agree: agreeNeeded(voters), disagree: voters - agreeNeeded(voters), abstain: 0 }));
    tieBreaks.push({ roundId: r.id, quotaId: tie.quotaId, tied: ranked, cut: ranked.slice(tie.seats) });
    log(`round ${r.number} (re-vote among ${ranked.length} tied at the cut line of ${tie.quotaId}, ${tie.seats} seat(s))`);
  }

  // ---- 计票结果报告单: the teller and the scrutineer co-sign the counts, which the chair's statement requires ----
  for (const officer of [teller, scrutineer]) await call('coSignCounts', { sessionId, expertId: officer.id, passphrase: expertPass(officer.id) });
  log(`counts co-signed by the teller ${teller.id} and the scrutineer ${scrutineer.id}`);

  // ---- the chair signs the results statement ----
  const s = await call('signResults', { sessionId, passphrase: chairPass });
  log(`results signed by the chair (version ${s.version}, key ${s.keyid.slice(0, 16)}…)`);
  return {
    lateArrival: late.id,
    recusal: { expertId: secondGroup.id, dossierId: recusedDossier.id },
    officers: { chairId: chair.id, tellerId: teller.id, scrutineerId: scrutineer.id },
    sheetsSubmitted: sheets,
    firstRound: { roundId: r1.id, ballots: ballots1, voters: r1.roll.length },
    paperRevote: { roundId: r2.id, dossierId: plan.revote, mistyped: diff.diff.map((x) => ({ field: x.field, values: x.values })), enteredBy: accepted.enteredBy, confirmedBy: accepted.confirmedBy ?? '' },
    tieBreaks,
    skewExpert: skewed,
    wrongTotal,
    statement: { version: s.version, keyid: s.keyid, payloadSha256: s.payloadSha256 },
  };
}
