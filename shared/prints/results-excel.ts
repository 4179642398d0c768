// The results workbook the provincial systems import (issue 9 item 7): their column names, in their order, then the
// vote counts of the deciding round. Headers stay in Chinese whatever the UI language: the province reads them.
// Fields our data model does not hold are left empty (docs/user-guide.md lists them).
import type { Level, ReviewType } from '../bundle/schema';
import type { DossierResult } from '../meeting-types';

export const RESULTS_EXCEL_COLUMNS = [
  '年度',
  '地市',
  '主管单位',
  '姓名',
  '性别',
  '身份证号',
  '评委会名称',
  '申报系列',
  '申报级别',
  '申报职称',
  '申报专业',
  '专业组',
  '取得资格时间',
  '取得资格方式',
  '评审类型',
  '备注',
  '发出',
  '收回',
  '有效',
  '同意',
  '不同意',
  '弃权',
  '无效',
  '结果',
  '轮次',
] as const;
export type ResultsExcelColumn = (typeof RESULTS_EXCEL_COLUMNS)[number];

/** Not in the session bundle's data model: always empty (user guide, "Excel 结果导出"). */
export const RESULTS_EXCEL_EMPTY: readonly ResultsExcelColumn[] = ['主管单位', '申报职称', '取得资格时间'];

export const RESULTS_EXCEL_SHEET = '评审结果';

const LEVEL_ZH: Record<Level, string> = { junior: '初级', intermediate: '中级', associate_senior: '副高级', senior: '正高级' };
const REVIEW_TYPE_ZH: Record<ReviewType, string> = { normal: '正常', exceptional: '破格', green_channel: '绿色通道' };
const DECISION_ZH: Record<DossierResult['outcome']['decision'], string> = { passed: '通过', not_passed: '不通过', pending: '待定' };

export interface ExcelDossierFacts {
  dossierId: string;
  name: string;
  gender: string;
  /** The full ID number: the province needs it; only this file carries it. */
  idNumber: string;
  regionCode: string;
  series: string;
  level: Level;
  specialty: string;
  groupName: string;
  reviewType: ReviewType;
}

export interface ExcelContext {
  /** 年度: the meeting's year. */
  year: string;
  committeeName: string;
}

export type ExcelCell = string | number | null;

/** Why a dossier did not pass although its vote did (a quota), or why its result is still open, for 备注. */
function remark(r: DossierResult): string {
  if (r.outcome.decision === 'pending') return '职数并列待定';
  if (r.outcome.cutBy) return `职数限制（${r.outcome.cutBy.quotaId}）`;
  if (!r.goesToVote) return '未达表决最低分';
  if (r.rounds.length === 0) return '未表决';
  return '';
}

/** One row per dossier: the counts are those of the deciding round (the last round that was not void). */
export function resultsExcelRow(f: ExcelDossierFacts, r: DossierResult, ctx: ExcelContext): ExcelCell[] {
  const deciding = r.rounds.filter((x) => !x.void).at(-1) ?? null;
  const passed = r.outcome.decision === 'passed';
  const byColumn: Record<ResultsExcelColumn, ExcelCell> = {
    年度: ctx.year,
    地市: f.regionCode,
    主管单位: null,
    姓名: f.name,
    性别: f.gender,
    身份证号: f.idNumber,
    评委会名称: ctx.committeeName,
    申报系列: f.series,
    申报级别: LEVEL_ZH[f.level],
    申报职称: null,
    申报专业: f.specialty,
    专业组: f.groupName,
    取得资格时间: null,
    取得资格方式: passed ? '评审' : null,
    评审类型: REVIEW_TYPE_ZH[f.reviewType],
    备注: remark(r) || null,
    发出: deciding?.issued ?? null,
    收回: deciding?.returned ?? null,
    有效: deciding?.valid ?? null,
    同意: deciding?.agree ?? null,
    不同意: deciding?.disagree ?? null,
    弃权: deciding?.abstain ?? null,
    无效: deciding?.invalid ?? null,
    结果: deciding ? DECISION_ZH[r.outcome.decision] : null,
    轮次: deciding?.number ?? null,
  };
  return RESULTS_EXCEL_COLUMNS.map((c) => byColumn[c]);
}
