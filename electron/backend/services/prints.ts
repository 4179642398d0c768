// Reads for the meeting prints (issue 9 item 6): every expert's submitted score sheets item by item (only once the
// results are shown: no score leaks before the reveal), and the holidays the 公示 period skips (a setting of the
// installation, edited by the secretary: holidays are the country's, not one session's).
import { AppError } from '../../../shared/errors';
import { fingerprintOf } from '../../../shared/crypto/keyid';
import type { HolidaysView, PrintDossier, PrintScoreSheet } from '../../../shared/print-types';
import type { Db } from '../db/connection';
import { openRoundRow } from '../db/queries/ballots';
import { getPref, setPref } from '../db/queries/prefs';
import { latestSubmittedItems, latestSubmittedSheets, printDossierRows } from '../db/queries/prints';
import { listStandards } from '../db/queries/standards';
import type { Ctx } from '../context';
import { roundSummaries } from './ballots';
import { requireMeeting, requireMember } from './meeting';

const HOLIDAYS_PREF = 'noticeHolidays';

export function readHolidays(db: Db): HolidaysView {
  const raw = getPref(db, HOLIDAYS_PREF);
  if (!raw) return { days: [] };
  const parsed = JSON.parse(raw) as unknown;
  return { days: Array.isArray(parsed) ? parsed.filter((d): d is string => typeof d === 'string').sort() : [] };
}

/** Replaces the list (the contract has checked every day); sorted, without duplicates. */
export function writeHolidays(db: Db, days: readonly string[]): HolidaysView {
  const clean = [...new Set(days)].sort();
  setPref(db, HOLIDAYS_PREF, JSON.stringify(clean));
  return { days: clean };
}

/** Submitted sheets of one expert (or all), once every round is closed; item labels and caps from the standard. */
export function scoreSheetsForPrint(ctx: Ctx, a: { sessionId: string; expertId?: string | undefined }): PrintScoreSheet[] {
  requireMeeting(ctx, a.sessionId);
  if (a.expertId) requireMember(ctx, a.sessionId, a.expertId);
  const open = openRoundRow(ctx.db, a.sessionId);
  if (open) throw new AppError('RESULTS_HIDDEN', `round ${open.number} is still open`, { field: 'roundId', actual: open.id, round: open.number });
  // Scores are revealed with the results, after a closed round; before the first one there is nothing to reveal.
  if (!roundSummaries(ctx, a.sessionId).some((r) => r.status !== 'open')) throw new AppError('PRINT_NO_RESULTS', 'no round has closed yet', { field: 'sessionId', actual: a.sessionId });
  const expertId = a.expertId ?? null;
  const standards = new Map(listStandards(ctx.db, a.sessionId).map((s) => [s.id, s]));
  const values = new Map<string, number>();
  for (const i of latestSubmittedItems(ctx.db, a.sessionId, expertId)) values.set(`${i.dossierId}\n${i.expertId}\n${i.itemId}`, i.value);
  return latestSubmittedSheets(ctx.db, a.sessionId, expertId).map((s) => {
    const items = (standards.get(s.standardId)?.items ?? []).map((it) => ({
      itemId: it.id,
      group: it.group,
      label: it.label,
      max: it.max,
      value: values.get(`${s.dossierId}\n${s.expertId}\n${it.id}`) ?? null,
    }));
    return {
      expertId: s.expertId,
      expertName: s.expertName,
      fingerprint: s.keyid ? fingerprintOf(s.keyid) : null,
      dossierId: s.dossierId,
      packetNo: s.packetNo,
      dossierName: s.dossierName,
      employer: s.employer,
      specialty: s.specialty,
      level: s.level,
      groupName: s.groupName,
      version: s.version,
      submittedAt: s.submittedAt,
      items,
      total: items.reduce((n, it) => n + (it.value ?? 0), 0),
      opinion: s.opinion,
      recommendation: s.recommendation,
      payloadSha256: s.payloadSha256,
    };
  });
}

/**
 * Every dossier of the session, public facts only, for the ballots, the tally and the 公示 list. Once the meeting is
 * open (the chair presides over every dossier then, whichever groups they scored in, so listDossiers' per-group scope
 * does not apply).
 */
export function printDossiers(ctx: Ctx, a: { sessionId: string }): PrintDossier[] {
  requireMeeting(ctx, a.sessionId);
  return printDossierRows(ctx.db, a.sessionId);
}
