// Per-group statistics behind the examiner's charts and the statistical anomaly rules: each expert's totals,
// leniency (mean deviation from the dossiers' means), its z-score among the group's experts, and the group's
// agreement (ICC(2,1) on the complete part of the ratings, Krippendorff's α on all of them).
import type { ExaminerData, ExSheet } from './data';
import { icc21, krippendorffAlphaInterval, leniency, mean, zScores, type Rating } from './stats';

export interface ExpertStat {
  expertId: string;
  name: string;
  groupId: string;
  /** Submitted sheets counted. */
  sheets: number;
  /** Recomputed totals (sum of items), hundredths. */
  totals: number[];
  meanTotal: number | null;
  /** Mean deviation from the dossiers' means, hundredths; + lenient, − severe; null without shared dossiers. */
  leniency: number | null;
  /** z of the leniency among the group's experts; null when it cannot be computed. */
  z: number | null;
  /** The dossiers where the expert's total lies farthest from the dossier's mean (at most 5): the evidence to open. */
  farthest: string[];
}

export interface GroupStat {
  groupId: string;
  name: string;
  experts: ExpertStat[];
  /** ICC(2,1) (Shrout & Fleiss 1979) on the dossiers every counted rater scored. */
  icc: number | null;
  iccTargets: number;
  iccRaters: number;
  /** Krippendorff's α, interval metric, on every submitted sheet of the group. */
  alpha: number | null;
  dossiersScored: number;
}

export interface RoundVotes {
  roundId: string;
  number: number;
  status: 'open' | 'closed' | 'void';
  participants: number;
  agree: number;
  disagree: number;
  abstain: number;
}

export interface GroupAnalysis {
  groups: GroupStat[];
  rounds: RoundVotes[];
}

export function sheetSum(sheet: Pick<ExSheet, 'scores'>): number {
  let s = 0;
  for (const v of Object.values(sheet.scores)) s += v;
  return s;
}

/** The sheets the statistics count: current versions that were submitted (drafts are not finished work). */
export function countedSheets(data: ExaminerData): ExSheet[] {
  return data.sheets.filter((s) => s.status === 'submitted');
}

/** Per rater: the units ordered by |value − unit mean|, largest first (units with one rating skipped). */
function farthestUnits(ratings: readonly Rating[], max = 5): Map<string, string[]> {
  const sums = new Map<string, { sum: number; n: number }>();
  for (const r of ratings) {
    const u = sums.get(r.unit) ?? { sum: 0, n: 0 };
    u.sum += r.value;
    u.n++;
    sums.set(r.unit, u);
  }
  const per = new Map<string, Array<{ unit: string; d: number }>>();
  for (const r of ratings) {
    const u = sums.get(r.unit) as { sum: number; n: number };
    if (u.n < 2) continue;
    const l = per.get(r.rater) ?? [];
    l.push({ unit: r.unit, d: Math.abs(r.value - u.sum / u.n) });
    per.set(r.rater, l);
  }
  return new Map([...per].map(([rater, l]) => [rater, l.sort((a, b) => b.d - a.d || (a.unit < b.unit ? -1 : 1)).slice(0, max).map((x) => x.unit)]));
}

function completeMatrix(ratings: readonly Rating[]): { matrix: number[][]; raters: number } {
  const byUnit = new Map<string, Map<string, number>>();
  const perRater = new Map<string, number>();
  for (const r of ratings) {
    const u = byUnit.get(r.unit) ?? new Map<string, number>();
    u.set(r.rater, r.value);
    byUnit.set(r.unit, u);
    perRater.set(r.rater, (perRater.get(r.rater) ?? 0) + 1);
  }
  // Raters who scored at least half of the group's scored dossiers; the targets every one of them scored.
  const raters = [...perRater].filter(([, n]) => n * 2 >= byUnit.size).map(([id]) => id).sort();
  const matrix: number[][] = [];
  for (const u of [...byUnit.keys()].sort()) {
    const row = raters.map((id) => byUnit.get(u)?.get(id));
    if (row.every((v) => v !== undefined)) matrix.push(row as number[]);
  }
  return { matrix, raters: raters.length };
}

export function analyseGroups(data: ExaminerData): GroupAnalysis {
  const dossierGroup = new Map(data.dossiers.map((d) => [d.id, d.groupId]));
  const names = new Map(data.experts.map((e) => [e.id, e.name]));
  const ratingsByGroup = new Map<string, Rating[]>();
  for (const s of countedSheets(data)) {
    const g = dossierGroup.get(s.dossierId);
    if (g === undefined) continue;
    const list = ratingsByGroup.get(g) ?? [];
    list.push({ unit: s.dossierId, rater: s.expertId, value: sheetSum(s) });
    ratingsByGroup.set(g, list);
  }
  const groups: GroupStat[] = data.groups.map((g) => {
    const ratings = ratingsByGroup.get(g.id) ?? [];
    const len = leniency(ratings);
    const raterIds = [...new Set([...g.memberIds, ...ratings.map((r) => r.rater)])].sort();
    const withLen = raterIds.filter((id) => len.has(id));
    const zs = zScores(withLen.map((id) => (len.get(id) as { deviation: number }).deviation));
    const zOf = new Map(withLen.map((id, i) => [id, zs[i] ?? null]));
    const far = farthestUnits(ratings);
    const experts = raterIds.map((id): ExpertStat => {
      const totals = ratings.filter((r) => r.rater === id).map((r) => r.value);
      return {
        expertId: id,
        name: names.get(id) ?? id,
        groupId: g.id,
        sheets: totals.length,
        totals,
        meanTotal: totals.length > 0 ? mean(totals) : null,
        leniency: len.get(id)?.deviation ?? null,
        z: zOf.get(id) ?? null,
        farthest: far.get(id) ?? [],
      };
    });
    const { matrix, raters } = completeMatrix(ratings);
    return {
      groupId: g.id,
      name: g.name,
      experts,
      icc: icc21(matrix),
      iccTargets: matrix.length,
      iccRaters: raters,
      alpha: krippendorffAlphaInterval(ratings),
      dossiersScored: new Set(ratings.map((r) => r.unit)).size,
    };
  });
  const rounds = data.rounds.map((r): RoundVotes => {
    let agree = 0;
    let disagree = 0;
    let abstain = 0;
    for (const c of Object.values(r.counts)) {
      agree += c.agree;
      disagree += c.disagree;
      abstain += c.abstain;
    }
    return { roundId: r.id, number: r.number, status: r.status, participants: r.participants.length, agree, disagree, abstain };
  });
  return { groups, rounds };
}
