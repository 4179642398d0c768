// The built-in demo session: a Jilin new-occupation committee, deterministic for a given seed.
import type {
  ConflictDoc,
  DossierDoc,
  ExpertDoc,
  GroupDoc,
  QuotaDoc,
  SessionBundleContent,
  SessionDoc,
  StandardDoc,
} from '../../../shared/bundle/schema';
import { makeAttachments } from './attachments';
import { makeDossier, type DossierRole } from './dossiers';
import { EXPERT_POOLS, EXPERT_SEEDS, EXPERT_TITLES, SPECIALTIES, personName, type DemoSpecialty, type Gender } from './people';
import { fork, intBetween, pick } from './prng';
import { DEMO_STANDARDS } from './standards';

export interface DemoOptions {
  dossiers?: number;
  experts?: number;
  /** Exact number per dossier; when absent each dossier gets 1–3. */
  attachmentsPerDossier?: number;
  /** Pad each attachment to at least this many bytes (load tests: `paneldesk demo --attachment-size`). */
  attachmentSize?: number;
  seed?: number;
  /**
   * The small "rule breach" demo for training the committee warnings: 10 members (even, below the senior minimum
   * of 25) in four groups, two of them under 3 experts. Ignores `experts`.
   */
  breach?: boolean;
}

/** A compliant senior committee (domain.md §3): 25 members, an odd count, three review groups of 8–9. */
export const DEMO_DEFAULTS = { dossiers: 30, experts: 25, seed: 2026 } as const;
export const BREACH_DEMO = { dossiers: 12, experts: 10, groups: 4 } as const;
export const DEMO_LIMITS = { dossiers: [1, 100_000], experts: [3, 500], attachmentsPerDossier: [0, 50], attachmentSize: [0, 256 * 1024 * 1024], seed: [0, 0xffffffff] } as const;
export const DEMO_SESSION_ID = 'demo-jl-xzy-2026';
export const BREACH_DEMO_SESSION_ID = 'demo-jl-xzy-2026-breach';
export const DEMO_MEETING_DATE = '2026-12-10';

export interface DemoSession {
  content: SessionBundleContent;
  /** Attachment bytes by SHA-256 hex. */
  blobs: Map<string, Uint8Array>;
}

