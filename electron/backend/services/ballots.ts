// Ballot rounds and anonymous electronic ballots (无记名投票). The chair opens a round for some dossiers or all;
// experts present when it opened vote one after another at the voting laptop; the round closes when every voter has
// voted or when the chair closes it. No query, export, log or timing links a ballot to its voter:
// random ballot ids (storage order follows them), no per-ballot time, participation apart, the audit log says only
// that someone voted in a round.
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { dossierRoundResult, electronicCounts, voteRefusal, type Choice, type DossierRoundResult, type RoundCounts } from '../../../shared/domain/ballots';
import type { BallotSheet, CastReceipt, RoundSummary, RoundTally } from '../../../shared/meeting-types';
import { inTransaction } from '../db/connection';
import { appendAudit } from '../db/queries/audit';
import {
  closeRoundRow,
  getRound,
  hasVoted,
  insertBallots,
  insertRound,
  listRounds,
  openRoundRow,
  participants,
  roundDossiers,
  roundRoll,
  type RoundRow,
} from '../db/queries/ballots';
import { commitmentsSigned, presentNow } from '../db/queries/meeting';
import { CHOICE_LETTER, roundCounts, roundTrackers } from '../db/queries/tally-cache';

import type { Ctx } from '../context';
import { unlockSecretKey } from './identity';
import { confirmedRecusals, recountRound, recusedIn, recusedOnRoll } from './round-counts';
import { liveQuorum, presidingChair, requireMeeting, requireMember } from './meeting';
import { paperRecord } from './paper-entry';
import { requireSession } from './sessions';

/** Tracker line letters back to choices (migration 0100's round_tracker). */
const CHOICE_OF: Readonly<Record<string, Choice>> = Object.fromEntries(Object.entries(CHOICE_LETTER).map(([c, l]) => [l, c as Choice]));

/** expert id → dossier ids they are recused from (confirmed conflicts). */
export function recusals(ctx: Ctx, sessionId: string): Map<string, Set<string>> {
  return confirmedRecusals(ctx.db, sessionId);
}

/** Voters of a round: on its roll and not recused from every one of its dossiers. */
function votersOf(roll: readonly string[], dossierIds: readonly string[], rec: Map<string, Set<string>>): string[] {
  return roll.filter((e) => dossierIds.some((d) => !rec.get(e)?.has(d)));
}

function summary(ctx: Ctx, sessionId: string, r: RoundRow, rec: Map<string, Set<string>>): RoundSummary {
  const dossierIds = roundDossiers(ctx.db, sessionId, r.id);
  const roll = roundRoll(ctx.db, sessionId, r.id);
  return { ...r, dossierIds, roll, voters: votersOf(roll, dossierIds, rec), voted: participants(ctx.db, sessionId, r.id), paper: r.kind === 'paper' ? paperRecord(ctx, sessionId, r) : null };
}

export function roundSummaries(ctx: Ctx, sessionId: string): RoundSummary[] {
  const rec = recusals(ctx, sessionId);
  return listRounds(ctx.db, sessionId).map((r) => summary(ctx, sessionId, r, rec));
}

export function requireRound(ctx: Ctx, sessionId: string, roundId: string): RoundRow {
  const r = getRound(ctx.db, sessionId, roundId);
  if (!r) throw new AppError('BALLOT_ROUND_NOT_FOUND', `no round ${roundId}`, { field: 'roundId', actual: roundId });
  return r;
}

/**
 * Opens a round (the chair): for the dossiers given, or every dossier when none are. Refused below quorum and while
 * another round is open. Its roll is who is present now. A tie-break round (quotaId) is opened by the results service.
 */
