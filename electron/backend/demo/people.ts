// Names, places and employers for the demo (fictional people; companies are invented).
import { pick, type Rng } from './prng';

export const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文'];
const GIVEN_MALE = [...'伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘'];
const GIVEN_FEMALE = [...'秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽'];

export type Gender = '男' | '女';

export function personName(rng: Rng, gender: Gender): string {
  const pool = gender === '男' ? GIVEN_MALE : GIVEN_FEMALE;
  const given = rng() < 0.45 ? pick(rng, pool) : pick(rng, pool) + pick(rng, pool);
  return pick(rng, SURNAMES) + given;
}

/** GB/T 2260 codes of districts, cities and counties in Jilin (吉林省). */
export const JILIN_REGIONS = [
  '220102', '220103', '220104', '220105', '220106', '220112', '220113', '220122', '220182', '220183',
  '220202', '220203', '220204', '220211', '220281', '220302', '220303', '220382', '220402', '220403',
  '220502', '220581', '220602', '220681', '220702', '220721', '220802', '220882', '222401', '222403',
] as const;

/** The three specialties of the demo committee, in group order. */
export const SPECIALTIES = ['网络营销', '大数据', '智能制造'] as const;
export type DemoSpecialty = (typeof SPECIALTIES)[number];

export interface ExpertSeed {
  name: string;
  gender: Gender;
  affiliation: string;
  specialty: string;
  title: string;
}

/**
 * Hand-written experts, five per specialty. The last 网络营销 expert works for a company that
 * also employs an applicant, so the automatic conflict check has something to find.
 */
export const EXPERT_SEEDS: Record<DemoSpecialty, ExpertSeed[]> = {
  网络营销: [
    { name: '张振国', gender: '男', affiliation: '吉林财经大学', specialty: '市场营销', title: '教授' },
    { name: '刘晓梅', gender: '女', affiliation: '吉林省电子商务协会', specialty: '电子商务', title: '正高级经济师' },
    { name: '王立新', gender: '男', affiliation: '东北师范大学', specialty: '网络与新媒体', title: '教授' },
    { name: '陈宏伟', gender: '男', affiliation: '吉林农业大学', specialty: '农产品电子商务', title: '教授' },
    { name: '孙雅琴', gender: '女', affiliation: '长春云启电子商务有限公司', specialty: '网络营销', title: '正高级工程师' },
  ],
  大数据: [
    { name: '李建华', gender: '男', affiliation: '吉林大学', specialty: '计算机科学与技术', title: '教授' },
    { name: '赵婧', gender: '女', affiliation: '长春工业大学', specialty: '数据科学', title: '教授' },
    { name: '周明远', gender: '男', affiliation: '吉林省大数据应用研究院', specialty: '大数据工程', title: '正高级工程师' },
    { name: '吴海涛', gender: '男', affiliation: '长春理工大学', specialty: '软件工程', title: '教授' },
    { name: '郑丽娜', gender: '女', affiliation: '东北电力大学', specialty: '人工智能', title: '研究员' },
  ],
  智能制造: [
    { name: '杨国栋', gender: '男', affiliation: '吉林大学', specialty: '机械工程', title: '教授' },
    { name: '黄志强', gender: '男', affiliation: '长春工业大学', specialty: '机械电子工程', title: '教授' },
    { name: '何静', gender: '女', affiliation: '北华大学', specialty: '控制科学与工程', title: '教授' },
    { name: '马骏', gender: '男', affiliation: '吉林化工学院', specialty: '智能制造工程', title: '教授' },
    { name: '林晓峰', gender: '男', affiliation: '长春华锐智能装备股份有限公司', specialty: '工业机器人', title: '正高级工程师' },
  ],
};

/** Pools for experts beyond the hand-written ones (larger demos). */
export const EXPERT_POOLS: Record<DemoSpecialty, { affiliations: string[]; specialties: string[] }> = {
  网络营销: {
    affiliations: ['吉林工商学院', '长春大学', '吉林省电子商务协会', '长春光华学院', '吉林省网商联合会', '延边大学'],
    specialties: ['网络营销', '电子商务', '市场营销', '新媒体运营', '品牌传播'],
  },
  大数据: {
    affiliations: ['吉林大学', '东北师范大学', '长春理工大学', '吉林建筑大学', '吉林省大数据应用研究院', '北华大学'],
    specialties: ['大数据工程', '数据科学', '云计算', '数据库技术', '信息安全'],
  },
  智能制造: {
    affiliations: ['长春工业大学', '吉林大学', '吉林化工学院', '长春华锐智能装备股份有限公司', '吉林省机械工程学会', '东北电力大学'],
    specialties: ['智能制造工程', '工业机器人', '机械制造及其自动化', '工业互联网', '数控技术'],
  },
};

export const EXPERT_TITLES = ['教授', '研究员', '正高级工程师', '高级工程师', '副教授'] as const;

/** Applicants' employers by specialty (invented firms and institutions in Jilin). */
export const EMPLOYERS: Record<DemoSpecialty, string[]> = {
  网络营销: [
    '长春星辰电子商务有限公司',
    '吉林省禾丰直播科技有限公司',
    '延边长白山优品电子商务有限公司',
    '吉林市松江网络传媒有限公司',
    '四平黑土地农产品电商服务有限公司',
    '长春北国潮品文化传媒有限公司',
    '白山参乡网络科技有限公司',
  ],
  大数据: [
    '吉林省数智云科技有限公司',
    '长春北斗时空数据服务有限公司',
    '吉林省政务数据运营有限公司',
    '长春启明软件股份有限公司',
    '吉林银河数据科技有限公司',
    '松原智慧城市运营有限公司',
  ],
  智能制造: [
    '长春恒远汽车零部件有限公司',
    '吉林市精工机器人有限公司',
    '长春东瑞智能装备有限公司',
    '四平宏达换热设备制造有限公司',
    '辽源鸿图轻合金制品有限公司',
    '吉林省长兴轨道客车配件有限公司',
  ],
};

export const MAJORS: Record<DemoSpecialty, string[]> = {
  网络营销: ['市场营销', '电子商务', '工商管理', '新闻传播学', '广告学'],
  大数据: ['计算机科学与技术', '数据科学与大数据技术', '统计学', '软件工程', '信息管理与信息系统'],
  智能制造: ['机械设计制造及其自动化', '自动化', '电气工程及其自动化', '机器人工程', '材料成型及控制工程'],
};
