// The 公示 (public notice) period: at least five working days from the chosen start date, skipping weekends and the
// holidays the secretary configured (人社部发〔2019〕40 号《职称评审管理暂行规定》第二十五条: 公示期不少于 5 个工作日).
// Dates are ISO calendar days (YYYY-MM-DD), computed in UTC so the result never depends on the machine's zone.

export const NOTICE_MIN_WORKING_DAYS = 5;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day as YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDay(s: string): boolean {
  const m = ISO_DAY.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function isWeekend(day: string): boolean {
  const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
  return wd === 0 || wd === 6;
}

export interface NoticePeriod {
  start: string;
  end: string;
  /** The working days counted, in order (the first is the start when it is a working day). */
  workingDays: string[];
}

/**
 * The notice runs from `start` until the `minWorkingDays`-th working day, counting `start` itself when it is a
 * working day. A start on a weekend or holiday still opens the notice, but counting begins on the next working day.
 */
export function noticePeriod(start: string, holidays: readonly string[], minWorkingDays: number = NOTICE_MIN_WORKING_DAYS): NoticePeriod {
  if (!isIsoDay(start)) throw new RangeError(`start is not a calendar day: ${start}`);
  if (!Number.isInteger(minWorkingDays) || minWorkingDays < 1) throw new RangeError(`minWorkingDays must be a positive integer: ${String(minWorkingDays)}`);
  const off = new Set(holidays);
  const workingDays: string[] = [];
  let day = start;
  // A year of holidays cannot hold more than 366 days off in a row: the loop ends.
  while (workingDays.length < minWorkingDays) {
    if (!isWeekend(day) && !off.has(day)) workingDays.push(day);
    if (workingDays.length < minWorkingDays) day = addDays(day, 1);
  }
  return { start, end: day, workingDays };
}

export interface HolidayParse {
  /** Sorted, without duplicates. */
  days: string[];
  /** 1-based line numbers that are neither a day nor a range, with their text. */
  bad: Array<{ line: number; text: string }>;
}

/** Longest range accepted on one line: a typo like 2026-10-01~2027-10-07 is refused, not a year off. */
const MAX_RANGE_DAYS = 31;

/**
 * The secretary's holiday list: one day (2026-10-01) or one range (2026-10-01~2026-10-07, also with "至" or "..")
 * per line; blank lines and text after '#' are ignored.
 */
export function parseHolidays(text: string): HolidayParse {
  const days = new Set<string>();
  const bad: HolidayParse['bad'] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = (raw.split('#')[0] ?? '').trim();
    if (!line) return;
    const parts = line.split(/\s*(?:~|～|至|\.\.)\s*/);
    const from = parts[0] ?? '';
    const to = parts[1] ?? from;
    if (parts.length > 2 || !isIsoDay(from) || !isIsoDay(to) || to < from) {
      bad.push({ line: i + 1, text: raw.trim() });
      return;
    }
    const span: string[] = [];
    for (let d = from; d <= to && span.length <= MAX_RANGE_DAYS; d = addDays(d, 1)) span.push(d);
    if (span.length > MAX_RANGE_DAYS) {
      bad.push({ line: i + 1, text: raw.trim() });
      return;
    }
    for (const d of span) days.add(d);
  });
  return { days: [...days].sort(), bad };
}

/** The stored list back as text for the editor: consecutive days folded into ranges. */
export function formatHolidays(days: readonly string[]): string {
  const sorted = [...new Set(days)].sort();
  const lines: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const from = sorted[i] as string;
    let to = from;
    while (i + 1 < sorted.length && sorted[i + 1] === addDays(to, 1)) to = sorted[++i] as string;
    lines.push(from === to ? from : `${from}~${to}`);
    i++;
  }
  return lines.join('\n');
}
