// Pure builders of the meeting prints (issue 9 item 6): the stamp that ties paper to the signed file, the rows of the
// 投票结果表 in pages of 20, the 公示 list, the minutes' attendance and re-enrolments, the group opinions. The print
// views render what these return; the unit tests check them against hand-made meetings.
import type { Level } from '../bundle/schema';
import { fingerprintOf } from '../crypto/keyid';
import type { DossierResult, MeetingExpertRow, MeetingResults, MeetingView, RoundSummary, StatementSummary } from '../meeting-types';
import type { PrintScoreSheet } from '../print-types';
import type { AuditEventView, IdentityRow } from '../types';

/** Rows per page of the 投票结果表 (issue 9: "20 rows a page"). */
export const TALLY_ROWS_PER_PAGE = 20;
/** Hex digits of a hash printed on paper: enough to match, short enough to read aloud. */
export const SHORT_HASH = 16;

export interface PrintStamp {
  sessionId: string;
  /** Every round of the meeting, in order, as `number:id`. */
  rounds: Array<{ number: number; id: string }>;
  /** The latest signed results statement, or null: the print must say "unsigned". */
  statement: { version: number; short: string; fingerprint: string } | null;
}

export function printStamp(sessionId: string, rounds: readonly RoundSummary[], statements: readonly StatementSummary[]): PrintStamp {
  const latest = statements.reduce<StatementSummary | null>((a, s) => (!a || s.version > a.version ? s : a), null);
  return {
    sessionId,
    rounds: [...rounds].sort((a, b) => a.number - b.number).map((r) => ({ number: r.number, id: r.id })),
    statement: latest ? { version: latest.version, short: latest.payloadSha256.slice(0, SHORT_HASH), fingerprint: latest.fingerprint } : null,
  };
}

export function chunk<T>(rows: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`page size must be a positive integer: ${String(size)}`);
  const pages: T[][] = [];
  for (let i = 0; i < rows.length; i += size) pages.push(rows.slice(i, i + size));
  return pages.length > 0 ? pages : [[]];
}

export type RoundResultKind = 'passed' | 'not_passed' | 'void' | 'cut' | 'pending';

/** What one round decided for one dossier; the last vote round also carries the quota outcome. */
function roundResult(d: DossierResult, r: DossierResult['rounds'][number], lastVote: boolean): RoundResultKind {
  if (r.void) return 'void';
  if (!r.passed) return 'not_passed';
  if (lastVote && d.outcome.decision === 'pending') return 'pending';
  if (lastVote && d.outcome.quota === 'cut') return 'cut';
  return 'passed';
}

export interface TallyRow {
  seq: number;
  dossierId: string;
  name: string;
  employer: string;
  series: string;
  specialty: string;
  level: Level | string;
  /** 应到: the quorum base (committee members). */
  expected: number;
  /** 实到: on the roll when the round opened. */
  present: number;
  recused: number;
  issued: number;
  returned: number;
  valid: number;
  agree: number;
  disagree: number;
  abstain: number;
  invalid: number;
  result: RoundResultKind;
  round: number;
  roundId: string;
}

/** One row per dossier and round it was voted in (re-votes are rows of their own), in packet order. */
export function tallyRows(results: MeetingResults, rounds: readonly RoundSummary[], seriesOf: ReadonlyMap<string, string>): TallyRow[] {
  const roll = new Map(rounds.map((r) => [r.id, r.roll.length]));
  const rows: TallyRow[] = [];
  for (const d of results.dossiers) {
    const lastVote = d.rounds.filter((r) => !r.void).at(-1);
    for (const r of d.rounds) {
      rows.push({
        seq: rows.length + 1,
        dossierId: d.dossierId,
        name: d.name,
        employer: d.employer,
        series: seriesOf.get(d.dossierId) ?? '',
        specialty: d.specialty,
        level: d.level,
        expected: results.quorum.n,
        present: roll.get(r.roundId) ?? r.eligible + r.recused,
        recused: r.recused,
        issued: r.issued,
        returned: r.returned,
        valid: r.valid,
        agree: r.agree,
        disagree: r.disagree,
        abstain: r.abstain,
        invalid: r.invalid,
        result: roundResult(d, r, r === lastVote),
        round: r.number,
        roundId: r.roundId,
      });
    }
  }
  return rows;
}

export interface NoticeRow {
  seq: number;
  name: string;
  employer: string;
  series: string;
  specialty: string;
  level: Level | string;
}