export function openRound(
  ctx: Ctx,
  a: { sessionId: string; dossierIds?: string[] | undefined; paper?: boolean | undefined },
  tie?: { quotaId: string; dossierIds: string[] },
): RoundSummary {
  const m = requireMeeting(ctx, a.sessionId);
  const chair = presidingChair(ctx, a.sessionId);
  const open = openRoundRow(ctx.db, a.sessionId);
  if (open) throw new AppError('BALLOT_ROUND_OPEN', `round ${open.number} is still open`, { field: 'roundId', actual: open.id, round: open.number });
  const q = liveQuorum(ctx, a.sessionId, m);
  if (!q.met) throw new AppError('MEETING_NO_QUORUM', `present ${q.present}, quorum ${q.needed}`, { expected: String(q.needed), actual: String(q.present), shortBy: q.shortBy });
  const all = (ctx.db.prepare('SELECT id FROM dossier WHERE session_id = ? ORDER BY packet_no, id').all(a.sessionId) as Array<{ id: string }>).map((r) => r.id);
  const known = new Set(all);
  const wanted = tie?.dossierIds ?? (a.dossierIds && a.dossierIds.length > 0 ? [...new Set(a.dossierIds)] : all);
  for (const id of wanted) if (!known.has(id)) throw new AppError('DOSSIER_NOT_FOUND', `no dossier ${id}`, { field: 'dossierIds', actual: id });
  const roll = presentNow(ctx.db, a.sessionId);
  const id = randomBytes(8).toString('hex');
  const at = new Date().toISOString();
  inTransaction(ctx.db, () => {
    const kind = a.paper ? 'paper' : 'electronic';
    const number = insertRound(ctx.db, { sessionId: a.sessionId, id, purpose: tie ? 'tiebreak' : 'vote', kind, quotaId: tie?.quotaId ?? null, at, dossierIds: wanted, roll });
    appendAudit(ctx.db, {
      sessionId: a.sessionId,
      actor: `chair:${chair}`,
      kind: 'ballot.round_opened',
      payload: { roundId: id, number, paper: a.paper === true, dossiers: wanted.length, roll, quorum: q, ...(tie ? { quotaId: tie.quotaId } : {}) },
      at,
    });
  });
  return summary(ctx, a.sessionId, requireRound(ctx, a.sessionId, id), recusals(ctx, a.sessionId));
}

/** What the private voting screen shows the expert about to vote: the open round's dossiers they vote on. */
export function ballotSheet(ctx: Ctx, a: { sessionId: string; expertId: string }): BallotSheet {
  requireMeeting(ctx, a.sessionId);
  const e = requireMember(ctx, a.sessionId, a.expertId);
  const r = openRoundRow(ctx.db, a.sessionId);
  if (!r) throw new AppError('BALLOT_ROUND_CLOSED', 'no round is open', { field: 'roundId' });
  if (r.kind === 'paper') throw new AppError('BALLOT_PAPER_ROUND', `round ${r.number} is on paper`, { field: 'roundId', round: r.number });
  const rec = recusals(ctx, a.sessionId).get(a.expertId) ?? new Set<string>();
  const dossierIds = roundDossiers(ctx.db, a.sessionId, r.id);
  const refusal = voteRefusal({
    roundOpen: true,
    roll: roundRoll(ctx.db, a.sessionId, r.id),
    expertId: a.expertId,
    recused: dossierIds.every((d) => rec.has(d)),
    alreadyVoted: hasVoted(ctx.db, a.sessionId, r.id, a.expertId),
  });
  if (refusal) throw refusalError(refusal, r, e.name);
  const stmt = ctx.db.prepare('SELECT id AS dossierId, packet_no AS packetNo, name, employer, specialty, level FROM dossier WHERE session_id = ? AND id = ?');
  const dossiers = dossierIds.filter((d) => !rec.has(d)).map((d) => stmt.get(a.sessionId, d) as BallotSheet['dossiers'][number]);
  return { roundId: r.id, number: r.number, expertId: a.expertId, expertName: e.name, dossiers };
}

function refusalError(code: NonNullable<ReturnType<typeof voteRefusal>>, r: RoundRow, expertName: string): AppError {
  const details = { field: 'expertId', round: r.number, expertName };
  switch (code) {
    case 'ROUND_CLOSED':
      return new AppError('BALLOT_ROUND_CLOSED', `round ${r.number} is closed`, { ...details, field: 'roundId' });
    case 'NOT_ON_ROLL':
      return new AppError('BALLOT_NOT_ON_ROLL', `${expertName} was not present when round ${r.number} opened`, details);
    case 'RECUSED':
      return new AppError('BALLOT_RECUSED', `${expertName} is recused`, details);
    case 'ALREADY_VOTED':
      return new AppError('BALLOT_ALREADY_VOTED', `${expertName} has voted in round ${r.number}`, details);
  }
}

