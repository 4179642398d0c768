// Paper rounds (issue 9 item 4): the teller and the scrutineer each enter the round, as counts per dossier or ballot
// by ballot, with their own passphrase; the second enters blind. Equal entries by two different people close the
// round with them; different ones give a field-level diff (and, ballot by ballot, the ballots that differ) and keep it
// open for a recount, or for the chair to arbitrate with a reason. Nobody confirms their own entry; counts that exceed
// the experts entitled, or that do not add up, are refused and not recorded.
import { reconcile, voidsRound } from '../../../shared/domain/ballots';
import { countsFromBallots, diffBallots, type PaperMark } from '../../../shared/domain/paper-ballots';
import { AppError } from '../../../shared/errors';
import type { PaperBallots, PaperCount, PaperEntryResult, PaperRecord, RoundSummary } from '../../../shared/meeting-types';
import { inTransaction } from '../db/connection';
import { appendAudit } from '../db/queries/audit';
import { closeRoundRow, insertPaperEntry, listPaperEntries, roundDossiers, roundRoll, type RoundRow } from '../db/queries/ballots';
import { getArbitration, insertArbitration } from '../db/queries/count-signatures';
import type { Ctx } from '../context';
import { recusals, requireRound } from './ballots';
import { unlockSecretKey } from './identity';
import { presidingChair, requireMeeting, requireMember } from './meeting';

const COUNT_FIELDS = ['issued', 'returned', 'valid', 'invalid', 'agree', 'disagree', 'abstain'] as const;

type Entry = ReturnType<typeof listPaperEntries<PaperCount[], PaperBallots>>[number];

/** Who entered and who confirmed a paper round (or who arbitrated); read from its entries. */
export function paperRecord(ctx: Ctx, sessionId: string, r: Pick<RoundRow, 'id' | 'status'>): PaperRecord {
  const entries = listPaperEntries<PaperCount[], PaperBallots>(ctx.db, sessionId, r.id);
  const none: PaperRecord = { entries: entries.length, enteredBy: null, confirmedBy: null, arbitratedBy: null, arbitrationReason: null, byBallot: false };
  if (r.status === 'open') return none;
  const arb = getArbitration(ctx.db, sessionId, r.id);
  if (arb) {
    const chosen = entries.find((e) => e.seq === arb.entrySeq);
    return { ...none, enteredBy: chosen?.entrantId ?? null, arbitratedBy: arb.chairId, arbitrationReason: arb.reason, byBallot: !!chosen?.ballots };
  }
  const last = entries.at(-1);
  if (!last) return none;
  const first = [...entries].reverse().find((e) => e.entrantId !== last.entrantId);
  return { ...none, enteredBy: first?.entrantId ?? null, confirmedBy: last.entrantId, byBallot: !!last.ballots && !!first?.ballots };
}

function openPaperRound(ctx: Ctx, sessionId: string, roundId: string, entrantId: string) {
  const m = requireMeeting(ctx, sessionId);
  const e = requireMember(ctx, sessionId, entrantId);
  if (entrantId !== m.tellerId && entrantId !== m.scrutineerId) throw new AppError('PAPER_NOT_OFFICER', `${e.name} is neither teller nor scrutineer`, { field: 'entrantId', expertName: e.name });
  const r = requireRound(ctx, sessionId, roundId);
  if (r.kind !== 'paper') throw new AppError('BALLOT_ROUND_NOT_FOUND', `round ${r.number} is not a paper round`, { field: 'roundId', actual: roundId });
  if (r.status !== 'open') throw new AppError('BALLOT_ROUND_CLOSED', `round ${r.number} is closed`, { field: 'roundId', round: r.number });
  const entries = listPaperEntries<PaperCount[], PaperBallots>(ctx.db, sessionId, r.id);
  // Confirming means a second person: while only this person has entered, another entry of theirs is refused.
  if (entries.length > 0 && entries.every((x) => x.entrantId === entrantId)) {
    throw new AppError('PAPER_SELF_CONFIRM', `${e.name} cannot confirm their own entry`, { field: 'entrantId', expertName: e.name });
  }
  const roll = roundRoll(ctx.db, sessionId, r.id);
  const rec = recusals(ctx, sessionId);
  const entitled = (d: string) => roll.filter((x) => !rec.get(x)?.has(d)).length;
  return { r, entries, dossierIds: roundDossiers(ctx.db, sessionId, r.id), entitled };
}

