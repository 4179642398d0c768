// Meeting rules of 人社部令第40号 as pure functions (domain.md §3). Counts are whole experts.

/** ceil(2n/3) in integer arithmetic (no floating division, exact for any safe integer). */
function twoThirdsUp(n: number): number {
  return Math.floor((2 * n + 2) / 3);
}

/** Quorum: present ≥ ceil(2N/3). */
export function quorumNeeded(members: number): number {
  return twoThirdsUp(members);
}

export function quorumStatus(members: number, present: number): { needed: number; met: boolean; shortBy: number } {
  const needed = quorumNeeded(members);
  return { needed, met: present >= needed, shortBy: Math.max(0, needed - present) };
}

/** Pass: agree ≥ ceil(2A/3) of the experts present A; exactly 2/3 passes; abstentions count against. */
export function agreeNeeded(present: number): number {
  return twoThirdsUp(present);
}

export function passes(agree: number, present: number): boolean {
  return present > 0 && agree >= agreeNeeded(present);
}

/** Committee-size checks (warnings, never blocks). */
export interface CommitteeWarning {
  code: 'COMMITTEE_EVEN' | 'COMMITTEE_BELOW_MINIMUM' | 'COMMITTEE_NO_CHAIR' | 'GROUP_TOO_SMALL';
  params: Record<string, string | number>;
}

export const MIN_GROUP_SIZE = 3;

export function committeeWarnings(input: {
  tier: string;
  bySpecialty: boolean;
  roster: ReadonlyArray<{ role: string }>;
  groups: ReadonlyArray<{ id: string; name: string; size: number }>;
}): CommitteeWarning[] {
  const out: CommitteeWarning[] = [];
  const n = input.roster.length;
  if (n % 2 === 0) out.push({ code: 'COMMITTEE_EVEN', params: { count: n } });
  if (input.tier === 'senior') {
    const min = input.bySpecialty ? 11 : 25;
    if (n < min) out.push({ code: 'COMMITTEE_BELOW_MINIMUM', params: { count: n, min } });
  }
  if (!input.roster.some((e) => e.role === 'chair')) out.push({ code: 'COMMITTEE_NO_CHAIR', params: {} });
  for (const g of input.groups) {
    if (g.size < MIN_GROUP_SIZE) out.push({ code: 'GROUP_TOO_SMALL', params: { group: g.name, size: g.size, min: MIN_GROUP_SIZE } });
  }
  return out;
}

/** Aggregate totals (hundredths): mean, or trimmed mean (drop one highest and one lowest) when ≥5 scorers. Rounded half up. */
export function aggregateTotals(totals: readonly number[], method: 'mean' | 'trimmed_mean'): number | null {
  if (totals.length === 0) return null;
  let used = [...totals].sort((a, b) => a - b);
  if (method === 'trimmed_mean' && used.length >= 5) used = used.slice(1, -1);
  const sum = used.reduce((s, v) => s + v, 0);
  return Math.floor((2 * sum + used.length) / (2 * used.length));
}

// ---- The committee meeting (issue 9): quorum base, the eligible total A, the pass decision. docs/meeting-rules.md ----

/**
 * Quorum base N (人社部令第40号, 评审程序: "出席评审会议的专家人数应当不少于职称评审委员会人数的2/3"; domain.md §3).
 * Some provinces count the members sitting for this session (执行委员) instead of the whole pool: a setting,
 * printed in the minutes. With 'sitting_members' and no sitting list, the whole roster sits.
 */
export type QuorumBase = 'all_members' | 'sitting_members';

export function meetingQuorum(args: {
  base: QuorumBase;
  members: number;
  sittingMembers: number | null;
  present: number;
}): { base: QuorumBase; n: number; needed: number; present: number; met: boolean; shortBy: number } {
  const n = args.base === 'sitting_members' && args.sittingMembers !== null ? args.sittingMembers : args.members;
  return { base: args.base, n, present: args.present, ...quorumStatus(n, args.present) };
}

/**
 * A for one dossier in one round: the experts on the round's roll (checked in when it opened: 第40号令 "未出席评审会议的评审专家不得委托他人投票或者补充投票",
 * no proxy, no late votes), minus those recused from the dossier (第40号令 回避制度) unless the setting counts
 * them in A. Recused experts never vote either way; counting them in A only makes passing harder.
 */
export function eligibleTotal(args: { roll: readonly string[]; recused: ReadonlySet<string>; recusedCountInA: boolean }): number {
  const onRoll = new Set(args.roll);
  if (args.recusedCountInA) return onRoll.size;
  let a = 0;
  for (const id of onRoll) if (!args.recused.has(id)) a++;
  return a;
}

export interface VoteCounts {
  agree: number;
  disagree: number;
  abstain: number;
  invalid: number;
}

/**
 * The pass decision of one dossier in one round: agree ≥ ceil(2A/3) ("同意票数达到出席评审会议的评审专家总数2/3以上的
 * 即为评审通过", 第40号令; "以上" includes the boundary). Disagree, abstain, invalid and ballots not returned all count
 * against, because only agree is compared with A.
 */
export function passDecision(counts: VoteCounts, eligible: number): { eligible: number; needed: number; agree: number; passed: boolean; missingAgree: number } {
  const needed = agreeNeeded(eligible);
  const passed = passes(counts.agree, eligible);
  return { eligible, needed, agree: counts.agree, passed, missingAgree: passed ? 0 : Math.max(0, needed - counts.agree) };
}

/**
 * The score that goes before the committee (domain.md §4): the standard's aggregation of the group's totals, and
 * whether it reaches the standard's optional minimum score for the vote (null: everyone goes to the vote).
 * No totals: no score, and not held back (the vote decides; the minutes show the missing score).
 */
export function scoreForVote(
  totals: readonly number[],
  aggregation: { method: 'mean' | 'trimmed_mean'; minScoreForVote: number | null },
): { score: number | null; scorers: number; trimmed: boolean; goesToVote: boolean } {
  const score = aggregateTotals(totals, aggregation.method);
  const trimmed = aggregation.method === 'trimmed_mean' && totals.length >= 5;
  const goesToVote = aggregation.minScoreForVote === null || score === null || score >= aggregation.minScoreForVote;
  return { score, scorers: totals.length, trimmed, goesToVote };
}
