// Steps 10 and 11 on the completed demo's result bundle (a quota tie at the cut line decided by a re-vote among the
// tied): valid as written; a forger's edits to the quotas, the tie-break or the meeting's settings are caught by the
// recomputation with their own codes and paths (and by the seal). Then the chair's-decision rules on hand-made inputs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCompletedMeeting } from '../../../electron/backend/demo/completed-meeting';
import { writeCompletedBundle } from '../../../electron/backend/demo/completed-bundle';
import type { QuotaDoc, SessionBundleContent } from '../../../shared/bundle/schema';
import type { ResultsDoc, RoundDoc } from '../../../shared/result-bundle/schema';
import { bytesIO } from '../../../shared/verify/io';
import type { VerifyFailure, VerifyReport } from '../../../shared/verify/report';
import { quotaSteps } from '../../../shared/verify/result-quotas';
import { verifyBundle } from '../../../shared/verify/verify';
import { forgeResultBundle } from '../../fixtures/result-forge';

const inflate = (d: Uint8Array, max: number): Promise<Uint8Array> => Promise.resolve(inflateRawSync(d, { maxOutputLength: Math.max(1, max) }));
const verify = (b: Uint8Array): Promise<VerifyReport> => verifyBundle(bytesIO(b, inflate));
const step = (r: VerifyReport, id: string) => r.steps.find((s) => s.id === id);
const codes = (r: VerifyReport, id: string): string[] => step(r, id)?.failures.map((f) => f.code) ?? [];

let root: string;
let bundle: Uint8Array;
let tieRound = -1;
let tieQuota: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'pd-verify-quotas-'));
  const work = path.join(root, 'meeting');
  fs.mkdirSync(work);
  const m = await runCompletedMeeting(work, { dossiers: 30, experts: 25, seed: 11 });
  try {
    const out = path.join(root, 'meeting.pdresult');
    await writeCompletedBundle(m, out);
    bundle = new Uint8Array(fs.readFileSync(out));
    const tb = m.events.tieBreaks[0];
    if (!tb) throw new Error('the demo meeting has no tie re-vote');
    tieQuota = tb.quotaId;
  } finally {
    m.host.close();
  }
}, 300_000);

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

const forged = async (edit: (docs: Map<string, unknown>) => void): Promise<VerifyReport> => verify(await forgeResultBundle(bundle, root, edit));
const roundsOf = (d: Map<string, unknown>) => d.get('data/rounds.json') as RoundDoc[];
const resultsOf = (d: Map<string, unknown>) => d.get('data/results.json') as ResultsDoc;