/** Refuses counts above the experts entitled or not adding up; returns whether they void the round. */
function checkCounts(counts: readonly PaperCount[], entitled: (d: string) => number): boolean {
  let voided = false;
  for (const c of counts) {
    const problems = reconcile(c, entitled(c.dossierId));
    if (problems.includes('ISSUED_EXCEEDS_ELIGIBLE')) {
      throw new AppError('PAPER_COUNTS_EXCEED_PRESENT', `${c.issued} issued for ${entitled(c.dossierId)} entitled`, {
        field: 'issued',
        dossierId: c.dossierId,
        expected: String(entitled(c.dossierId)),
        actual: String(c.issued),
      });
    }
    const mismatch = problems.find((p) => p === 'RETURNED_MISMATCH' || p === 'VALID_MISMATCH');
    if (mismatch) {
      throw new AppError('RECONCILE_MISMATCH', `counts of ${c.dossierId} do not add up: ${mismatch}`, { field: mismatch === 'RETURNED_MISMATCH' ? 'returned' : 'valid', dossierId: c.dossierId, reason: mismatch });
    }
    if (voidsRound(problems)) voided = true;
  }
  return voided;
}

function closeWith(ctx: Ctx, sessionId: string, r: RoundRow, counts: readonly PaperCount[], voided: boolean, actor: string, payload: Record<string, unknown>, at: string): void {
  closeRoundRow(ctx.db, { sessionId, roundId: r.id, at, status: voided ? 'void' : 'closed', voidReason: voided ? 'RETURNED_EXCEEDS_ISSUED' : null, paperCounts: counts });
  appendAudit(ctx.db, { sessionId, actor, kind: voided ? 'ballot.round_void' : 'ballot.round_closed', payload: { roundId: r.id, number: r.number, ...payload, counts }, at });
}

/** Records one entry (counts, and the ballots when entered one by one) and compares it with the other person's. */
function recordEntry(
  ctx: Ctx,
  a: { sessionId: string; entrantId: string; passphrase: string },
  p: ReturnType<typeof openPaperRound>,
  counts: PaperCount[],
  ballots: PaperBallots | null,
): PaperEntryResult {
  const voided = checkCounts(counts, p.entitled);
  const { secretKey } = unlockSecretKey(ctx, a.sessionId, a.entrantId, a.passphrase);
  secretKey.fill(0);
  const other: Entry | undefined = [...p.entries].reverse().find((x) => x.entrantId !== a.entrantId);
  const diff: PaperEntryResult['diff'] = [];
  if (other) {
    const theirs = new Map(other.counts.map((c) => [c.dossierId, c]));
    for (const c of counts) {
      const t = theirs.get(c.dossierId);
      for (const f of COUNT_FIELDS) if (!t || t[f] !== c[f]) diff.push({ dossierId: c.dossierId, field: f, values: [t ? t[f] : -1, c[f]] });
    }
  }
  // Both ballot by ballot: the same stack, so each ballot must match too (two swapped ballots leave the counts equal).
  const ballotDiff = other?.ballots && ballots ? diffBallots(p.dossierIds, other.ballots, ballots) : [];
  const accepted = !!other && diff.length === 0 && ballotDiff.length === 0;
  const at = new Date().toISOString();
  inTransaction(ctx.db, () => {
    const seq = insertPaperEntry(ctx.db, { sessionId: a.sessionId, roundId: p.r.id, entrantId: a.entrantId, counts, ...(ballots ? { ballots } : {}), at });
    appendAudit(ctx.db, {
      sessionId: a.sessionId,
      actor: `expert:${a.entrantId}`,
      kind: 'ballot.paper_entered',
      payload: { roundId: p.r.id, seq, byBallot: ballots !== null, differences: diff.length + ballotDiff.length, confirms: accepted ? other.entrantId : null },
      at,
    });
    if (accepted) closeWith(ctx, a.sessionId, p.r, counts, voided, `expert:${a.entrantId}`, { enteredBy: other.entrantId, confirmedBy: a.entrantId }, at);
  });
  return { roundId: p.r.id, accepted, status: accepted ? (voided ? 'void' : 'closed') : 'open', diff, ballotDiff, enteredBy: other?.entrantId ?? a.entrantId, confirmedBy: accepted ? a.entrantId : null };
}

/** Counts per dossier (发出, 收回, 有效, 无效, 同意, 不同意, 弃权), every dossier of the round once. */
export function enterPaperCounts(ctx: Ctx, a: { sessionId: string; roundId: string; entrantId: string; passphrase: string; counts: PaperCount[] }): PaperEntryResult {
  const p = openPaperRound(ctx, a.sessionId, a.roundId, a.entrantId);
  const given = new Map(a.counts.map((c) => [c.dossierId, c]));
  const odd = a.counts.find((c) => !p.dossierIds.includes(c.dossierId)) ?? p.dossierIds.find((d) => !given.has(d));
  if (odd || given.size !== a.counts.length) {
    throw new AppError('BALLOT_INCOMPLETE', 'enter the counts of every dossier of the round once', {
      field: 'counts',
      dossierId: typeof odd === 'string' ? odd : (odd?.dossierId ?? ''),
      expected: String(p.dossierIds.length),
      actual: String(a.counts.length),
    });
  }
  const counts = p.dossierIds.map((d) => {
    const c = given.get(d) as PaperCount;
    return { dossierId: d, issued: c.issued, returned: c.returned, valid: c.valid, invalid: c.invalid, agree: c.agree, disagree: c.disagree, abstain: c.abstain };
  });
  return recordEntry(ctx, a, p, counts, null);
}

