// Demo applicants: plausible facts, valid ID numbers, achievements keyed to the standard's evidence fields.
import type { DossierDoc, StandardDoc } from '../../../shared/bundle/schema';
import { idNumberCheckChar } from '../../../shared/domain/id-number';
import { EMPLOYERS, JILIN_REGIONS, MAJORS, personName, type DemoSpecialty, type Gender } from './people';
import { intBetween, pick, type Rng } from './prng';
import { QUALIFYING_TITLE } from './standards';

/** Roles some dossiers play in the demo, so every feature has something to show. */
export type DossierRole = 'normal' | 'green_channel' | 'employer_match' | 'education_short' | 'years_short';

export interface DossierPlan {
  index: number;
  specialty: DemoSpecialty;
  standard: StandardDoc;
  groupId: string;
  role: DossierRole;
  /** For 'employer_match': an expert's affiliation. */
  employer?: string;
  meetingDate: string;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function dossierId(index: number): string {
  return `d${pad(index + 1, 4)}`;
}

export function packetNo(index: number): string {
  return `JL2026-${pad(index + 1, 4)}`;
}

/** 18-digit resident ID (GB 11643): region, birth date, sequence (odd for men), check character. */
export function makeIdNumber(rng: Rng, region: string, birth: string, gender: Gender): string {
  const genderDigit = 2 * intBetween(rng, 0, 4) + (gender === '男' ? 1 : 0);
  const first17 = `${region}${birth.replaceAll('-', '')}${pad(intBetween(rng, 0, 99), 2)}${genderDigit}`;
  return first17 + idNumberCheckChar(first17);
}

const date = (y: number, m: number, d: number): string => `${y}-${pad(m, 2)}-${pad(d, 2)}`;

const GRADUATION_AGE: Record<string, number> = { '11': 29, '14': 25, '21': 22, '31': 21 };

const WORKS: Record<DemoSpecialty, string[]> = {
  网络营销: [
    '《县域农产品直播电商运营模式研究》',
    '《长白山人参品牌短视频整合营销策划方案》',
    '《直播间流量转化率提升实践报告》',
    '《“吉林大米”全网营销案例分析》',
    '《冰雪旅游产品新媒体矩阵运营方案》',
  ],
  大数据: [
    '《基于流式计算的政务数据实时汇聚平台设计》',
    '《企业数据中台建设技术报告》',
    '《多源异构数据治理方法与实践》',
    '《城市交通大数据分析与信号配时优化》',
    '《医疗健康数据脱敏与共享方案》',
  ],
  智能制造: [
    '《汽车焊装车间柔性智能产线改造方案》',
    '《基于机器视觉的零部件表面缺陷检测系统》',
    '《数字孪生驱动的设备预测性维护实践》',
    '《轨道客车转向架智能装配单元设计》',
    '《离散制造企业MES系统实施报告》',
  ],
};

function achievements(rng: Rng, specialty: DemoSpecialty, outstanding: boolean): DossierDoc['achievements'] {
  const works = { field: 'works', value: `${pick(rng, WORKS[specialty])}（第一完成人）` };
  switch (specialty) {
    case '网络营销':
      return [
        {
          field: 'sales',
          value: outstanding ? 186_420_000 : intBetween(rng, 30_000, 600_000) * 100,
          note: '2023—2025年年均，含抖音、快手、淘宝直播平台',
        },
        { field: 'fans', value: outstanding ? 6_380_000 : intBetween(rng, 50_000, 3_000_000) },
        { field: 'campaigns', value: intBetween(rng, 1, outstanding ? 12 : 8) },
        { field: 'trainees', value: outstanding ? 2_300 : intBetween(rng, 40, 800) },
        works,
      ];
    case '大数据':
      return [
        { field: 'projects', value: intBetween(rng, 1, 6) },
        { field: 'volume', value: intBetween(rng, 50, 8_000) / 10, note: '单个项目峰值数据量' },
        { field: 'patents', value: intBetween(rng, 0, 5) },
        works,
      ];
    case '智能制造':
      return [
        { field: 'lines', value: intBetween(rng, 1, 6) },
        { field: 'savings', value: intBetween(rng, 10_000, 200_000) * 100, note: '项目投产后年度降本增效' },
        { field: 'patents', value: intBetween(rng, 0, 8) },
        { field: 'standards', value: intBetween(rng, 0, 3) },
        works,
      ];
  }
}

const GREEN_CHANNEL_JUSTIFICATION =
  '申报人自2021年起专注农产品直播电商，创建“长白山好物”直播品牌，2023—2025年年均直播带货销售额1.86亿元，' +
  '带动全省12个县（市）的人参、大米、木耳等特色农产品上行，累计培训农村电商从业人员2300余人次，带动就业600余人。' +
  '2024年获评“吉林省电子商务示范个人”，2025年其团队获省乡村振兴先进集体称号。申报人虽学历为大专、现职称任职年限不足，' +
  '但业绩特别突出，符合本标准绿色通道条件，附两名正高级专家推荐意见。';

/** One dossier without its attachments. */
export function makeDossier(rng: Rng, plan: DossierPlan): Omit<DossierDoc, 'attachments'> {
  const { specialty, standard, role } = plan;
  const gender: Gender = rng() < 0.42 ? '女' : '男';
  const senior = standard.level === 'associate_senior';
  const minYears = standard.eligibility.find((r) => r.kind === 'yearsInTitleMin')?.years ?? 0;

  const education =
    role === 'green_channel' || role === 'education_short' ? '31' : pick(rng, ['21', '21', '21', '21', '14', '14', '14', '11']);
  const yearsInTitle =
    role === 'years_short' ? Math.max(0, minYears - 2) : role === 'green_channel' ? 2 : intBetween(rng, minYears, minYears + 7);
  const meetingYear = Number(plan.meetingDate.slice(0, 4));
  // Month ≤ 11 keeps whole years to the December meeting equal to yearsInTitle.
  const titleDate = date(meetingYear - yearsInTitle, intBetween(rng, 1, 11), intBetween(rng, 1, 28));
  const workYear = meetingYear - yearsInTitle - (senior ? intBetween(rng, 4, 8) : intBetween(rng, 1, 3));
  const birthYear = workYear - (GRADUATION_AGE[education] ?? 22);
  const birth = date(birthYear, intBetween(rng, 1, 12), intBetween(rng, 1, 28));
  const region = pick(rng, JILIN_REGIONS);

  const currentTitle = role === 'green_channel' ? '助理工程师' : QUALIFYING_TITLE[specialty];
  const d: Omit<DossierDoc, 'attachments'> = {
    id: dossierId(plan.index),
    packetNo: packetNo(plan.index),
    name: personName(rng, gender),
    gender,
    idNumber: makeIdNumber(rng, region, birth, gender),
    education,
    major: pick(rng, MAJORS[specialty]),
    workStart: date(workYear, 7, 1),
    employer: plan.employer ?? pick(rng, EMPLOYERS[specialty]),
    regionCode: region,
    currentTitle,
    currentTitleDate: titleDate,
    series: standard.series,
    specialty,
    level: standard.level,
    reviewType: role === 'green_channel' ? 'green_channel' : 'normal',
    standardId: standard.id,
    groupId: plan.groupId,
    commitmentSigned: true,
    // Keys in schema order, so the demo content is already what the writer emits.
    ...(role === 'green_channel' ? { greenChannelJustification: GREEN_CHANNEL_JUSTIFICATION } : {}),
    achievements: achievements(rng, specialty, role === 'green_channel'),
  };
  return d;
}
