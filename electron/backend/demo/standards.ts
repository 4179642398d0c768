// The demo's evaluation standards, in the spirit of Jilin's new-occupation standards (performance over papers).
import type { ItemDoc, StandardDoc } from '../../../shared/bundle/schema';
import type { DemoSpecialty } from './people';

const DEFENSE_BANDS = [
  { label: '好', score: 1000 },
  { label: '中', score: 700 },
  { label: '差', score: 400 },
];

const education = (): ItemDoc => ({
  id: 'education',
  group: '学历',
  label: '学历学位',
  max: 1000,
  guidance: '博士研究生10分，硕士研究生8分，大学本科6分，大学专科4分。以学历证书、学位证书为准。',
  evidence: [],
});

const tenure = (minYears: number): ItemDoc => ({
  id: 'tenure',
  group: '资历',
  label: '任现职年限及年度考核',
  max: 1000,
  guidance: `任现职满${minYears}年得6分，每增加1年加1分，最高10分；任职期间年度考核有“不合格”者不得分。`,
  evidence: [],
});

const defense = (): ItemDoc => ({
  id: 'defense',
  group: '答辩',
  label: '面试答辩',
  max: 1000,
  bands: DEFENSE_BANDS,
  guidance: '好：业务熟练，回答准确，思路清晰；中：基本掌握，回答基本正确；差：回答错误较多或不能回答。',
  evidence: [],
});

const rules = (minYears: number, titles: string[]): StandardDoc['eligibility'] => [
  { id: 'edu', kind: 'educationMin', education: '21' },
  { id: 'years', kind: 'yearsInTitleMin', years: minYears },
  { id: 'title', kind: 'currentTitleIn', titles },
  { id: 'commitment', kind: 'commitmentSigned' },
];

const ONLINE_MARKETING: StandardDoc = {
  id: 'jl-wlyx-fg',
  version: '2026.1',
  name: '吉林省网络营销专业高级工程师（副高级）评价标准（试行）',
  series: '工程系列',
  specialty: '网络营销',
  level: 'associate_senior',
  eligibility: rules(5, ['工程师', '经济师']),
  greenChannel: {
    allowed: true,
    note: '业绩特别突出者（如近三年年均直播带货销售额达1亿元以上，或获省级以上电子商务类表彰），可不受学历、资历限制直接申报，须附两名正高级专家推荐意见。',
  },
  evidenceFields: [
    { id: 'sales', label: '直播带货销售额', unit: '元', kind: 'money' },
    { id: 'fans', label: '粉丝量', unit: '人', kind: 'count' },
    { id: 'campaigns', label: '营销策划项目数', unit: '项', kind: 'count' },
    { id: 'trainees', label: '带动就业及培训人数', unit: '人', kind: 'count' },
    { id: 'works', label: '代表作', kind: 'text' },
  ],
  items: [
    education(),
    tenure(5),
    {
      id: 'sales',
      group: '业绩',
      label: '直播带货销售业绩',
      max: 2500,
      guidance: '近三年年均销售额：5000万元以上25分，2000万元以上20分，1000万元以上15分，500万元以上10分，其余酌情5分以下。以平台后台数据及完税证明为准。',
      evidence: ['sales'],
    },
    {
      id: 'influence',
      group: '业绩',
      label: '账号影响力',
      max: 1500,
      guidance: '主要运营账号粉丝量：500万以上15分，100万以上12分，50万以上9分，10万以上6分，其余3分。',
      evidence: ['fans'],
    },
    {
      id: 'campaigns',
      group: '业绩',
      label: '营销策划与运营',
      max: 1000,
      guidance: '主持完成营销策划项目，每项2分，最高10分；须有合同或委托方证明。',
      evidence: ['campaigns'],
    },
    {
      id: 'awards',
      group: '成果',
      label: '获奖及荣誉',
      max: 1000,
      guidance: '省级以上行业表彰每项5分，市级每项3分，最高10分。',
      evidence: [],
    },
    {
      id: 'employment',
      group: '成果',
      label: '带动就业与人才培养',
      max: 500,
      guidance: '带动就业或开展培训每100人次1分，最高5分。',
      evidence: ['trainees'],
    },
    {
      id: 'works',
      group: '代表作',
      label: '代表作（策划方案、案例报告、论文等）',
      max: 500,
      guidance: '按代表作的创新性、实用性和推广价值评分。',
      evidence: ['works'],
    },
    defense(),
  ],
  aggregation: { method: 'trimmed_mean', minScoreForVote: 6000 },
};