/**
 * Every paper ballot, one by one: a mark per dossier of the round, in its order. Every ballot entered was returned;
 * more ballots than experts entitled to one is refused (PAPER_COUNTS_EXCEED_PRESENT).
 */
export function enterPaperBallots(ctx: Ctx, a: { sessionId: string; roundId: string; entrantId: string; passphrase: string; ballots: PaperBallots }): PaperEntryResult {
  const p = openPaperRound(ctx, a.sessionId, a.roundId, a.entrantId);
  const short = a.ballots.findIndex((b) => b.length !== p.dossierIds.length);
  if (short >= 0) {
    throw new AppError('BALLOT_INCOMPLETE', `ballot ${short + 1} needs one mark for each dossier of the round`, {
      field: 'ballots',
      row: short + 1,
      expected: String(p.dossierIds.length),
      actual: String(a.ballots[short]?.length ?? 0),
    });
  }
  for (const d of p.dossierIds) {
    if (a.ballots.length > p.entitled(d)) {
      throw new AppError('PAPER_COUNTS_EXCEED_PRESENT', `${a.ballots.length} ballots for ${p.entitled(d)} entitled`, {
        field: 'ballots',
        dossierId: d,
        expected: String(p.entitled(d)),
        actual: String(a.ballots.length),
      });
    }
  }
  const counts = countsFromBallots(p.dossierIds, a.ballots, p.entitled);
  return recordEntry(ctx, a, p, counts, a.ballots.map((b) => [...b] as PaperMark[]));
}

/**
 * The chair arbitrates (仲裁) two entries that still differ: accepts one officer's latest entry, with a reason, and
 * the round closes with it. Only once two people have entered and their entries differ (equal ones closed the round).
 */
export function arbitratePaperEntry(ctx: Ctx, a: { sessionId: string; roundId: string; entrantId: string; reason: string }): RoundSummary['paper'] {
  requireMeeting(ctx, a.sessionId);
  const chair = presidingChair(ctx, a.sessionId);
  const r = requireRound(ctx, a.sessionId, a.roundId);
  if (r.kind !== 'paper') throw new AppError('BALLOT_ROUND_NOT_FOUND', `round ${r.number} is not a paper round`, { field: 'roundId', actual: a.roundId });
  if (r.status !== 'open') throw new AppError('BALLOT_ROUND_CLOSED', `round ${r.number} is closed`, { field: 'roundId', round: r.number });
  const entries = listPaperEntries<PaperCount[], PaperBallots>(ctx.db, a.sessionId, r.id);
  const latest = new Map<string, Entry>();
  for (const e of entries) latest.set(e.entrantId, e);
  const chosen = latest.get(a.entrantId);
  if (latest.size < 2 || !chosen) {
    throw new AppError('PAPER_ARBITRATION_INVALID', 'the chair accepts the latest entry of one of two people whose entries differ', {
      field: 'entrantId',
      actual: a.entrantId,
      entries: entries.length,
    });
  }
  const roll = roundRoll(ctx.db, a.sessionId, r.id);
  const rec = recusals(ctx, a.sessionId);
  const voided = checkCounts(chosen.counts, (d) => roll.filter((x) => !rec.get(x)?.has(d)).length);
  const at = new Date().toISOString();
  inTransaction(ctx.db, () => {
    insertArbitration(ctx.db, { sessionId: a.sessionId, roundId: r.id, entrySeq: chosen.seq, chairId: chair, reason: a.reason, decidedAt: at });
    appendAudit(ctx.db, { sessionId: a.sessionId, actor: `chair:${chair}`, kind: 'ballot.paper_arbitrated', payload: { roundId: r.id, seq: chosen.seq, entrantId: chosen.entrantId, reason: a.reason }, at });
    closeWith(ctx, a.sessionId, r, chosen.counts, voided, `chair:${chair}`, { enteredBy: chosen.entrantId, arbitratedBy: chair }, at);
  });
  return paperRecord(ctx, a.sessionId, requireRound(ctx, a.sessionId, r.id));
}
