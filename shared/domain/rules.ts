// Meeting rules of 人社部令第40号 as pure functions (domain.md §3). Counts are whole experts.

/** Quorum: present ≥ ceil(2N/3). */
export function quorumNeeded(members: number): number {
  return Math.ceil((2 * members) / 3);
}

export function quorumStatus(members: number, present: number): { needed: number; met: boolean; shortBy: number } {
  const needed = quorumNeeded(members);
  return { needed, met: present >= needed, shortBy: Math.max(0, needed - present) };
}

/** Pass: agree ≥ ceil(2A/3) of the experts present A; exactly 2/3 passes; abstentions count against. */
export function agreeNeeded(present: number): number {
  return Math.ceil((2 * present) / 3);
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