/** The 公示 list: those finally passed (vote and quota), and only what the public may read: no expert, no count. */
export function noticeRows(results: MeetingResults, seriesOf: ReadonlyMap<string, string>): NoticeRow[] {
  return results.dossiers
    .filter((d) => d.outcome.decision === 'passed')
    .map((d, i) => ({ seq: i + 1, name: d.name, employer: d.employer, series: seriesOf.get(d.dossierId) ?? '', specialty: d.specialty, level: d.level }));
}

export interface MinutesAttendance {
  members: number;
  present: MeetingExpertRow[];
  late: MeetingExpertRow[];
  left: MeetingExpertRow[];
  absent: MeetingExpertRow[];
}

/** Present (on time or late, still here), late arrivals, early departures and the absent, in roster order. */
export function minutesAttendance(view: MeetingView): MinutesAttendance {
  const came = (e: MeetingExpertRow) => e.arrivedAt !== null;
  return {
    members: view.experts.length,
    present: view.experts.filter((e) => e.present),
    late: view.experts.filter((e) => came(e) && e.late),
    left: view.experts.filter((e) => e.leftAt !== null),
    absent: view.experts.filter((e) => !came(e)),
  };
}

export interface ReEnrolment {
  expertId: string;
  expertName: string;
  /** The revoked key's fingerprint (null when the entry names no valid key id). */
  fingerprint: string | null;
  reason: string;
  at: string;
}

/**
 * Every key revocation (each one opens a re-enrolment, issue 8): from the `key.revoked` audit entries, checked
 * against listIdentities' count so that a print never shows fewer than the identities say.
 */
export function reEnrolments(events: readonly AuditEventView[], identities: readonly IdentityRow[]): { rows: ReEnrolment[]; missing: number } {
  const rows = events
    .filter((e) => e.kind === 'key.revoked')
    .map((e) => {
      const keyid = typeof e.details.keyid === 'string' ? e.details.keyid : '';
      return {
        expertId: e.subject.expertId ?? (typeof e.details.expertId === 'string' ? e.details.expertId : ''),
        expertName: e.subject.expertName ?? '',
        fingerprint: /^[0-9a-f]{64}$/.test(keyid) ? fingerprintOf(keyid) : null,
        reason: typeof e.details.reason === 'string' ? e.details.reason : '',
        at: e.at,
      };
    });
  const counted = identities.reduce((n, i) => n + i.revokedKeys, 0);
  return { rows, missing: Math.max(0, counted - rows.length) };
}

export interface GroupOpinion {
  sheets: number;
  agree: number;
  disagree: number;
  abstain: number;
}

/** The review group's opinion of each dossier: the recommendations of its submitted, signed sheets. */
export function groupOpinions(sheets: readonly PrintScoreSheet[]): Map<string, GroupOpinion> {
  const out = new Map<string, GroupOpinion>();
  for (const s of sheets) {
    const o = out.get(s.dossierId) ?? { sheets: 0, agree: 0, disagree: 0, abstain: 0 };
    o.sheets++;
    if (s.recommendation) o[s.recommendation]++;
    out.set(s.dossierId, o);
  }
  return out;
}

/** Signature lines of the minutes: every expert present, with the fingerprint of their live key; the chair first. */
export function minutesSigners(view: MeetingView, identities: readonly IdentityRow[]): Array<{ expertId: string; name: string; role: MeetingExpertRow['role']; fingerprint: string | null }> {
  const fp = new Map(identities.map((i) => [i.expertId, i.fingerprint]));
  const rank = (r: MeetingExpertRow['role']) => (r === 'chair' ? 0 : r === 'vice_chair' ? 1 : 2);
  return view.experts
    .filter((e) => e.arrivedAt !== null)
    .sort((a, b) => rank(a.role) - rank(b.role))
    .map((e) => ({ expertId: e.expertId, name: e.name, role: e.role, fingerprint: fp.get(e.expertId) ?? null }));
}

/** Score sheets grouped per expert (roster order of first appearance), each expert's sheets in packet order. */
export function sheetsByExpert(sheets: readonly PrintScoreSheet[]): Array<{ expertId: string; expertName: string; fingerprint: string | null; sheets: PrintScoreSheet[] }> {
  const out = new Map<string, { expertId: string; expertName: string; fingerprint: string | null; sheets: PrintScoreSheet[] }>();
  for (const s of sheets) {
    const g = out.get(s.expertId) ?? { expertId: s.expertId, expertName: s.expertName, fingerprint: s.fingerprint, sheets: [] };
    g.sheets.push(s);
    out.set(s.expertId, g);
  }
  for (const g of out.values()) g.sheets.sort((a, b) => (a.packetNo < b.packetNo ? -1 : a.packetNo > b.packetNo ? 1 : 0));
  return [...out.values()];
}