describe('verify steps 10 and 11 on the completed demo', () => {
  it('is valid (exit 0 material): the quota tie re-voted among the tied is recomputed, every step passed or not applicable', async () => {
    const r = await verify(bundle);
    for (const s of r.steps) expect(['passed', 'not-applicable'], `${s.id}: ${JSON.stringify(s.failures)}`).toContain(s.status);
    expect(r.valid).toBe(true);
    // Quotas plus at least the one tie-break were checked.
    expect(step(r, 'quotas-ties')?.checked).toBeGreaterThanOrEqual(2);
  });

  it('the re-votes allowed set to 0 in meeting.json: the tie re-vote came after re-votes were used up, the one rule broken', async () => {
    const r = await forged((d) => {
      (d.get('data/meeting.json') as { settings: { maxRevotes: number } }).settings.maxRevotes = 0;
      tieRound = roundsOf(d).findIndex((x) => x.purpose === 'tiebreak' && x.quotaId === tieQuota);
    });
    expect(tieRound).toBeGreaterThan(0);
    expect(r.valid).toBe(false);
    expect(codes(r, 'signatures')).toContain('RESULT_SEAL_WRONG_BUNDLE');
    expect(step(r, 'quotas-ties')?.failures).toContainEqual(
      expect.objectContaining({ code: 'RESULT_TIE_BREAK_INVALID', path: `data/rounds.json#/${tieRound}`, details: expect.objectContaining({ reason: 'revotes_used_up', quotaId: tieQuota }) as unknown }),
    );
    // applyQuotas itself applies the re-vote (as the app does), so the outcomes still agree: only the rule is broken.
    expect(codes(r, 'quotas-ties')).toEqual(['RESULT_TIE_BREAK_INVALID']);
  });

  it('a rank in a quota edited: RESULT_QUOTA_MISMATCH at that entry', async () => {
    let quota = -1;
    const r = await forged((d) => {
      quota = resultsOf(d).quotas.findIndex((x) => x.quota.id === tieQuota);
      const e = resultsOf(d).quotas[quota]?.entries[0];
      if (e) e.rank += 1;
    });
    expect(step(r, 'quotas-ties')?.failures).toContainEqual(expect.objectContaining({ code: 'RESULT_QUOTA_MISMATCH', path: `data/results.json#/quotas/${quota}/entries/0/rank` }));
    expect(step(r, 'decisions')?.status).toBe('passed');
  });

  it('the one cut at the tie flipped to within the quota and passed: steps 10 and 11 each report it, and the statement disagrees', async () => {
    let at = -1;
    const r = await forged((d) => {
      const results = resultsOf(d);
      at = results.dossiers.findIndex((x) => x.outcome.cutBy?.quotaId === tieQuota);
      const o = (results.dossiers[at] as ResultsDoc['dossiers'][number]).outcome;
      Object.assign(o, { quota: 'within', cutBy: null, decision: 'passed' });
    });
    expect(at).toBeGreaterThanOrEqual(0);
    const base = `data/results.json#/dossiers/${at}/outcome`;
    expect(step(r, 'quotas-ties')?.failures).toContainEqual(expect.objectContaining({ code: 'RESULT_QUOTA_MISMATCH', path: `${base}/quota` }));
    expect(step(r, 'quotas-ties')?.failures).toContainEqual(expect.objectContaining({ code: 'RESULT_QUOTA_MISMATCH', path: `${base}/cutBy` }));
    expect(step(r, 'decisions')?.failures).toContainEqual(expect.objectContaining({ code: 'RESULT_DECISION_MISMATCH', path: `${base}/decision` }));
    expect(codes(r, 'decisions')).toContain('RESULT_STATEMENT_MISMATCH');
  });
});

