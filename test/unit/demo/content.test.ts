import { describe, expect, it } from 'vitest';
import { SESSION_DOCUMENTS, type SessionBundleContent } from '../../../shared/bundle/schema';
import { checkIdNumber } from '../../../shared/domain/id-number';
import { evaluateEligibility } from '../../../shared/domain/eligibility';
import { MIN_GROUP_SIZE } from '../../../shared/domain/rules';
import { DOCUMENT_FIELDS } from '../../../electron/backend/bundles/writer';
import { buildDemoSession, DEMO_MEETING_DATE, type DemoOptions } from '../../../electron/backend/demo/demo-session';

function expectValid(content: SessionBundleContent): void {
  for (const [name, schema] of Object.entries(SESSION_DOCUMENTS)) {
    const r = schema.safeParse(content[DOCUMENT_FIELDS[name as keyof typeof DOCUMENT_FIELDS]]);
    expect(r.success ? null : `${name}: ${JSON.stringify(r.error.issues[0])}`).toBeNull();
  }
}

/** Checks every demo must pass, whatever its size. */
function expectCoherent(content: SessionBundleContent): void {
  expectValid(content);
  const experts = new Map(content.experts.map((e) => [e.id, e]));
  const standards = new Map(content.standards.map((s) => [s.id, s]));
  const groups = new Map(content.groups.map((g) => [g.id, g]));
  expect(experts.size).toBe(content.experts.length);
  expect(new Set(content.dossiers.map((d) => d.id)).size).toBe(content.dossiers.length);
  expect(new Set(content.dossiers.map((d) => d.packetNo)).size).toBe(content.dossiers.length);
  // Every expert sits in exactly one group, and groups follow one specialty.
  expect(content.groups.flatMap((g) => g.members).sort()).toEqual([...experts.keys()].sort());
  for (const d of content.dossiers) {
    expect(checkIdNumber(d.idNumber), `${d.id} ${d.idNumber}`).toBeNull();
    expect(d.regionCode).toMatch(/^22\d{4}$/);
    expect(d.idNumber.startsWith(d.regionCode)).toBe(true);
    // The 17th digit is odd for men (GB 11643).
    expect(Number(d.idNumber[16]) % 2 === 1).toBe(d.gender === '男');
    const std = standards.get(d.standardId);
    const group = groups.get(d.groupId);
    expect(std?.specialty).toBe(d.specialty);
    expect(group?.specialty).toBe(d.specialty);
    expect(std?.level).toBe(d.level);
    const fields = new Set(std?.evidenceFields.map((f) => f.id));
    for (const a of d.achievements) expect(fields.has(a.field), `${d.id} ${a.field}`).toBe(true);
    expect(d.workStart < (d.currentTitleDate ?? '9999')).toBe(true);
    expect(d.idNumber.slice(6, 14) < d.workStart.replaceAll('-', '')).toBe(true);
  }
  for (const s of content.standards) {
    expect(s.items.reduce((n, i) => n + i.max, 0), s.id).toBe(10_000);
    const fields = new Set(s.evidenceFields.map((f) => f.id));
    for (const item of s.items) for (const e of item.evidence) expect(fields.has(e)).toBe(true);
  }
  expect(content.session.committee.size).toBe(content.experts.length);
}

const eligibilityOf = (content: SessionBundleContent) =>
  content.dossiers.map((d) => {
    const std = content.standards.find((s) => s.id === d.standardId)!;
    return { d, result: evaluateEligibility(d, std, content.session.meeting.date) };
  });

