// The 公示 period: at least five working days from the start, skipping weekends and the configured holidays; the
// holiday editor's text in and out. Hand-computed calendars (2026-10-01 is a Thursday).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHolidays, isIsoDay, isWeekend, noticePeriod, parseHolidays } from '../../../shared/domain/notice-period';

const NATIONAL_DAY_2026 = parseHolidays('2026-10-01~2026-10-07').days;

describe('noticePeriod', () => {
  it('a plain week: Monday start ends on Friday, five working days', () => {
    expect(noticePeriod('2026-11-02', [])).toEqual({ start: '2026-11-02', end: '2026-11-06', workingDays: ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06'] });
  });

  it('a Wednesday start crosses the weekend and ends on Tuesday', () => {
    const p = noticePeriod('2026-11-04', []);
    expect(p.end).toBe('2026-11-10');
    expect(p.workingDays).toEqual(['2026-11-04', '2026-11-05', '2026-11-06', '2026-11-09', '2026-11-10']);
  });

  it('a start on Saturday counts from Monday', () => {
    expect(noticePeriod('2026-11-07', []).workingDays[0]).toBe('2026-11-09');
    expect(noticePeriod('2026-11-07', []).end).toBe('2026-11-13');
  });

  it('国庆: a start two days before the holiday week skips all of it and the weekend after', () => {
    // Tue 29 Sep, Wed 30 Sep, (1–7 Oct off), Thu 8 Oct, Fri 9 Oct, (10–11 weekend), Mon 12 Oct.
    const p = noticePeriod('2026-09-29', NATIONAL_DAY_2026);
    expect(p.workingDays).toEqual(['2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-12']);
    expect(p.end).toBe('2026-10-12');
    // Without the holidays it would have ended on 5 October: the setting is what makes the difference.
    expect(noticePeriod('2026-09-29', []).end).toBe('2026-10-05');
  });

  it('a start inside the holiday counts from the first working day after it', () => {
    expect(noticePeriod('2026-10-03', NATIONAL_DAY_2026)).toMatchObject({ start: '2026-10-03', end: '2026-10-14' });
  });

  it('refuses a start that is not a calendar day and a non-positive length', () => {
    expect(() => noticePeriod('2026-02-30', [])).toThrow(RangeError);
    expect(() => noticePeriod('2026-11-02', [], 0)).toThrow(RangeError);
  });

  it('property: never fewer than five working days, none on a weekend or holiday, the last one is the end', () => {
    const day = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.array(day, { maxLength: 40 }), (start, holidays) => {
        const p = noticePeriod(start, holidays);
        expect(p.workingDays).toHaveLength(5);
        for (const d of p.workingDays) {
          expect(isWeekend(d)).toBe(false);
          expect(holidays).not.toContain(d);
          expect(d >= start).toBe(true);
        }
        expect(p.workingDays.at(-1)).toBe(p.end);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the holiday list as the secretary types it', () => {
  it('reads days and ranges (~, 至, ..), ignores blanks and comments, sorts and de-duplicates', () => {
    const r = parseHolidays('# 2026 国庆\n2026-10-01~2026-10-03\n\n2026-10-02 至 2026-10-04\n2026-01-01\n2026-05-01..2026-05-02 # 劳动节');
    expect(r.bad).toEqual([]);
    expect(r.days).toEqual(['2026-01-01', '2026-05-01', '2026-05-02', '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04']);
  });

  it('names every bad line with its number: not a date, a reversed range, a range over a month', () => {
    const r = parseHolidays('2026-10-01\n10月1日\n2026-10-07~2026-10-01\n2026-01-01~2026-12-31\n2026-02-30');
    expect(r.bad).toEqual([
      { line: 2, text: '10月1日' },
      { line: 3, text: '2026-10-07~2026-10-01' },
      { line: 4, text: '2026-01-01~2026-12-31' },
      { line: 5, text: '2026-02-30' },
    ]);
    expect(r.days).toEqual(['2026-10-01']);
  });

  it('writes the list back folded into ranges, and reads it again to the same days', () => {
    const days = ['2026-10-03', '2026-10-01', '2026-10-02', '2026-01-01', '2026-10-08'];
    expect(formatHolidays(days)).toBe('2026-01-01\n2026-10-01~2026-10-03\n2026-10-08');
    expect(parseHolidays(formatHolidays(days)).days).toEqual([...days].sort());
  });

  it('isIsoDay accepts real days only', () => {
    expect(isIsoDay('2028-02-29')).toBe(true);
    expect(isIsoDay('2026-02-29')).toBe(false);
    expect(isIsoDay('2026-1-01')).toBe(false);
  });
});
