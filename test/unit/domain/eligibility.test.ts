import { describe, expect, it } from 'vitest';
import type { EligibilityRuleDoc } from '../../../shared/bundle/schema';
import { educationKey, educationRank } from '../../../shared/domain/education';
import { evaluateEligibility, wholeYearsBetween } from '../../../shared/domain/eligibility';

describe('wholeYearsBetween', () => {
  it('counts a year only once its anniversary day is reached', () => {
    expect(wholeYearsBetween('2021-06-15', '2026-06-15')).toBe(5); // exactly 5 years later
    expect(wholeYearsBetween('2021-06-16', '2026-06-15')).toBe(4); // one day short
    expect(wholeYearsBetween('2021-07-01', '2026-06-30')).toBe(4); // earlier month
    expect(wholeYearsBetween('2021-05-31', '2026-06-01')).toBe(5); // later month
  });

  it('is zero for the same day and never negative', () => {
    expect(wholeYearsBetween('2026-06-15', '2026-06-15')).toBe(0);
    expect(wholeYearsBetween('2027-01-01', '2026-06-15')).toBe(0);
  });

  it('a 29 February start completes its year on 1 March of a common year', () => {
    expect(wholeYearsBetween('2020-02-29', '2021-02-28')).toBe(0);
    expect(wholeYearsBetween('2020-02-29', '2021-03-01')).toBe(1);
    expect(wholeYearsBetween('2020-02-29', '2024-02-29')).toBe(4);
  });
});

describe('educationRank (GB/T 4658)', () => {
  it('orders doctorate 11 > master 14 > bachelor 21 > college 31', () => {
    expect(educationRank('11')).toBeGreaterThan(educationRank('14'));
    expect(educationRank('14')).toBeGreaterThan(educationRank('21'));
    expect(educationRank('21')).toBeGreaterThan(educationRank('31'));
    expect(educationRank('31')).toBeGreaterThan(educationRank('41'));
    expect(educationRank('41')).toBeGreaterThan(educationRank('61'));
    expect(educationRank('61')).toBeGreaterThan(educationRank('71'));
  });

  it('codes of one level rank alike (毕业, 结业, 肄业 share the major digit)', () => {
    expect(educationRank('21')).toBe(educationRank('28'));
    expect(educationRank('31')).toBe(educationRank('33'));
  });

  it('anything that is not a two-digit code ranks lowest', () => {
    for (const bad of ['', '1', '111', 'ab', '9X', '90']) expect(educationRank(bad)).toBe(0);
  });

  it('names an i18n key for each level', () => {
    expect(educationKey('11')).toBe('doctorate');
    expect(educationKey('14')).toBe('master');
    expect(educationKey('21')).toBe('bachelor');
    expect(educationKey('31')).toBe('college');
    expect(educationKey('41')).toBe('vocational');
    expect(educationKey('61')).toBe('highSchool');
    expect(educationKey('zz')).toBe('unknown');
  });
});

const RULES: EligibilityRuleDoc[] = [
  { id: 'edu', kind: 'educationMin', education: '21' },
  { id: 'years', kind: 'yearsInTitleMin', years: 5 },
  { id: 'title', kind: 'currentTitleIn', titles: ['工程师', '高级工程师'] },
  { id: 'pledge', kind: 'commitmentSigned' },
];
const STD = { eligibility: RULES, greenChannel: { allowed: true } };
const MEETING = '2026-06-15';

type Facts = Parameters<typeof evaluateEligibility>[0];
const ok: Facts = { education: '21', currentTitle: '工程师', currentTitleDate: '2021-06-15', commitmentSigned: true, reviewType: 'normal' };
const statuses = (r: ReturnType<typeof evaluateEligibility>) => Object.fromEntries(r.conditions.map((c) => [c.ruleId, c.status]));