describe('built-in demo session', () => {
  const { content, blobs } = buildDemoSession();

  it('passes the bundle schemas and is internally coherent', () => {
    expectCoherent(content);
  });

  it('is the Jilin new-occupation committee meeting on 2026-12-10', () => {
    expect(content.session.committee).toMatchObject({ form: 'socialized', tier: 'senior', size: 25 });
    expect(content.session.committee.name).toContain('吉林省新职业');
    expect(content.session.meeting.date).toBe(DEMO_MEETING_DATE);
    expect(DEMO_MEETING_DATE).toBe('2026-12-10');
  });

  it('has 25 experts (odd, the senior minimum): one chair, two vice chairs, twenty-two members', () => {
    const roles = content.experts.map((e) => e.role);
    expect(roles).toHaveLength(25);
    expect(roles.filter((r) => r === 'chair')).toHaveLength(1);
    expect(roles.filter((r) => r === 'vice_chair')).toHaveLength(2);
    expect(roles.filter((r) => r === 'member')).toHaveLength(22);
    expect(new Set(content.experts.map((e) => e.name)).size).toBe(25);
    for (const e of content.experts) expect(e.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
  });

  it('has three review groups of 9, 8 and 8', () => {
    expect(content.groups.map((g) => g.name)).toEqual(['网络营销组', '大数据组', '智能制造组']);
    expect(content.groups.map((g) => g.members.length)).toEqual([9, 8, 8]);
    for (const g of content.groups) {
      expect(g.members.length).toBeGreaterThanOrEqual(MIN_GROUP_SIZE);
      expect(g.members).toContain(g.leader);
    }
  });

  it('has the 网络营销 副高级, 大数据 中级 and 智能制造 副高级 standards', () => {
    expect(content.standards.map((s) => [s.specialty, s.level])).toEqual([
      ['网络营销', 'associate_senior'],
      ['大数据', 'intermediate'],
      ['智能制造', 'associate_senior'],
    ]);
    const marketing = content.standards[0]!;
    expect(marketing.evidenceFields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ label: '直播带货销售额', kind: 'money', unit: '元' }),
        expect.objectContaining({ label: '粉丝量', kind: 'count' }),
        expect.objectContaining({ label: '营销策划项目数', kind: 'count' }),
      ]),
    );
    expect(new Set(marketing.items.map((i) => i.group))).toEqual(new Set(['学历', '资历', '业绩', '成果', '代表作', '答辩']));
    const defense = marketing.items.find((i) => i.group === '答辩');
    expect(defense?.bands).toEqual([
      { label: '好', score: 1000 },
      { label: '中', score: 700 },
      { label: '差', score: 400 },
    ]);
    for (const s of content.standards) {
      expect(s.greenChannel.allowed).toBe(true);
      expect(s.greenChannel.note).toMatch(/\S/);
      expect(s.items.every((i) => i.guidance)).toBe(true);
      const years = s.eligibility.find((r) => r.kind === 'yearsInTitleMin');
      expect(years && 'years' in years ? years.years : null).toBe(s.level === 'intermediate' ? 4 : 5);
      expect(s.eligibility.map((r) => r.kind)).toEqual(['educationMin', 'yearsInTitleMin', 'currentTitleIn', 'commitmentSigned']);
    }
  });

  it('has 30 dossiers spread over the groups, with 1–3 attachments each', () => {
    expect(content.dossiers).toHaveLength(30);
    for (const g of content.groups) expect(content.dossiers.filter((d) => d.groupId === g.id)).toHaveLength(10);
    for (const d of content.dossiers) {
      expect(d.attachments.length).toBeGreaterThanOrEqual(1);
      expect(d.attachments.length).toBeLessThanOrEqual(3);
      for (const a of d.attachments) {
        expect(a.name).toMatch(/^[\u4e00-\u9fff（）0-9]+\.(pdf|png)$/);
        expect(blobs.get(a.sha256)?.length).toBe(a.size);
      }
    }
    expect(new Set(content.dossiers.flatMap((d) => d.attachments.map((a) => a.mediaType)))).toEqual(new Set(['application/pdf', 'image/png']));
    const educations = new Set(content.dossiers.map((d) => d.education));
    expect([...educations].every((e) => ['11', '14', '21', '31'].includes(e))).toBe(true);
    expect(educations.size).toBeGreaterThanOrEqual(3);
  });

  it('has exactly one green-channel dossier, with a justification, whose conditions are waived', () => {
    const green = content.dossiers.filter((d) => d.reviewType === 'green_channel');
    expect(green).toHaveLength(1);
    expect(green[0]!.greenChannelJustification!.length).toBeGreaterThan(100);
    expect(content.dossiers.filter((d) => d.greenChannelJustification)).toHaveLength(1);
    const r = eligibilityOf(content).find((x) => x.d.id === green[0]!.id)!.result;
    expect(r.overall).toBe('waived');
  });

  it('has dossiers that fail eligibility as of the meeting date, and the rest meet it', () => {
    const results = eligibilityOf(content);
    const failed = results.filter((x) => x.result.overall === 'not_met');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    const failedKinds = failed.flatMap((x) => x.result.conditions.filter((c) => c.status === 'not_met').map((c) => c.kind));
    expect(failedKinds).toEqual(expect.arrayContaining(['educationMin', 'yearsInTitleMin']));
    expect(results.filter((x) => x.result.overall === 'met')).toHaveLength(30 - failed.length - 1);
  });

  it('declares two conflicts, and one more waits to be found by employer = affiliation', () => {
    expect(content.conflicts).toHaveLength(2);
    const declared = new Set(content.conflicts.map((c) => `${c.expertId}/${c.dossierId}`));
    const matches = content.dossiers.flatMap((d) =>
      content.experts.filter((e) => e.affiliation === d.employer && !declared.has(`${e.id}/${d.id}`)).map((e) => ({ d, e })),
    );
    expect(matches.length).toBeGreaterThanOrEqual(1);
    // The match is within the expert's own group, where it matters.
    expect(matches.some(({ d, e }) => content.groups.find((g) => g.id === d.groupId)?.members.includes(e.id))).toBe(true);
    for (const c of content.conflicts) {
      const d = content.dossiers.find((x) => x.id === c.dossierId)!;
      expect(content.groups.find((g) => g.id === d.groupId)?.members).toContain(c.expertId);
    }
  });

  it('has quotas per level that fit the dossiers', () => {
    const levels = content.quotas.filter((q) => q.scope === 'level');
    expect(levels.map((q) => q.value).sort()).toEqual(['associate_senior', 'intermediate']);
    for (const q of levels) {
      const n = content.dossiers.filter((d) => d.level === q.value).length;
      expect(q.count).toBeGreaterThan(0);
      expect(q.count).toBeLessThan(n);
    }
  });

  it('comes out the same every time', () => {
    const again = buildDemoSession();
    expect(again.content).toEqual(content);
    expect([...again.blobs.keys()]).toEqual([...blobs.keys()]);
  });
});