const NUMERALS = ['', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
// Salts for independent random streams.
const STREAM = { expert: 1, dossier: 2, attachment: 3, attachmentCount: 4 } as const;

function checkOption(name: keyof typeof DEMO_LIMITS, value: number | undefined): void {
  if (value === undefined) return;
  const [min, max] = DEMO_LIMITS[name];
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}

function groupName(specialty: DemoSpecialty, round: number): string {
  return `${specialty}${NUMERALS[round] ?? String(round + 1)}组`;
}

/** Review groups of about eight (at least one per specialty); the breach demo forces its own count. */
function buildRoster(expertCount: number, seed: number, forcedGroups?: number): { experts: ExpertDoc[]; groups: GroupDoc[]; groupSpecialty: DemoSpecialty[] } {
  const groupCount = forcedGroups ?? Math.max(SPECIALTIES.length, Math.floor(expertCount / 8));
  const used = new Map<DemoSpecialty, number>();
  const names = new Set<string>();
  const experts: ExpertDoc[] = [];
  const groups: GroupDoc[] = [];
  const groupSpecialty: DemoSpecialty[] = [];
  for (let g = 0; g < groupCount; g++) {
    const specialty = SPECIALTIES[g % SPECIALTIES.length] as DemoSpecialty;
    const size = Math.floor(expertCount / groupCount) + (g < expertCount % groupCount ? 1 : 0);
    const members: string[] = [];
    for (let k = 0; k < size; k++) {
      const n = used.get(specialty) ?? 0;
      used.set(specialty, n + 1);
      const id = `e${String(experts.length + 1).padStart(3, '0')}`;
      const seedExpert = EXPERT_SEEDS[specialty][n];
      let expert: Omit<ExpertDoc, 'role'>;
      if (seedExpert) {
        expert = { id, ...seedExpert };
      } else {
        const rng = fork(seed, STREAM.expert, experts.length);
        const gender: Gender = rng() < 0.35 ? '女' : '男';
        let name = personName(rng, gender);
        for (let tries = 0; names.has(name) && tries < 20; tries++) name = personName(rng, gender);
        const pool = EXPERT_POOLS[specialty];
        expert = {
          id,
          name,
          gender,
          affiliation: pick(rng, pool.affiliations),
          specialty: pick(rng, pool.specialties),
          title: pick(rng, EXPERT_TITLES),
        };
      }
      names.add(expert.name);
      // The chair leads the first group, the two vice chairs the next two.
      const role: ExpertDoc['role'] = k === 0 && g === 0 ? 'chair' : k === 0 && g < 3 ? 'vice_chair' : 'member';
      experts.push({ ...expert, role });
      members.push(id);
    }
    groups.push({
      id: `g${String(g + 1).padStart(2, '0')}`,
      name: groupName(specialty, Math.floor(g / SPECIALTIES.length)),
      specialty,
      members,
      ...(members[0] ? { leader: members[0] } : {}),
    });
    groupSpecialty.push(specialty);
  }
  return { experts, groups, groupSpecialty };
}

/** Special dossiers as (group, ordinal within the group); dossier i sits in group i % groupCount. */
const SPECIAL_ROLES: ReadonlyArray<{ group: number; ordinal: number; role: DossierRole }> = [
  { group: 0, ordinal: 1, role: 'green_channel' },
  { group: 0, ordinal: 2, role: 'employer_match' },
  { group: 1, ordinal: 1, role: 'education_short' },
  { group: 2, ordinal: 1, role: 'years_short' },
];
/** Declared conflicts: (group, ordinal of the dossier, member index of the expert, reason). */
const DECLARED_CONFLICTS = [
  { group: 1, ordinal: 0, member: 1, reason: '师生关系：申报人系该委员指导过的学生' },
  { group: 2, ordinal: 0, member: 2, reason: '合作关系：近三年与申报人共同承担省级科技发展计划项目' },
] as const;

function buildQuotas(dossiers: DossierDoc[]): QuotaDoc[] {
  const byLevel = new Map<string, number>();
  for (const d of dossiers) byLevel.set(d.level, (byLevel.get(d.level) ?? 0) + 1);
  const quotas: QuotaDoc[] = [...byLevel].map(([level, n]) => ({
    id: `q-level-${level}`,
    scope: 'level',
    value: level,
    count: Math.ceil(n * 0.6),
  }));
  const marketing = dossiers.filter((d) => d.specialty === '网络营销').length;
  if (marketing > 0) quotas.push({ id: 'q-specialty-wlyx', scope: 'specialty', value: '网络营销', count: Math.ceil(marketing * 0.5) });
  return quotas;
}

export function buildDemoSession(opts: DemoOptions = {}): DemoSession {
  for (const key of ['dossiers', 'experts', 'attachmentsPerDossier', 'attachmentSize', 'seed'] as const) checkOption(key, opts[key]);
  const breach = opts.breach === true;
  const dossierCount = opts.dossiers ?? (breach ? BREACH_DEMO.dossiers : DEMO_DEFAULTS.dossiers);
  const expertCount = breach ? BREACH_DEMO.experts : (opts.experts ?? DEMO_DEFAULTS.experts);
  const seed = opts.seed ?? DEMO_DEFAULTS.seed;
  const perDossier = opts.attachmentsPerDossier;
  const attachmentSize = opts.attachmentSize ?? 0;
  const isDefault =
    !breach && dossierCount === DEMO_DEFAULTS.dossiers && expertCount === DEMO_DEFAULTS.experts && seed === DEMO_DEFAULTS.seed && perDossier === undefined && attachmentSize === 0;
  const isBreachDefault = breach && dossierCount === BREACH_DEMO.dossiers && seed === DEMO_DEFAULTS.seed && perDossier === undefined && attachmentSize === 0;

  const { experts, groups, groupSpecialty } = buildRoster(expertCount, seed, breach ? BREACH_DEMO.groups : undefined);
  const standards: StandardDoc[] = SPECIALTIES.map((s) => structuredClone(DEMO_STANDARDS[s]));
  const standardOf = (s: DemoSpecialty): StandardDoc => standards[SPECIALTIES.indexOf(s)] as StandardDoc;
  const dossierAt = (group: number, ordinal: number): number => ordinal * groups.length + group;

  const roles = new Map<number, DossierRole>();
  for (const s of SPECIAL_ROLES) roles.set(dossierAt(s.group, s.ordinal), s.role);
  // The fifth hand-written 网络营销 expert (孙雅琴) works where one applicant works: the conflict check finds it.
  const firstMembers = groups[0]?.members ?? [];
  const matchExpert = experts.find((e) => e.id === firstMembers[Math.min(4, firstMembers.length - 1)]);

  const blobs = new Map<string, Uint8Array>();
  const dossiers: DossierDoc[] = [];
  for (let i = 0; i < dossierCount; i++) {
    const g = i % groups.length;
    const specialty = groupSpecialty[g] as DemoSpecialty;
    const role = roles.get(i) ?? 'normal';
    const base = makeDossier(fork(seed, STREAM.dossier, i), {
      index: i,
      specialty,
      standard: standardOf(specialty),
      groupId: (groups[g] as GroupDoc).id,
      role,
      ...(role === 'employer_match' && matchExpert ? { employer: matchExpert.affiliation } : {}),
      meetingDate: DEMO_MEETING_DATE,
    });
    const count = perDossier ?? intBetween(fork(seed, STREAM.attachmentCount, i), 1, 3);
    const files = makeAttachments(fork(seed, STREAM.attachment, i), base, count, attachmentSize);
    for (const f of files) blobs.set(f.ref.sha256, f.bytes);
    dossiers.push({ ...base, attachments: files.map((f) => f.ref) });
  }

  const conflicts: ConflictDoc[] = [];
  for (const c of DECLARED_CONFLICTS) {
    const dossier = dossiers[dossierAt(c.group, c.ordinal)];
    const members = groups[c.group]?.members ?? [];
    const expertId = members[Math.min(c.member, members.length - 1)];
    if (dossier && expertId) conflicts.push({ expertId, dossierId: dossier.id, reason: c.reason });
  }

  const session: SessionDoc = {
    formatVersion: 1,
    sessionId: isDefault
      ? DEMO_SESSION_ID
      : isBreachDefault
        ? BREACH_DEMO_SESSION_ID
        : `${DEMO_SESSION_ID}${breach ? '-breach' : ''}-n${dossierCount}-e${expertCount}-a${perDossier ?? 'v'}${attachmentSize ? `-z${attachmentSize}` : ''}-s${seed}`,
    bundleVersion: 1,
    name: breach ? '2026年度吉林省新职业专业技术人才职称评审会议（规则提示培训演示）' : '2026年度吉林省新职业专业技术人才职称评审会议（演示）',
    committee: {
      name: '吉林省新职业专业技术人才高级职称评审委员会',
      code: 'JL-XZY-GJ-2026',
      authority: '吉林省人力资源和社会保障厅',
      form: 'socialized',
      tier: 'senior',
      series: '工程系列',
      size: experts.length,
    },
    meeting: { date: DEMO_MEETING_DATE, place: '长春市南关区 吉林省专业技术人员评审中心 第二评审室' },
    settings: { recusedCountInPresent: false, expertRecommendation: true },
  };

  return {
    content: { session, experts, groups, standards, quotas: buildQuotas(dossiers), dossiers, conflicts },
    blobs,
  };
}
