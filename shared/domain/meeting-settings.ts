// The meeting's settings: where provinces differ, a setting with the default of domain.md §3, printed in the minutes.
import type { QuorumBase } from './rules';

export interface MeetingSettings {
  /** Quorum base N: the whole committee (default) or the members sitting for this session (执行委员). */
  quorumBase: QuorumBase;
  /** Whether recused experts count in A for the dossier they step aside from (default no). */
  recusedCountInA: boolean;
  /** Re-votes among experts tied at a quota cut line before the chair records a reasoned decision (default 1). */
  maxRevotes: number;
}

export const DEFAULT_MEETING_SETTINGS: Readonly<MeetingSettings> = Object.freeze({
  quorumBase: 'all_members',
  recusedCountInA: false,
  maxRevotes: 1,
});

/** Default text of the confidentiality and impartiality commitment (承诺书); the secretary may replace it. */
export const DEFAULT_COMMITMENT_TEXT_ZH =
  '本人自愿担任本次职称评审委员会评审专家，郑重承诺：严格遵守职称评审纪律和保密规定，不泄露评审内容、评审意见和表决结果；' +
  '坚持公平公正，独立评审，不受任何单位和个人干扰；与申报人存在利害关系的，主动申请回避；不收受任何财物或者其他利益。' +
  '如有违反，愿承担相应责任。';