const BIG_DATA: StandardDoc = {
  id: 'jl-dsj-zj',
  version: '2026.1',
  name: '吉林省大数据专业工程师（中级）评价标准（试行）',
  series: '工程系列',
  specialty: '大数据',
  level: 'intermediate',
  eligibility: rules(4, ['助理工程师']),
  greenChannel: {
    allowed: true,
    note: '主持完成省级以上大数据重点项目并取得显著效益者，可不受学历、资历限制直接申报。',
  },
  evidenceFields: [
    { id: 'projects', label: '参与大数据项目数', unit: '项', kind: 'count' },
    { id: 'volume', label: '数据处理规模', unit: 'TB', kind: 'number' },
    { id: 'patents', label: '软件著作权及专利数', unit: '件', kind: 'count' },
    { id: 'works', label: '代表作', kind: 'text' },
  ],
  items: [
    education(),
    tenure(4),
    {
      id: 'projects',
      group: '业绩',
      label: '大数据项目业绩',
      max: 2500,
      guidance: '作为主要技术骨干参与完成大数据平台建设或数据治理项目，每项5分，最高25分。',
      evidence: ['projects'],
    },
    {
      id: 'volume',
      group: '业绩',
      label: '数据规模与技术难度',
      max: 1500,
      guidance: '结合处理数据规模（TB）、实时性和系统复杂度综合评分。',
      evidence: ['volume'],
    },
    {
      id: 'patents',
      group: '成果',
      label: '软件著作权及专利',
      max: 1500,
      guidance: '发明专利每件5分，软件著作权或实用新型每件3分，最高15分。',
      evidence: ['patents'],
    },
    { id: 'awards', group: '成果', label: '获奖', max: 500, guidance: '市级以上科技奖励或技能竞赛获奖，最高5分。', evidence: [] },
    {
      id: 'works',
      group: '代表作',
      label: '代表作（技术报告、论文、系统设计文档等）',
      max: 1000,
      guidance: '按技术水平和应用价值评分。',
      evidence: ['works'],
    },
    defense(),
  ],
  aggregation: { method: 'mean', minScoreForVote: null },
};

const SMART_MANUFACTURING: StandardDoc = {
  id: 'jl-znzz-fg',
  version: '2026.1',
  name: '吉林省智能制造专业高级工程师（副高级）评价标准（试行）',
  series: '工程系列',
  specialty: '智能制造',
  level: 'associate_senior',
  eligibility: rules(5, ['工程师']),
  greenChannel: {
    allowed: true,
    note: '主持完成国家级或省级智能制造示范项目、获省部级科技奖励者，可不受学历、资历限制直接申报。',
  },
  evidenceFields: [
    { id: 'lines', label: '主持智能产线改造项目数', unit: '项', kind: 'count' },
    { id: 'savings', label: '降本增效金额', unit: '元', kind: 'money' },
    { id: 'patents', label: '授权专利数', unit: '件', kind: 'count' },
    { id: 'standards', label: '参与制定标准数', unit: '项', kind: 'count' },
    { id: 'works', label: '代表作', kind: 'text' },
  ],
  items: [
    education(),
    tenure(5),
    {
      id: 'lines',
      group: '业绩',
      label: '智能产线建设与改造',
      max: 2000,
      guidance: '主持完成数字化车间、智能产线建设或改造项目，每项5分，最高20分。',
      evidence: ['lines'],
    },
    {
      id: 'savings',
      group: '业绩',
      label: '经济效益',
      max: 1500,
      guidance: '项目年降本增效1000万元以上15分，500万元以上12分，100万元以上8分，其余酌情。',
      evidence: ['savings'],
    },
    {
      id: 'patents',
      group: '成果',
      label: '授权专利',
      max: 1500,
      guidance: '发明专利每件5分，实用新型每件2分，最高15分。',
      evidence: ['patents'],
    },
    {
      id: 'standards',
      group: '成果',
      label: '标准制定',
      max: 500,
      guidance: '参与制定国家、行业或地方标准，每项2.5分，最高5分。',
      evidence: ['standards'],
    },
    {
      id: 'works',
      group: '代表作',
      label: '代表作（技术方案、论文、专利等）',
      max: 1500,
      guidance: '按创新性、技术难度和应用效果评分。',
      evidence: ['works'],
    },
    defense(),
  ],
  aggregation: { method: 'trimmed_mean', minScoreForVote: 6000 },
};

export const DEMO_STANDARDS: Record<DemoSpecialty, StandardDoc> = {
  网络营销: ONLINE_MARKETING,
  大数据: BIG_DATA,
  智能制造: SMART_MANUFACTURING,
};

/** The title held by an applicant who meets the standard's title condition. */
export const QUALIFYING_TITLE: Record<DemoSpecialty, string> = { 网络营销: '工程师', 大数据: '助理工程师', 智能制造: '工程师' };
