// Eligibility (申报条件) of a dossier against its standard, evaluated as of the meeting date.
import type { DossierDoc, EligibilityRuleDoc, StandardDoc } from '../bundle/schema';
import { educationRank } from './education';

export type ConditionStatus = 'met' | 'not_met' | 'waived';

export interface ConditionResult {
  ruleId: string;
  kind: EligibilityRuleDoc['kind'];
  status: ConditionStatus;
  /** What the standard asks, for display (education code, years, titles). */
  required: string;
  /** What the dossier shows. */
  actual: string;
}

export interface EligibilityResult {
  overall: 'met' | 'not_met' | 'waived';
  conditions: ConditionResult[];
}

/** Whole years from `from` to `to` (both YYYY-MM-DD). */
export function wholeYearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  let years = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) years -= 1;
  return Math.max(0, years);
}

type Facts = Pick<DossierDoc, 'education' | 'currentTitle' | 'currentTitleDate' | 'commitmentSigned' | 'reviewType'>;

function evaluateRule(rule: EligibilityRuleDoc, d: Facts, asOf: string): Omit<ConditionResult, 'status'> & { met: boolean } {
  switch (rule.kind) {
    case 'educationMin':
      return {
        ruleId: rule.id,
        kind: rule.kind,
        required: rule.education,
        actual: d.education,
        met: educationRank(d.education) >= educationRank(rule.education),
      };
    case 'yearsInTitleMin': {
      const years = d.currentTitleDate ? wholeYearsBetween(d.currentTitleDate, asOf) : 0;
      return { ruleId: rule.id, kind: rule.kind, required: String(rule.years), actual: String(years), met: years >= rule.years };
    }
    case 'currentTitleIn':
      return {
        ruleId: rule.id,
        kind: rule.kind,
        required: rule.titles.join('、'),
        actual: d.currentTitle,
        met: rule.titles.includes(d.currentTitle),
      };
    case 'commitmentSigned':
      return { ruleId: rule.id, kind: rule.kind, required: 'true', actual: String(d.commitmentSigned), met: d.commitmentSigned };
  }
}

/**
 * Green-channel dossiers skip degree, years and title conditions when the standard allows it;
 * the signed commitment is never waived.
 */
export function evaluateEligibility(d: Facts, standard: Pick<StandardDoc, 'eligibility' | 'greenChannel'>, asOf: string): EligibilityResult {
  const waiving = d.reviewType !== 'normal' && standard.greenChannel.allowed;
  const conditions = standard.eligibility.map((rule): ConditionResult => {
    const { met, ...rest } = evaluateRule(rule, d, asOf);
    const status: ConditionStatus = met ? 'met' : waiving && rule.kind !== 'commitmentSigned' ? 'waived' : 'not_met';
    return { ...rest, status };
  });
  const anyNotMet = conditions.some((c) => c.status === 'not_met');
  const anyWaived = conditions.some((c) => c.status === 'waived');
  return { overall: anyNotMet ? 'not_met' : anyWaived ? 'waived' : 'met', conditions };
}
