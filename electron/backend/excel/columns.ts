// The columns of the two sheets secretaries fill in (评委名单, 申报人员), their accepted header
// spellings, and the Chinese labels of the coded values.
import type { ExpertRole, Level, ReviewType } from '../../../shared/bundle/schema';

export interface ColumnSpec<F extends string = string> {
  field: F;
  /** The header written in templates. */
  header: string;
  /** Other spellings seen in provincial exports; compared after normalizeHeader. */
  aliases: readonly string[];
  /** A required column must exist, and its cells must not be empty. */
  required: boolean;
  /** Text-formatted in templates, so Excel keeps leading zeros and all 18 digits of an ID. */
  text?: boolean;
  /** Maximum length (characters), from the bundle schema. */
  max?: number;
  /** 填写说明 of the template. */
  note: string;
  example: string;
}

/** Full-width forms folded (NFKC), spaces, required markers (*) and bracketed remarks removed. */
export function normalizeHeader(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】/g, '')
    .replace(/[\s*:]/g, '');
}

export const GENDERS = ['男', '女'] as const;
export type Gender = (typeof GENDERS)[number];

export const ROLE_LABELS: Record<ExpertRole, string> = { chair: '主任委员', vice_chair: '副主任委员', member: '委员' };
export const LEVEL_LABELS: Record<Level, string> = {
  junior: '初级',
  intermediate: '中级',
  associate_senior: '副高级',
  senior: '正高级',
};
export const REVIEW_TYPE_LABELS: Record<ReviewType, string> = { normal: '正常', exceptional: '破格', green_channel: '绿色通道' };
export const YES_NO_LABELS = ['是', '否'] as const;

/** GB/T 4658 codes of the labels secretaries write instead of a code. */
export const EDUCATION_LABELS: Readonly<Record<string, string>> = {
  博士研究生: '11',
  博士: '11',
  硕士研究生: '14',
  硕士: '14',
  大学本科: '21',
  本科: '21',
  大学专科: '31',
  专科: '31',
  大专: '31',
  中专: '41',
  中等专科: '41',
  高中: '61',
};

/** Label → code, plus the code itself and a few common short forms. */
export const ROLE_VALUES: Readonly<Record<string, ExpertRole>> = {
  ...invert(ROLE_LABELS),
  主任: 'chair',
  副主任: 'vice_chair',
  chair: 'chair',
  vice_chair: 'vice_chair',
  member: 'member',
};
export const LEVEL_VALUES: Readonly<Record<string, Level>> = {
  ...invert(LEVEL_LABELS),
  副高: 'associate_senior',
  正高: 'senior',
  junior: 'junior',
  intermediate: 'intermediate',
  associate_senior: 'associate_senior',
  senior: 'senior',
};
export const REVIEW_TYPE_VALUES: Readonly<Record<string, ReviewType>> = {
  ...invert(REVIEW_TYPE_LABELS),
  normal: 'normal',
  exceptional: 'exceptional',
  green_channel: 'green_channel',
};
export const YES_NO_VALUES: Readonly<Record<string, boolean>> = {
  是: true,
  否: false,
  已签署: true,
  未签署: false,
  已签: true,
  未签: false,
  有: true,
  无: false,
};

function invert<K extends string>(labels: Record<K, string>): Record<string, K> {
  return Object.fromEntries(Object.entries(labels).map(([k, v]) => [v, k])) as Record<string, K>;
}

export type RosterField = 'name' | 'gender' | 'affiliation' | 'specialty' | 'title' | 'role' | 'groups' | 'id';

export const ROSTER_SHEET = '评委名单';
export const ROSTER_COLUMNS: readonly ColumnSpec<RosterField>[] = [
  { field: 'name', header: '姓名', aliases: ['专家姓名'], required: true, max: 50, note: '专家姓名。', example: '王建国' },
  { field: 'gender', header: '性别', aliases: [], required: false, note: '男 或 女，可不填。', example: '男' },
  {
    field: 'affiliation',
    header: '工作单位',
    aliases: ['现工作单位', '单位', '所在单位'],
    required: true,
    max: 200,
    note: '专家所在单位全称，用于提示回避。',
    example: '吉林大学',
  },
  { field: 'specialty', header: '专业', aliases: ['从事专业', '专业领域'], required: true, max: 100, note: '专家从事的专业。', example: '计算机应用技术' },
  { field: 'title', header: '职称', aliases: ['专业技术职称', '现职称'], required: false, max: 100, note: '专家的职称，可不填。', example: '教授' },
  {
    field: 'role',
    header: '职务',
    aliases: ['评委会职务', '委员会职务'],
    required: true,
    note: '在评审委员会中的职务：主任委员、副主任委员 或 委员。',
    example: '委员',
  },
  {
    field: 'groups',
    header: '评议组',
    aliases: ['所在评议组', '专业组'],
    required: false,
    note: '所在评议组的名称，多个用顿号“、”或逗号分隔；可不填。须与本评审会的评议组名称一致。',
    example: '信息技术组',
  },
  {
    field: 'id',
    header: '专家编号',
    aliases: ['编号', '专家代码'],
    required: false,
    text: true,
    max: 64,
    note: '可不填，不填时自动编为 E001、E002……；填写时只能用英文字母、数字和 . _ -，且不能重复。',
    example: 'E001',
  },
];