describe('scaled demo sessions', () => {
  it('spreads 1000 dossiers and 40 experts over five groups, still valid and deterministic', { timeout: 60_000 }, () => {
    const opts: DemoOptions = { dossiers: 1000, experts: 40, attachmentsPerDossier: 2, seed: 7 };
    const { content, blobs } = buildDemoSession(opts);
    expectCoherent(content);
    expect(content.dossiers).toHaveLength(1000);
    expect(content.experts).toHaveLength(40);
    expect(content.groups.map((g) => g.members.length)).toEqual([8, 8, 8, 8, 8]);
    expect(new Set(content.experts.map((e) => e.name)).size).toBe(40);
    for (const g of content.groups) expect(content.dossiers.filter((d) => d.groupId === g.id)).toHaveLength(200);
    expect(content.dossiers.every((d) => d.attachments.length === 2)).toBe(true);
    expect(blobs.size).toBe(2000);
    expect(content.dossiers.filter((d) => d.reviewType === 'green_channel')).toHaveLength(1);
    expect(content.conflicts).toHaveLength(2);
    expect(eligibilityOf(content).filter((x) => x.result.overall === 'not_met').length).toBeGreaterThanOrEqual(1);
    expect(content.session.sessionId).not.toBe(buildDemoSession().content.session.sessionId);
    const again = buildDemoSession(opts);
    expect(again.content.dossiers[999]).toEqual(content.dossiers[999]);
  });

  it('gives other content for another seed, and handles tiny committees', () => {
    expect(buildDemoSession({ seed: 1 }).content.dossiers[0]?.idNumber).not.toBe(buildDemoSession().content.dossiers[0]?.idNumber);
    const tiny = buildDemoSession({ dossiers: 2, experts: 3, attachmentsPerDossier: 0 });
    expectCoherent(tiny.content);
    expect(tiny.content.groups.map((g) => g.members.length)).toEqual([1, 1, 1]);
    expect(tiny.blobs.size).toBe(0);
  });

  it.each<DemoOptions>([{ dossiers: 0 }, { experts: 2 }, { attachmentsPerDossier: 51 }, { seed: -1 }, { dossiers: 1.5 }])(
    'refuses %j',
    (opts) => {
      expect(() => buildDemoSession(opts)).toThrow(RangeError);
    },
  );
});