// The chair's decision is not in the demo: these run quotaSteps on a hand-made meeting of one quota, one seat, two tied.
describe('quotaSteps: the chair decides a tie only after the re-votes, with a reason', () => {
  const quota: QuotaDoc = { id: 'q1', scope: 'specialty', value: '网络营销', count: 1 };
  const dossier = (id: string) => ({ id, level: 'intermediate', specialty: '网络营销', regionCode: '220100', employer: 'E', standardId: 's1' }) as unknown as SessionBundleContent['dossiers'][number];
  const row = (dossierId: string, agree: number) => ({ dossierId, issued: 9, returned: 9, valid: 9, invalid: 0, agree, disagree: 9 - agree, abstain: 0, eligible: 9, recused: 0, needed: 6, passed: agree >= 6, void: false });
  // Only what the quota rules read; a cast, so fields the round format gains later need no change here.
  const round = (number: number, purpose: 'vote' | 'tiebreak', rows: ReturnType<typeof row>[], closedAt: string): RoundDoc => ({
    id: `r${number}`, number, purpose, kind: 'electronic', quotaId: purpose === 'tiebreak' ? 'q1' : null, status: 'closed', openedAt: closedAt, closedAt, voidReason: null,
    dossierIds: rows.map((x) => x.dossierId), roll: [], voted: [], ballots: [], paperCounts: null, paperEntries: [], arbitration: null, reconciliation: rows,
  }) as RoundDoc;
  const outcome = (decision: 'passed' | 'not_passed', cut: boolean) => ({ passedVote: true, quota: cut ? ('cut' as const) : ('within' as const), cutBy: cut ? { quotaId: 'q1', reason: 'CHAIR_DECISION' as const } : null, decision });
  const results = (decisions: ResultsDoc['quotaDecisions']): ResultsDoc => ({
    settings: { quorumBase: 'all_members', recusedCountInA: true, maxRevotes: 1 },
    quorum: { base: 'all_members', n: 9, needed: 6, present: 9, met: true, shortBy: 0 },
    attendance: { members: 9, present: 9, late: 0, left: 0 },
    dossiers: [
      { dossierId: 'd1', packetNo: '1', name: 'a', score: 8000, scorers: 3, trimmed: false, goesToVote: true, rounds: [], outcome: outcome('passed', false) },
      { dossierId: 'd2', packetNo: '2', name: 'b', score: 8000, scorers: 3, trimmed: false, goesToVote: true, rounds: [], outcome: outcome('not_passed', true) },
    ],
    quotas: [{ quota, inScope: 2, exceedsCandidates: false, entries: [{ dossierId: 'd1', rank: 1, outcome: 'within', reason: null }, { dossierId: 'd2', rank: 1, outcome: 'cut', reason: 'CHAIR_DECISION' }], tie: null }],
    quotaDecisions: decisions,
  });
  const run = (rounds: RoundDoc[], decisions: ResultsDoc['quotaDecisions']) => {
    const found: { pass: VerifyFailure[]; quota: VerifyFailure[]; decision: VerifyFailure[] } = { pass: [], quota: [], decision: [] };
    const into = (list: VerifyFailure[]) => (code: string, p: string, details?: VerifyFailure['details']) => void list.push({ code, path: p, ...(details ? { details } : {}) });
    const res = results(decisions);
    quotaSteps({ session: { dossiers: [dossier('d1'), dossier('d2')], quotas: [quota] }, rounds, results: res, maxRevotes: 1, quotaDecisions: decisions }, into(found.pass), into(found.quota), into(found.decision));
    return found;
  };
  const vote = round(1, 'vote', [row('d1', 7), row('d2', 7)], '2026-01-01T09:00:00.000Z');
  const revote = round(2, 'tiebreak', [row('d1', 8), row('d2', 8)], '2026-01-01T10:00:00.000Z');
  const decision = (reason: string, at: string) => [{ quotaId: 'q1', seq: 1, chosen: ['d1'], reason, decidedBy: 'chair', decidedAt: at }];

  it('a re-vote still tied, then the reasoned decision: every step passes', () => {
    expect(run([vote, revote], decision('业绩更突出', '2026-01-01T11:00:00.000Z'))).toEqual({ pass: [], quota: [], decision: [] });
  });

  it('a decision with a blank reason: RESULT_TIE_BREAK_INVALID no_reason at the decision', () => {
    expect(run([vote, revote], decision('  ', '2026-01-01T11:00:00.000Z')).quota).toContainEqual(
      expect.objectContaining({ code: 'RESULT_TIE_BREAK_INVALID', path: 'data/results.json#/quotaDecisions/0/reason', details: expect.objectContaining({ reason: 'no_reason' }) as unknown }),
    );
  });

  it('a decision before any re-vote: RESULT_TIE_BREAK_INVALID decision_before_revotes, the tie left open', () => {
    const found = run([vote], decision('业绩更突出', '2026-01-01T11:00:00.000Z'));
    expect(found.quota).toContainEqual(expect.objectContaining({ code: 'RESULT_TIE_BREAK_INVALID', path: 'data/results.json#/quotaDecisions/0', details: expect.objectContaining({ reason: 'decision_before_revotes' }) as unknown }));
    expect(found.quota).toContainEqual(expect.objectContaining({ code: 'RESULT_TIE_UNRESOLVED', path: 'data/results.json#/quotas/0/tie' }));
    expect(found.decision).toContainEqual(expect.objectContaining({ code: 'RESULT_DECISION_MISMATCH', path: 'data/results.json#/dossiers/0/outcome/decision' }));
  });
});