/** Tracker codes: 8 characters of an alphabet without look-alikes, grouped 4-4. */
const TRACKER_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
function trackerCode(): string {
  const b = randomBytes(8);
  const chars = [...b].map((x) => TRACKER_ALPHABET[x % 32] as string).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/**
 * One expert's ballot for the open round: a choice for every dossier they are not recused from, confirmed with their
 * passphrase at the voting laptop. Refused (nothing stored): closed round, not on the roll (absent or late), recused,
 * second vote, missing or extra dossiers, no signed commitment.
 */
export function castBallot(
  ctx: Ctx,
  a: { sessionId: string; roundId: string; expertId: string; passphrase: string; choices: Array<{ dossierId: string; choice: Choice }> },
): CastReceipt {
  requireMeeting(ctx, a.sessionId);
  const e = requireMember(ctx, a.sessionId, a.expertId);
  const r = requireRound(ctx, a.sessionId, a.roundId);
  const dossierIds = roundDossiers(ctx.db, a.sessionId, r.id);
  const rec = recusals(ctx, a.sessionId).get(a.expertId) ?? new Set<string>();
  const roll = roundRoll(ctx.db, a.sessionId, r.id);
  const chosenRecused = a.choices.find((c) => rec.has(c.dossierId));
  const refusal = voteRefusal({
    roundOpen: r.status === 'open',
    roll,
    expertId: a.expertId,
    recused: chosenRecused !== undefined || dossierIds.every((d) => rec.has(d)),
    alreadyVoted: hasVoted(ctx.db, a.sessionId, r.id, a.expertId),
  });
  if (r.kind === 'paper' && r.status === 'open') throw new AppError('BALLOT_PAPER_ROUND', `round ${r.number} is on paper`, { field: 'roundId', round: r.number });
  if (refusal) {
    const err = refusalError(refusal, r, e.name);
    if (refusal === 'RECUSED' && chosenRecused) Object.assign(err.details ?? {}, { dossierId: chosenRecused.dossierId });
    throw err;
  }
  const expected = dossierIds.filter((d) => !rec.has(d));
  const given = new Map(a.choices.map((c) => [c.dossierId, c.choice]));
  const extra = a.choices.find((c) => !dossierIds.includes(c.dossierId));
  const missing = expected.find((d) => !given.has(d));
  if (extra || missing || given.size !== a.choices.length) {
    throw new AppError('BALLOT_INCOMPLETE', 'a ballot needs one choice for each dossier of the round', {
      field: 'choices',
      dossierId: extra?.dossierId ?? missing ?? '',
      expected: String(expected.length),
      actual: String(a.choices.length),
    });
  }
  if (!commitmentsSigned(ctx.db, a.sessionId).has(a.expertId)) {
    throw new AppError('MEETING_COMMITMENT_MISSING', `${e.name} has not signed the commitment`, { field: 'expertId', expertName: e.name });
  }
  const { secretKey } = unlockSecretKey(ctx, a.sessionId, a.expertId, a.passphrase);
  secretKey.fill(0);
  const tracker = trackerCode();
  const closed = inTransaction(ctx.db, () => {
    insertBallots(ctx.db, {
      sessionId: a.sessionId,
      roundId: r.id,
      expertId: a.expertId,
      tracker,
      ballots: expected.map((d) => ({ ballotId: randomBytes(16).toString('hex'), dossierId: d, choice: given.get(d) as Choice })),
    });
    // That a ballot was cast (participation is public to the chair), never which.
    appendAudit(ctx.db, { sessionId: a.sessionId, actor: `expert:${a.expertId}`, kind: 'ballot.cast', payload: { roundId: r.id, round: r.number } });
    const voters = votersOf(roll, dossierIds, recusals(ctx, a.sessionId));
    if (participants(ctx.db, a.sessionId, r.id).length >= voters.length) {
      finishRound(ctx, a.sessionId, r, 'system');
      return true;
    }
    return false;
  });
  return { roundId: r.id, tracker, roundClosed: closed };
}

/**
 * Closes the round: counts each dossier from its ballots and reconciles it; more returned than issued voids it with a
 * coded reason. The counts are stored with the closing (migration 0100), so tallies and results never recount.
 */
function finishRound(ctx: Ctx, sessionId: string, r: RoundRow, actor: string): void {
  const { counts, trackers } = recountRound(ctx.db, sessionId, r, null, recusals(ctx, sessionId));
  const results = roundResults(ctx, sessionId, r, new Map(counts.map((c) => [c.dossierId, c])));
  const voided = results.find((x) => x.void);
  const at = new Date().toISOString();
  closeRoundRow(ctx.db, { sessionId, roundId: r.id, at, status: voided ? 'void' : 'closed', voidReason: voided ? 'RETURNED_EXCEEDS_ISSUED' : null, counts, trackers });
  appendAudit(ctx.db, {
    sessionId,
    actor,
    kind: voided ? 'ballot.round_void' : 'ballot.round_closed',
    payload: { roundId: r.id, number: r.number, counts: results.map(({ dossierId, issued, returned, valid, invalid, agree, disagree, abstain }) => ({ dossierId, issued, returned, valid, invalid, agree, disagree, abstain })) },
    at,
  });
}

/** The chair closes the open round before everyone has voted (missing ballots count against). */
export function closeRound(ctx: Ctx, a: { sessionId: string; roundId: string }): RoundSummary {
  requireMeeting(ctx, a.sessionId);
  const chair = presidingChair(ctx, a.sessionId);
  const r = requireRound(ctx, a.sessionId, a.roundId);
  if (r.status !== 'open') throw new AppError('BALLOT_ROUND_CLOSED', `round ${r.number} is closed`, { field: 'roundId', round: r.number });
  // A paper round closes when two people have entered the same counts, never on the chair's word alone.
  if (r.kind === 'paper') throw new AppError('PAPER_NOT_CONFIRMED', `round ${r.number} has no confirmed counts`, { field: 'roundId', round: r.number });
  inTransaction(ctx.db, () => finishRound(ctx, a.sessionId, r, `chair:${chair}`));
  return summary(ctx, a.sessionId, requireRound(ctx, a.sessionId, a.roundId), recusals(ctx, a.sessionId));
}

/** The 2/3 rule and reconciliation (shared/domain) over a round's counts, in round order. */
function roundResults(ctx: Ctx, sessionId: string, r: RoundRow, counts: ReadonlyMap<string, RoundCounts>): DossierRoundResult[] {
  const m = requireMeeting(ctx, sessionId);
  const rec = recusals(ctx, sessionId);
  const roll = roundRoll(ctx.db, sessionId, r.id);
  const recusedBy = recusedOnRoll(roll, rec);
  return roundDossiers(ctx.db, sessionId, r.id).map((dossierId) => {
    const recused = recusedIn(recusedBy, dossierId);
    const c = counts.get(dossierId) ?? electronicCounts(roll.length - recused.size, undefined);
    return dossierRoundResult({ dossierId, roll, recused, recusedCountInA: m.recusedCountInA, counts: c });
  });
}

/** A closed round's results from its stored counts, and every tracker with its choices in round order. */
export function computeTally(ctx: Ctx, sessionId: string, r: RoundRow): Omit<RoundTally, 'round'> {
  const results = roundResults(ctx, sessionId, r, roundCounts(ctx.db, sessionId, r.id));
  const dossierIds = roundDossiers(ctx.db, sessionId, r.id);
  // Stored at close, one line per tracker (migration 0100): one object per ballot, no 125,000-row read.
  const trackers = roundTrackers(ctx.db, sessionId, r.id).map(([tracker, line]) => {
    const choices: Array<{ dossierId: string; choice: Choice }> = [];
    for (let i = 0; i < line.length; i++) {
      const choice = CHOICE_OF[line[i] as string];
      if (choice) choices.push({ dossierId: dossierIds[i] as string, choice });
    }
    return { tracker, choices };
  });
  return { results, trackers };
}

/** A closed round's tally and trackers; refused while the round is open (nobody sees a count before it closes). */
export function roundTally(ctx: Ctx, a: { sessionId: string; roundId: string }): RoundTally {
  requireSession(ctx, a.sessionId);
  const r = requireRound(ctx, a.sessionId, a.roundId);
  if (r.status === 'open') throw new AppError('RESULTS_HIDDEN', `round ${r.number} is still open`, { field: 'roundId', round: r.number });
  return { round: summary(ctx, a.sessionId, r, recusals(ctx, a.sessionId)), ...computeTally(ctx, a.sessionId, r) };
}

