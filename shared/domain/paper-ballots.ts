// Paper ballots entered one by one (逐票录入): each ballot is one mark per dossier of the round, in the round's order.
// The counts per dossier follow from the ballots; two entries of the same stack are compared ballot by ballot.
// Pure; docs/meeting-rules.md §5 and §7.
import type { RoundCounts } from './ballots';

/** One box of a paper ballot: 同意, 不同意, 弃权, or 无效 (spoilt, blank or marked twice). Keys 1, 2, 3 and 0. */
export const PAPER_MARKS = ['agree', 'disagree', 'abstain', 'invalid'] as const;
export type PaperMark = (typeof PAPER_MARKS)[number];

/** The keyboard of the per-ballot entry: 1 同意, 2 不同意, 3 弃权, 0 无效. */
export const MARK_KEYS: Readonly<Record<string, PaperMark>> = { '1': 'agree', '2': 'disagree', '3': 'abstain', '0': 'invalid' };

/**
 * Counts of each dossier from the ballots: every ballot entered was returned; `issued(d)` is the sheets handed out
 * for that dossier (the experts entitled). Reconciliation then applies as for counts entered directly.
 */
export function countsFromBallots(
  dossierIds: readonly string[],
  ballots: ReadonlyArray<readonly PaperMark[]>,
  issued: (dossierId: string) => number,
): Array<RoundCounts & { dossierId: string }> {
  return dossierIds.map((dossierId, i) => {
    const c = { agree: 0, disagree: 0, abstain: 0, invalid: 0 };
    for (const b of ballots) c[b[i] as PaperMark]++;
    return { dossierId, issued: issued(dossierId), returned: ballots.length, valid: c.agree + c.disagree + c.abstain, ...c };
  });
}

/** Where two entries of the same stack differ: ballot number (1-based), dossier and both marks (null: not entered). */
export interface BallotDifference {
  ballot: number;
  dossierId: string;
  values: [PaperMark | null, PaperMark | null];
}

export function diffBallots(dossierIds: readonly string[], a: ReadonlyArray<readonly PaperMark[]>, b: ReadonlyArray<readonly PaperMark[]>): BallotDifference[] {
  const out: BallotDifference[] = [];
  for (let n = 0; n < Math.max(a.length, b.length); n++) {
    dossierIds.forEach((dossierId, i) => {
      const x = a[n]?.[i] ?? null;
      const y = b[n]?.[i] ?? null;
      if (x !== y) out.push({ ballot: n + 1, dossierId, values: [x, y] });
    });
  }
  return out;
}