export type DossierField =
  | 'packetNo'
  | 'name'
  | 'gender'
  | 'idNumber'
  | 'education'
  | 'major'
  | 'workStart'
  | 'employer'
  | 'regionCode'
  | 'currentTitle'
  | 'currentTitleDate'
  | 'series'
  | 'specialty'
  | 'level'
  | 'reviewType'
  | 'standard'
  | 'group'
  | 'commitment'
  | 'justification';

const DATE_NOTE = '日期，可写 2015-07-01、2015/7/1、2015.07 或 2015年7月1日；只写年月时按该月 1 日。';

export const DOSSIER_SHEET = '申报人员';
export const DOSSIER_COLUMNS: readonly ColumnSpec<DossierField>[] = [
  {
    field: 'packetNo',
    header: '袋号',
    aliases: ['材料袋号', '档案袋号'],
    required: true,
    text: true,
    max: 20,
    note: '材料袋的编号，本评审会内不能重复，最多 20 个字符。',
    example: '001',
  },
  { field: 'name', header: '姓名', aliases: ['申报人姓名'], required: true, max: 50, note: '申报人姓名。', example: '李明' },
  { field: 'gender', header: '性别', aliases: [], required: true, note: '男 或 女。', example: '女' },
  {
    field: 'idNumber',
    header: '身份证号',
    aliases: ['身份证号码', '公民身份号码', '身份证'],
    required: true,
    text: true,
    note: '18 位公民身份号码，末位可为 X。请把该列设为“文本”格式，否则 Excel 会丢掉后几位。',
    example: '220102198503071245',
  },
  {
    field: 'education',
    header: '学历',
    aliases: ['最高学历', '学历代码'],
    required: true,
    note: '填学历名称（博士研究生、硕士研究生、大学本科、大学专科、中专、高中）或 GB/T 4658 两位代码（如 21）。',
    example: '大学本科',
  },
  { field: 'major', header: '所学专业', aliases: [], required: true, max: 100, note: '最高学历所学专业。', example: '电子商务' },
  { field: 'workStart', header: '参加工作时间', aliases: ['参加工作日期'], required: true, note: DATE_NOTE, example: '2008-07-01' },
  {
    field: 'employer',
    header: '现工作单位',
    aliases: ['工作单位', '单位', '所在单位'],
    required: true,
    max: 200,
    note: '现工作单位全称。',
    example: '长春某电子商务有限公司',
  },
  {
    field: 'regionCode',
    header: '地区',
    aliases: ['地区代码', '行政区划代码'],
    required: true,
    text: true,
    note: '6 位行政区划代码（GB/T 2260），如 220102。',
    example: '220102',
  },
  { field: 'currentTitle', header: '现职称', aliases: ['现专业技术职称'], required: true, max: 100, note: '现有职称；没有时填“无”。', example: '助理工程师' },
  {
    field: 'currentTitleDate',
    header: '取得时间',
    aliases: ['现职称取得时间', '取得现职称时间'],
    required: false,
    note: '取得现职称的日期，可不填。' + DATE_NOTE,
    example: '2015-12-01',
  },
  { field: 'series', header: '申报系列', aliases: [], required: true, max: 100, note: '申报的职称系列。', example: '工程' },
  { field: 'specialty', header: '申报专业', aliases: [], required: true, max: 100, note: '申报的专业。', example: '网络营销' },
  {
    field: 'level',
    header: '申报级别',
    aliases: ['申报层级'],
    required: true,
    note: '初级、中级、副高级 或 正高级。',
    example: '中级',
  },
  { field: 'reviewType', header: '评审类型', aliases: [], required: true, note: '正常、破格 或 绿色通道。', example: '正常' },
  {
    field: 'standard',
    header: '评价标准',
    aliases: ['评价标准编号', '评价标准名称'],
    required: true,
    note: '本评审会评价标准的名称或编号（见下方列表）。',
    example: '',
  },
  {
    field: 'group',
    header: '评议组',
    aliases: ['专业组', '评议组名称'],
    required: true,
    note: '本评审会评议组的名称或编号（见下方列表）。',
    example: '',
  },
  {
    field: 'commitment',
    header: '承诺书',
    aliases: ['个人承诺书', '是否签署承诺书'],
    required: true,
    note: '是否已签署个人承诺书：是 或 否。',
    example: '是',
  },
  {
    field: 'justification',
    header: '破格理由',
    aliases: ['绿色通道理由', '破格/绿色通道理由', '申报理由'],
    required: false,
    max: 5000,
    note: '破格或绿色通道申报的理由，正常申报不填。',
    example: '',
  },
];
