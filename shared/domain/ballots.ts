// Ballot rounds (无记名投票 in rounds): who may vote, reconciliation and the tally. Pure; docs/meeting-rules.md.
import { eligibleTotal, passDecision, type VoteCounts } from './rules';

export const CHOICES = ['agree', 'disagree', 'abstain'] as const;
export type Choice = (typeof CHOICES)[number];

/** Presence of one expert at the meeting: arrived / left as event sequence numbers (null: not yet / still here). */
export interface Presence {
  expertId: string;
  arrivedSeq: number | null;
  leftSeq: number | null;
}

/**
 * The round's roll: experts present at the instant it opens (seq). An expert who arrives after votes from the next
 * round on; one who left before does not vote (no proxy, no late votes: 第40号令 "不得委托他人投票或者补充投票").
 * Sorted, so the roll never carries check-in order.
 */
export function rollAt(presence: readonly Presence[], openSeq: number): string[] {
  return presence
    .filter((p) => p.arrivedSeq !== null && p.arrivedSeq <= openSeq && (p.leftSeq === null || p.leftSeq > openSeq))
    .map((p) => p.expertId)
    .sort();
}

export type VoteRefusal = 'ROUND_CLOSED' | 'NOT_ON_ROLL' | 'RECUSED' | 'ALREADY_VOTED';

/** Why this expert can't vote on this dossier in this round, or null when they can. Checked in this order. */
export function voteRefusal(args: {
  roundOpen: boolean;
  roll: readonly string[];
  expertId: string;
  recused: boolean;
  alreadyVoted: boolean;
}): VoteRefusal | null {
  if (!args.roundOpen) return 'ROUND_CLOSED';
  if (!args.roll.includes(args.expertId)) return 'NOT_ON_ROLL';
  if (args.recused) return 'RECUSED';
  if (args.alreadyVoted) return 'ALREADY_VOTED';
  return null;
}

/** One round and one dossier's counts, as entered (paper) or counted (electronic). */
export interface RoundCounts extends VoteCounts {
  issued: number;
  returned: number;
  valid: number;
}

export type ReconcileProblem =
  /** More ballots came back than were issued: the round is void (计票 practice, domain.md §3). */
  | 'RETURNED_EXCEEDS_ISSUED'
  /** More ballots issued than experts entitled to one (roll minus recused). */
  | 'ISSUED_EXCEEDS_ELIGIBLE'
  /** valid + invalid ≠ returned. */
  | 'RETURNED_MISMATCH'
  /** agree + disagree + abstain ≠ valid. */
  | 'VALID_MISMATCH';

/**
 * Reconciliation of one round and dossier (发出, 收回, 有效, 无效). RETURNED_EXCEEDS_ISSUED voids the round; the others
 * are entries that do not add up and are refused. Returns every problem found, first the voiding one.
 */
export function reconcile(c: RoundCounts, eligible: number): ReconcileProblem[] {
  const out: ReconcileProblem[] = [];
  if (c.returned > c.issued) out.push('RETURNED_EXCEEDS_ISSUED');
  if (c.issued > eligible) out.push('ISSUED_EXCEEDS_ELIGIBLE');
  if (c.valid + c.invalid !== c.returned) out.push('RETURNED_MISMATCH');
  if (c.agree + c.disagree + c.abstain !== c.valid) out.push('VALID_MISMATCH');
  return out;
}

/** A round is void when more came back than went out: its counts decide nothing and a new round is needed. */
export function voidsRound(problems: readonly ReconcileProblem[]): boolean {
  return problems.includes('RETURNED_EXCEEDS_ISSUED');
}

/** One anonymous ballot as stored: no voter, no time. Null choice: an invalid (spoilt) paper ballot. */
export interface AnonymousBallot {
  dossierId: string;
  choice: Choice | null;
}

/** Counts per dossier from the ballots themselves; order-independent (a sum), so storage order can be shuffled. */
export function tallyBallots(ballots: readonly AnonymousBallot[]): Map<string, VoteCounts> {
  const out = new Map<string, VoteCounts>();
  for (const b of ballots) {
    let c = out.get(b.dossierId);
    if (!c) {
      c = { agree: 0, disagree: 0, abstain: 0, invalid: 0 };
      out.set(b.dossierId, c);
    }
    if (b.choice === null) c.invalid++;
    else c[b.choice]++;
  }
  return out;
}

export interface DossierRoundResult extends RoundCounts {
  dossierId: string;
  /** A: on the roll and eligible (recused excluded unless the setting counts them). */
  eligible: number;
  /** Recused experts on the roll (回避 column). */
  recused: number;
  needed: number;
  passed: boolean;
  void: boolean;
  problems: ReconcileProblem[];
}

/**
 * The tally of one dossier in one round: reconciliation, then the 2/3 rule against A. A void round passes nobody.
 * `issued` is the number of experts entitled to a ballot (roll minus recused), electronic or paper.
 */
export function dossierRoundResult(args: {
  dossierId: string;
  roll: readonly string[];
  recused: ReadonlySet<string>;
  recusedCountInA: boolean;
  counts: RoundCounts;
}): DossierRoundResult {
  const eligibleVoters = eligibleTotal({ roll: args.roll, recused: args.recused, recusedCountInA: false });
  const a = eligibleTotal({ roll: args.roll, recused: args.recused, recusedCountInA: args.recusedCountInA });
  const problems = reconcile(args.counts, eligibleVoters);
  const isVoid = voidsRound(problems);
  const decision = passDecision(args.counts, a);
  return {
    dossierId: args.dossierId,
    ...args.counts,
    eligible: a,
    recused: new Set(args.roll).size - eligibleVoters,
    needed: decision.needed,
    passed: problems.length === 0 && decision.passed,
    void: isVoid,
    problems,
  };
}

/** Electronic round counts: every stored ballot was returned; a spoilt one (null choice) is invalid. */
export function electronicCounts(issued: number, counts: VoteCounts | undefined): RoundCounts {
  const c = counts ?? { agree: 0, disagree: 0, abstain: 0, invalid: 0 };
  const valid = c.agree + c.disagree + c.abstain;
  return { ...c, issued, returned: valid + c.invalid, valid };
}