describe('evaluateEligibility', () => {
  it('meets every condition, with what was required and what was found', () => {
    const r = evaluateEligibility(ok, STD, MEETING);
    expect(r.overall).toBe('met');
    expect(r.conditions).toEqual([
      { ruleId: 'edu', kind: 'educationMin', status: 'met', required: '21', actual: '21' },
      { ruleId: 'years', kind: 'yearsInTitleMin', status: 'met', required: '5', actual: '5' },
      { ruleId: 'title', kind: 'currentTitleIn', status: 'met', required: '工程师、高级工程师', actual: '工程师' },
      { ruleId: 'pledge', kind: 'commitmentSigned', status: 'met', required: 'true', actual: 'true' },
    ]);
  });

  it('counts years in title to the meeting date: one day short fails', () => {
    const r = evaluateEligibility({ ...ok, currentTitleDate: '2021-06-16' }, STD, MEETING);
    expect(statuses(r).years).toBe('not_met');
    expect(r.conditions[1]?.actual).toBe('4');
    expect(r.overall).toBe('not_met');
  });

  it('no current-title date counts as zero years', () => {
    const r = evaluateEligibility({ ...ok, currentTitleDate: null }, STD, MEETING);
    expect(r.conditions[1]).toMatchObject({ status: 'not_met', actual: '0' });
  });

  it('a higher degree meets a lower minimum; a lower one does not', () => {
    expect(statuses(evaluateEligibility({ ...ok, education: '11' }, STD, MEETING)).edu).toBe('met');
    expect(statuses(evaluateEligibility({ ...ok, education: '14' }, STD, MEETING)).edu).toBe('met');
    expect(statuses(evaluateEligibility({ ...ok, education: '31' }, STD, MEETING)).edu).toBe('not_met');
  });

  it('a title outside the list fails', () => {
    expect(statuses(evaluateEligibility({ ...ok, currentTitle: '助理工程师' }, STD, MEETING)).title).toBe('not_met');
  });

  it('overall is not_met as soon as any one condition fails', () => {
    for (const bad of [{ education: '31' }, { currentTitleDate: '2024-01-01' }, { currentTitle: '技术员' }, { commitmentSigned: false }]) {
      expect(evaluateEligibility({ ...ok, ...bad }, STD, MEETING).overall).toBe('not_met');
    }
  });

  it('green channel waives degree, years and title when the standard allows it', () => {
    const weak: Facts = { education: '31', currentTitle: '技术员', currentTitleDate: '2025-01-01', commitmentSigned: true, reviewType: 'green_channel' };
    const r = evaluateEligibility(weak, STD, MEETING);
    expect(statuses(r)).toEqual({ edu: 'waived', years: 'waived', title: 'waived', pledge: 'met' });
    expect(r.overall).toBe('waived');
  });

  it('an exceptional (破格) dossier is waived like the green channel', () => {
    const r = evaluateEligibility({ ...ok, education: '31', reviewType: 'exceptional' }, STD, MEETING);
    expect(statuses(r).edu).toBe('waived');
    expect(r.overall).toBe('waived');
  });

  it('conditions a green-channel dossier meets stay met, and overall is met when nothing was waived', () => {
    const r = evaluateEligibility({ ...ok, reviewType: 'green_channel' }, STD, MEETING);
    expect(r.overall).toBe('met');
  });

  it('the signed commitment is never waived', () => {
    const r = evaluateEligibility({ ...ok, education: '31', commitmentSigned: false, reviewType: 'green_channel' }, STD, MEETING);
    expect(statuses(r)).toMatchObject({ edu: 'waived', pledge: 'not_met' });
    expect(r.overall).toBe('not_met');
  });

  it('nothing is waived when the standard does not allow the green channel', () => {
    const r = evaluateEligibility({ ...ok, education: '31', reviewType: 'green_channel' }, { ...STD, greenChannel: { allowed: false } }, MEETING);
    expect(statuses(r).edu).toBe('not_met');
    expect(r.overall).toBe('not_met');
  });

  it('a standard without conditions is met', () => {
    expect(evaluateEligibility(ok, { eligibility: [], greenChannel: { allowed: false } }, MEETING)).toEqual({ overall: 'met', conditions: [] });
  });
});
