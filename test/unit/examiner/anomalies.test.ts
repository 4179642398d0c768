// Every anomaly rule, once where it must fire and once where it must not, on a small hand-made session.
import { describe, expect, it } from 'vitest';
import { findAnomalies, type RuleId } from '../../../shared/examiner/anomalies';
import { analyseGroups } from '../../../shared/examiner/analysis';
import type { ExaminerData, ExSheet } from '../../../shared/examiner/data';
import { DEFAULT_THRESHOLDS, type ExaminerThresholds } from '../../../shared/examiner/thresholds';

const EXPERTS = ['E1', 'E2', 'E3', 'E4', 'E5'];
const DOSSIERS = ['D1', 'D2', 'D3', 'D4', 'D5', 'D6'];
/** Dossier quality (hundredths) and each expert's small, distinct offset: high agreement, nobody stands out. */
const BASE = [5000, 6000, 7000, 8000, 5500, 6500];
const OFFSET: Record<string, number> = { E1: 0, E2: 100, E3: -100, E4: 50, E5: -50 };
const T0 = Date.parse('2026-12-01T09:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

function sheet(dossierId: string, expertId: string, total: number): ExSheet {
  const scores = { I1: total - 2500, I2: 2500 };
  return {
    dossierId,
    expertId,
    version: 1,
    status: 'submitted',
    scores,
    statedTotal: total,
    recommendation: 'agree',
    firstSavedAt: iso(T0),
    firstSavedSeq: 10,
    submittedAt: iso(T0 + 10 * 60_000),
    submittedSeq: 20,
  };
}

function clean(): ExaminerData {
  return {
    sessionId: 'S',
    bundleHash: 'ab'.repeat(32),
    standards: [{ id: 'STD', items: [{ id: 'I1', max: 6000, bands: null }, { id: 'I2', max: 4000, bands: [4000, 2500, 1000] }] }],
    experts: EXPERTS.map((id) => ({ id, name: `专家${id}` })),
    groups: [{ id: 'G1', name: '第一组', memberIds: [...EXPERTS] }],
    dossiers: DOSSIERS.map((id) => ({ id, packetNo: id, name: `申报人${id}`, groupId: 'G1', standardId: 'STD' })),
    recusals: [],
    presence: EXPERTS.map((expertId) => ({ expertId, arrivedAt: iso(T0 - 3_600_000), late: false, leftAt: null, checkInSeq: 1 })),
    sheets: DOSSIERS.flatMap((d, i) => EXPERTS.map((e) => sheet(d, e, (BASE[i] as number) + (OFFSET[e] as number)))),
    rounds: [
      {
        id: 'R1',
        number: 1,
        status: 'closed',
        openedAt: iso(T0 + 3_600_000),
        openedSeq: 100,
        dossierIds: [...DOSSIERS],
        participants: [...EXPERTS],
        counts: Object.fromEntries(DOSSIERS.map((d) => [d, { agree: 5, disagree: 0, abstain: 0 }])),
      },
    ],
  };
}

function rules(data: ExaminerData, t: Partial<ExaminerThresholds> = {}): RuleId[] {
  return findAnomalies(data, { ...DEFAULT_THRESHOLDS, ...t }).map((a) => a.rule);
}

function find(data: ExaminerData, rule: RuleId, t: Partial<ExaminerThresholds> = {}) {
  return findAnomalies(data, { ...DEFAULT_THRESHOLDS, ...t }).filter((a) => a.rule === rule);
}

function sheetOf(data: ExaminerData, d: string, e: string): ExSheet {
  return data.sheets.find((s) => s.dossierId === d && s.expertId === e) as ExSheet;
}

function setItem(s: ExSheet, itemId: string, value: number): void {
  s.scores[itemId] = value;
  s.statedTotal = Object.values(s.scores).reduce((a, b) => a + b, 0);
}

describe('the clean session', () => {
  it('shows no anomaly at all', () => {
    expect(findAnomalies(clean(), DEFAULT_THRESHOLDS)).toEqual([]);
  });
});

describe('each rule fires on its case and only there', () => {
  it('total_mismatch: a stated total that differs from the sum of its items', () => {
    const d = clean();
    sheetOf(d, 'D2', 'E3').statedTotal = 9999;
    const [a] = find(d, 'total_mismatch');
    expect(a?.evidence).toMatchObject({ dossierId: 'D2', expertId: 'E3', version: 1, auditSeqs: [20] });
    expect(a?.values).toEqual({ stated: 9999, recomputed: 5900 });
    expect(a?.severity).toBe('high');
    expect(rules(clean())).not.toContain('total_mismatch');
  });

  it('out_of_range and off_band: above the cap, unknown item, between bands', () => {
    const d = clean();
    setItem(sheetOf(d, 'D1', 'E1'), 'I1', 6100);
    setItem(sheetOf(d, 'D1', 'E2'), 'I2', 3000);
    setItem(sheetOf(d, 'D1', 'E4'), 'I9', 100);
    const out = find(d, 'out_of_range');
    expect(out.map((a) => [a.evidence.expertId, a.evidence.itemId, a.values.problem])).toEqual([
      ['E1', 'I1', 'above_cap'],
      ['E4', 'I9', 'unknown_item'],
    ]);
    expect(find(d, 'off_band').map((a) => [a.evidence.expertId, a.evidence.itemId])).toEqual([['E2', 'I2']]);
    const ok = clean();
    setItem(sheetOf(ok, 'D1', 'E1'), 'I1', 6000);
    setItem(sheetOf(ok, 'D1', 'E2'), 'I2', 4000);
    expect(rules(ok).filter((r) => r === 'out_of_range' || r === 'off_band')).toEqual([]);
  });

  it('missing_sheet: a present, assigned, not recused expert without a submitted sheet', () => {
    const d = clean();
    d.sheets = d.sheets.filter((s) => !(s.dossierId === 'D3' && s.expertId === 'E3'));
    expect(find(d, 'missing_sheet').map((a) => a.evidence)).toEqual([{ groupId: 'G1', dossierId: 'D3', expertId: 'E3' }]);
    const absent = structuredClone(d);
    absent.presence = absent.presence.filter((p) => p.expertId !== 'E3');
    expect(rules(absent)).not.toContain('missing_sheet');
    const recused = structuredClone(d);
    recused.recusals.push({ expertId: 'E3', dossierId: 'D3' });
    expect(rules(recused)).not.toContain('missing_sheet');
    const draft = clean();
    sheetOf(draft, 'D3', 'E3').status = 'draft';
    expect(find(draft, 'missing_sheet')).toHaveLength(1);
  });

  it('recused_sheet: a sheet by an expert recused from the dossier', () => {
    const d = clean();
    d.recusals.push({ expertId: 'E1', dossierId: 'D1' });
    expect(find(d, 'recused_sheet').map((a) => a.evidence)).toEqual([{ dossierId: 'D1', expertId: 'E1', version: 1, auditSeqs: [10, 20] }]);
    const ok = structuredClone(d);
    ok.sheets = ok.sheets.filter((s) => !(s.dossierId === 'D1' && s.expertId === 'E1'));
    expect(rules(ok)).not.toContain('recused_sheet');
  });

  it('recused_vote: more votes on a dossier than participants who were not recused from it', () => {
    const d = clean();
    d.recusals.push({ expertId: 'E1', dossierId: 'D1' });
    d.sheets = d.sheets.filter((s) => !(s.dossierId === 'D1' && s.expertId === 'E1'));
    expect(find(d, 'recused_vote').map((a) => [a.evidence.roundId, a.evidence.dossierId, a.values])).toEqual([['R1', 'D1', { cast: 5, eligible: 4 }]]);
    const r = d.rounds[0];
    if (r) r.counts.D1 = { agree: 4, disagree: 0, abstain: 0 };
    expect(rules(d)).not.toContain('recused_vote');
  });

  it('near_identical: two experts whose sheets match on most common dossiers', () => {
    const d = clean();
    for (const id of DOSSIERS) sheetOf(d, id, 'E2').scores = { ...sheetOf(d, id, 'E1').scores };
    const [a] = find(d, 'near_identical');
    expect(a?.evidence).toMatchObject({ expertId: 'E1', otherExpertId: 'E2', dossierIds: DOSSIERS });
    expect(a?.values).toMatchObject({ common: 6, near: 6, share: 1 });
    // Five identical out of six is still ≥ 0.8; four is not.
    const four = clean();
    for (const id of DOSSIERS.slice(0, 4)) sheetOf(four, id, 'E2').scores = { ...sheetOf(four, id, 'E1').scores };
    expect(rules(four)).not.toContain('near_identical');
    // Within the stated distance, not only equal.
    expect(find(clean(), 'near_identical', { nearIdenticalPoints: 50 }).map((x) => [x.evidence.expertId, x.evidence.otherExpertId])).toEqual([
      ['E1', 'E4'],
      ['E1', 'E5'],
      ['E2', 'E4'],
      ['E3', 'E5'],
    ]);
  });

  it('far_z and leniency: one expert 15 points below the others on every dossier', () => {
    const d = clean();
    for (const id of DOSSIERS) setItem(sheetOf(d, id, 'E5'), 'I1', (sheetOf(d, id, 'E5').scores.I1 as number) - 1500);
    const len = find(d, 'leniency');
    expect(len.map((a) => a.evidence.expertId)).toEqual(['E5']);
    // E5's offset is −50 − 1500 = −1550; each dossier's mean moves by (0 + 100 − 100 + 50 − 1550)/5 = −300: −1550 + 300.
    expect(len[0]?.values.deviation).toBeCloseTo(-1250, 6);
    // The evidence to open: the dossiers farthest from their means (all equal here: the first five by id).
    expect(len[0]?.evidence.dossierIds).toEqual(['D1', 'D2', 'D3', 'D4', 'D5']);
    expect(find(d, 'far_z', { zScore: 1.7 }).map((a) => a.evidence.expertId)).toEqual(['E5']);
    // Five raters bound |z| by 4/√5 ≈ 1.79: the default 2 needs a larger group, which the threshold says.
    expect(find(d, 'far_z')).toEqual([]);
    const mild = clean();
    for (const id of DOSSIERS) setItem(sheetOf(mild, id, 'E5'), 'I1', (sheetOf(mild, id, 'E5').scores.I1 as number) - 700);
    expect(rules(mild)).not.toContain('leniency');
    expect(rules(clean(), { zScore: 1.7 })).not.toContain('far_z');
  });

  it('low_agreement: a group whose experts rank the dossiers unrelatedly', () => {
    const d = clean();
    EXPERTS.forEach((e, j) => DOSSIERS.forEach((id, i) => setItem(sheetOf(d, id, e), 'I1', (BASE[(i + j) % 6] as number) - 2500)));
    const [a] = find(d, 'low_agreement');
    expect(a?.evidence).toEqual({ groupId: 'G1' });
    expect(a?.values.alpha as number).toBeLessThan(0.4);
    expect(rules(clean())).not.toContain('low_agreement');
    const g = analyseGroups(clean()).groups[0];
    expect(g?.icc as number).toBeGreaterThan(0.99);
    expect(g?.iccTargets).toBe(6);
    expect(g?.iccRaters).toBe(5);
  });

  it('vote_contradiction: the vote against the group unanimously recommending', () => {
    const d = clean();
    const r = d.rounds[0];
    if (r) r.counts.D4 = { agree: 0, disagree: 5, abstain: 0 };
    expect(find(d, 'vote_contradiction').map((a) => [a.evidence.dossierId, a.values.groupShare, a.values.voteShare])).toEqual([['D4', 1, 0]]);
    if (r) r.counts.D4 = { agree: 4, disagree: 1, abstain: 0 };
    expect(rules(d)).not.toContain('vote_contradiction');
  });

  it('fast_submit: a sheet submitted seconds after its first item was saved', () => {
    const d = clean();
    sheetOf(d, 'D5', 'E2').submittedAt = iso(T0 + 12_000);
    const [a] = find(d, 'fast_submit');
    expect(a?.evidence).toEqual({ dossierId: 'D5', expertId: 'E2', version: 1, auditSeqs: [10, 20] });
    expect(a?.values.seconds).toBe(12);
    sheetOf(d, 'D5', 'E2').submittedAt = iso(T0 + 45_000);
    expect(rules(d)).not.toContain('fast_submit');
  });

  it('late_vote: an expert who checked in after the round opened took part in it', () => {
    const d = clean();
    const p = d.presence.find((x) => x.expertId === 'E4');
    if (p) Object.assign(p, { arrivedAt: iso(T0 + 2 * 3_600_000), late: true, checkInSeq: 150 });
    expect(find(d, 'late_vote').map((a) => a.evidence)).toEqual([{ roundId: 'R1', expertId: 'E4', auditSeqs: [100, 150] }]);
    const r = d.rounds[0];
    if (r) r.participants = r.participants.filter((e) => e !== 'E4');
    for (const c of Object.values(r?.counts ?? {})) c.agree = 4;
    expect(rules(d)).not.toContain('late_vote');
  });

  it('gives every anomaly a stable key, most severe first', () => {
    const d = clean();
    sheetOf(d, 'D2', 'E3').statedTotal = 1;
    sheetOf(d, 'D5', 'E2').submittedAt = iso(T0 + 1000);
    const a = findAnomalies(d, DEFAULT_THRESHOLDS);
    expect(a.map((x) => x.severity)).toEqual(['high', 'low']);
    expect(findAnomalies(structuredClone(d), DEFAULT_THRESHOLDS).map((x) => x.key)).toEqual(a.map((x) => x.key));
    expect(new Set(a.map((x) => x.key)).size).toBe(a.length);
  });
});
