// A round's counts per dossier, counted from what the round holds with the shared/domain rules: the ballots
// (tallyBallots, electronicCounts) or, for a paper round, the counts two people entered alike. Run when the round
// closes (the result is stored, migration 0100) and by that migration's backfill; the stored rows are only a cache.
// Electronic rounds also give each tracker's line of the published tally.
import { electronicCounts, tallyBallots, type AnonymousBallot, type Choice } from '../../../shared/domain/ballots';
import type { Db } from '../db/connection';
import { listConflicts } from '../db/queries/conflicts';
import { CHOICE_LETTER, NO_BALLOT, type DossierCounts, type TrackerLine } from '../db/queries/tally-cache';
import { prepared } from '../db/statements';

/** expert id → dossier ids they are recused from (confirmed conflicts). */
export function confirmedRecusals(db: Db, sessionId: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const c of listConflicts(db, sessionId)) {
    if (c.status !== 'confirmed') continue;
    let s = out.get(c.expertId);
    if (!s) out.set(c.expertId, (s = new Set()));
    s.add(c.dossierId);
  }
  return out;
}

const NOBODY: ReadonlySet<string> = new Set();

/**
 * For one round: dossier id → the experts on its roll recused from it. Built from the (few) recusals rather than per
 * dossier, so a 5,000-dossier round costs one pass; dossiers nobody is recused from are absent (use `recusedIn`).
 */
export function recusedOnRoll(roll: readonly string[], rec: ReadonlyMap<string, ReadonlySet<string>>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const e of roll) {
    for (const d of rec.get(e) ?? []) {
      let s = out.get(d);
      if (!s) out.set(d, (s = new Set()));
      s.add(e);
    }
  }
  return out;
}

export function recusedIn(byDossier: ReadonlyMap<string, ReadonlySet<string>>, dossierId: string): ReadonlySet<string> {
  return byDossier.get(dossierId) ?? NOBODY;
}

/**
 * Counts every dossier of the round, in round order, and (electronic) each tracker's line of choices. Electronic:
 * issued = roll minus the recused, one returned ballot per stored ballot. Paper: the counts entered, as they are.
 */
export function recountRound(
  db: Db,
  sessionId: string,
  round: { id: string; kind: 'electronic' | 'paper' },
  paperCounts: readonly DossierCounts[] | null,
  rec: Map<string, Set<string>> = confirmedRecusals(db, sessionId),
): { counts: DossierCounts[]; trackers: TrackerLine[] } {
  const dossierIds = prepared(db, 'SELECT dossier_id FROM round_dossier WHERE session_id = ? AND round_id = ? ORDER BY position').pluck().all(sessionId, round.id) as string[];
  if (round.kind === 'paper') {
    const entered = new Map((paperCounts ?? []).map((c) => [c.dossierId, c]));
    const counts = dossierIds.map((d) => {
      const c = entered.get(d);
      if (!c) throw new Error(`paper round ${round.id} has no counts for dossier ${d}`);
      return { ...c, dossierId: d };
    });
    return { counts, trackers: [] };
  }
  const roll = prepared(db, 'SELECT expert_id FROM round_roll WHERE session_id = ? AND round_id = ?').pluck().all(sessionId, round.id) as string[];
  const rows = prepared(db, 'SELECT tracker, dossier_id, choice FROM ballot WHERE session_id = ? AND round_id = ?').raw(true).all(sessionId, round.id) as Array<[string, string, Choice]>;
  const ballots: AnonymousBallot[] = rows.map(([, dossierId, choice]) => ({ dossierId, choice }));
  const tally = tallyBallots(ballots);
  const recused = recusedOnRoll(roll, rec);
  const counts = dossierIds.map((d) => ({ dossierId: d, ...electronicCounts(roll.length - recusedIn(recused, d).size, tally.get(d)) }));
  const position = new Map(dossierIds.map((d, i) => [d, i]));
  const lines = new Map<string, string[]>();
  for (const [tracker, dossierId, choice] of rows) {
    let line = lines.get(tracker);
    if (!line) lines.set(tracker, (line = new Array<string>(dossierIds.length).fill(NO_BALLOT)));
    line[position.get(dossierId) as number] = CHOICE_LETTER[choice];
  }
  const trackers = [...lines].sort(([x], [y]) => (x < y ? -1 : 1)).map(([tracker, line]) => ({ tracker, choices: line.join('') }));
  return { counts, trackers };
}

/** The counts only (see recountRound). */
export function countRound(
  db: Db,
  sessionId: string,
  round: { id: string; kind: 'electronic' | 'paper' },
  paperCounts: readonly DossierCounts[] | null,
  rec?: Map<string, Set<string>>,
): DossierCounts[] {
  return recountRound(db, sessionId, round, paperCounts, rec).counts;
}
