// Results of the meeting: per dossier the aggregated score, every round's counts, the 2/3 decision, the quota
// outcome and the final decision; ties at a quota cut line go to a re-vote among the tied, then to the chair's
// reasoned decision; the chair signs a results statement. Revealed only once every round is closed.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { AppError } from '../../../shared/errors';
import { signDsse } from '../../../shared/crypto/dsse';
import { fingerprintOf } from '../../../shared/crypto/keyid';
import { dossierRoundResult, electronicCounts } from '../../../shared/domain/ballots';
import { applyQuotas, type QuotaCandidate, type QuotaRule, type TieBreak } from '../../../shared/domain/quotas';
import { scoreForVote } from '../../../shared/domain/rules';
import { RESULTS_PAYLOAD_TYPE, type DossierResult, type MeetingResults, type RoundSummary } from '../../../shared/meeting-types';
import { utf8Encode } from '../../../shared/text';
import { inTransaction } from '../db/connection';
import { appendAudit, auditHead } from '../db/queries/audit';
import { insertQuotaDecision, insertStatement, listQuotaDecisions, listStatements, openRoundRow } from '../db/queries/ballots';
import { sessionRoundCounts, submittedTotalsByDossier } from '../db/queries/tally-cache';
import { listPresence } from '../db/queries/meeting';
import { listExperts } from '../db/queries/roster';
import { listStandards } from '../db/queries/standards';
import { prepared } from '../db/statements';
import type { Ctx } from '../context';
import { openRound, recusals, roundSummaries } from './ballots';
import { requireCoSignedCounts } from './count-report';
import { recusedIn, recusedOnRoll } from './round-counts';
import { unlockSecretKey } from './identity';
import { liveQuorum, presidingChair, requireMeeting } from './meeting';

interface DossierFacts extends QuotaCandidate {
  packetNo: string;
  name: string;
  commitmentSigned: boolean;
}

function quotaRules(ctx: Ctx, sessionId: string): QuotaRule[] {
  return ctx.db.prepare('SELECT id, scope, value, count FROM quota WHERE session_id = ? ORDER BY id').all(sessionId) as QuotaRule[];
}

/** Everything the results are computed from, and the computation (shared by the view and the signature). */
function computeResults(ctx: Ctx, sessionId: string): MeetingResults & { rounds: RoundSummary[] } {
  const m = requireMeeting(ctx, sessionId);
  const rounds = roundSummaries(ctx, sessionId);
  const rec = recusals(ctx, sessionId);
  // Stored when each round closed (migration 0100): one indexed query, no recount of the ballots.
  const counts = sessionRoundCounts(ctx.db, sessionId);
  const standards = new Map(listStandards(ctx.db, sessionId).map((s) => [s.id, s]));
  const totals = submittedTotalsByDossier(ctx.db, sessionId);
  const dossiers = prepared(
    ctx.db,
    `SELECT id AS dossierId, packet_no AS packetNo, name, employer, specialty, level, region_code AS regionCode, standard_id AS standardId,
         commitment_signed AS commitmentSigned FROM dossier WHERE session_id = ? ORDER BY packet_no, id`,
  ).all(sessionId) as Array<Omit<DossierFacts, 'passed' | 'agree' | 'score' | 'commitmentSigned'> & { commitmentSigned: number }>;

  const perDossier = new Map<string, DossierResult['rounds']>();
  for (const r of rounds) {
    if (r.status === 'open') continue;
    const recusedBy = recusedOnRoll(r.roll, rec);
    const stored = counts.get(r.id);
    for (const dossierId of r.dossierIds) {
      const recused = recusedIn(recusedBy, dossierId);
      const res = dossierRoundResult({
        dossierId,
        roll: r.roll,
        recused,
        recusedCountInA: m.recusedCountInA,
        counts: stored?.get(dossierId) ?? electronicCounts(r.roll.length - recused.size, undefined),
      });
      // Field by field (no rest/spread copies): 5,000 dossiers a round.
      const entry: DossierResult['rounds'][number] = {
        agree: res.agree,
        disagree: res.disagree,
        abstain: res.abstain,
        invalid: res.invalid,
        issued: res.issued,
        returned: res.returned,
        valid: res.valid,
        eligible: res.eligible,
        recused: res.recused,
        needed: res.needed,
        passed: res.passed && r.status !== 'void',
        void: res.void || r.status === 'void',
        roundId: r.id,
        number: r.number,
        purpose: r.purpose,
      };
      const list = perDossier.get(dossierId);
      if (list) list.push(entry);
      else perDossier.set(dossierId, [entry]);
    }
  }

  const aggregated = new Map(dossiers.map((d) => [d.dossierId, scoreForVote(totals.get(d.dossierId) ?? [], standards.get(d.standardId)?.aggregation ?? { method: 'mean', minScoreForVote: null })]));
  const facts: DossierFacts[] = dossiers.map((d) => {
    const voteRounds = (perDossier.get(d.dossierId) ?? []).filter((x) => x.purpose === 'vote' && !x.void);
    const latest = voteRounds[voteRounds.length - 1];
    const agg = aggregated.get(d.dossierId) as ReturnType<typeof scoreForVote>;
    return {
      dossierId: d.dossierId,
      packetNo: d.packetNo,
      name: d.name,
      employer: d.employer,
      specialty: d.specialty,
      level: d.level,
      regionCode: d.regionCode,
      standardId: d.standardId,
      commitmentSigned: d.commitmentSigned === 1,
      passed: !!latest?.passed && agg.goesToVote,
      agree: latest?.agree ?? 0,
      score: agg.score,
    };
  });

  // Tie-breaks in the order they happened: tie-break rounds (by close time) and the chair's decisions.
  const breaks: Array<{ at: string; b: TieBreak }> = [];
  for (const r of rounds) {
    if (r.purpose !== 'tiebreak' || r.status !== 'closed' || !r.quotaId) continue;
    breaks.push({
      at: r.closedAt ?? r.openedAt,
      b: {
        quotaId: r.quotaId,
        kind: 'revote',
        results: r.dossierIds.map((d) => {
          const x = (perDossier.get(d) ?? []).find((y) => y.roundId === r.id);
          return { dossierId: d, agree: x?.agree ?? 0, passed: x?.passed ?? false };
        }),
      },
    });
  }
  for (const d of listQuotaDecisions(ctx.db, sessionId)) breaks.push({ at: d.decidedAt, b: { quotaId: d.quotaId, kind: 'decision', chosen: d.chosen, reason: d.reason } });
  breaks.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));

  const q = applyQuotas(quotaRules(ctx, sessionId), facts, breaks.map((x) => x.b), m.maxRevotes);
  const outcome = new Map(q.outcomes.map((o) => [o.dossierId, o]));
  const presence = listPresence(ctx.db, sessionId);
  return {
    settings: { quorumBase: m.quorumBase, recusedCountInA: m.recusedCountInA, maxRevotes: m.maxRevotes },
    quorum: liveQuorum(ctx, sessionId, m),
    attendance: {
      members: listExperts(ctx.db, sessionId).length,
      present: presence.filter((p) => p.leftAt === null).length,
      late: presence.filter((p) => p.late).length,
      left: presence.filter((p) => p.leftAt !== null).length,
    },
    dossiers: facts.map((f) => {
      const agg = aggregated.get(f.dossierId) as ReturnType<typeof scoreForVote>;
      return {
        dossierId: f.dossierId,
        packetNo: f.packetNo,
        name: f.name,
        employer: f.employer,
        specialty: f.specialty,
        level: f.level,
        score: agg.score,
        scorers: agg.scorers,
        trimmed: agg.trimmed,
        goesToVote: agg.goesToVote,
        commitmentSigned: f.commitmentSigned,
        rounds: perDossier.get(f.dossierId) ?? [],
        outcome: outcome.get(f.dossierId) as DossierResult['outcome'],
      };
    }),
    quotas: q.results,
    ties: q.ties,
    flags: q.results.filter((r) => r.exceedsCandidates).map((r) => ({ code: 'QUOTA_EXCEEDS_CANDIDATES' as const, quotaId: r.quota.id, count: r.quota.count, inScope: r.inScope })),
    statements: statements(ctx, sessionId),
    rounds,
  };
}

function statements(ctx: Ctx, sessionId: string): MeetingResults['statements'] {
  return listStatements(ctx.db, sessionId).map(({ envelopeJson: _e, ...s }) => ({ ...s, fingerprint: fingerprintOf(s.keyid) }));
}

function refuseWhileOpen(ctx: Ctx, sessionId: string): void {
  const open = openRoundRow(ctx.db, sessionId);
  if (open) throw new AppError('RESULTS_HIDDEN', `round ${open.number} is still open`, { field: 'roundId', actual: open.id, round: open.number });
}

/** The results, once every round is closed (nobody sees a tally before it is announced). */
export function meetingResults(ctx: Ctx, a: { sessionId: string }): MeetingResults {
  requireMeeting(ctx, a.sessionId);
  refuseWhileOpen(ctx, a.sessionId);
  const { rounds: _r, ...view } = computeResults(ctx, a.sessionId);
  return view;
}

function requireTie(ctx: Ctx, sessionId: string, quotaId: string) {
  if (!quotaRules(ctx, sessionId).some((q) => q.id === quotaId)) throw new AppError('QUOTA_NOT_FOUND', `no quota ${quotaId}`, { field: 'quotaId', actual: quotaId });
  const tie = computeResults(ctx, sessionId).ties.find((t) => t.quotaId === quotaId);
  if (!tie) throw new AppError('QUOTA_NO_TIE', `no open tie at the cut line of ${quotaId}`, { field: 'quotaId', actual: quotaId });
  return tie;
}

/** A re-vote among the tied only, as a new round (allowed while re-votes remain). */
export function openTieBreakRound(ctx: Ctx, a: { sessionId: string; quotaId: string }): RoundSummary {
  requireMeeting(ctx, a.sessionId);
  presidingChair(ctx, a.sessionId);
  refuseWhileOpen(ctx, a.sessionId);
  const tie = requireTie(ctx, a.sessionId, a.quotaId);
  if (tie.next !== 'revote') {
    throw new AppError('QUOTA_DECISION_INVALID', 'the re-votes are used up: the chair decides with a reason', { field: 'quotaId', actual: a.quotaId, revotes: tie.revotesDone });
  }
  return openRound(ctx, { sessionId: a.sessionId }, { quotaId: a.quotaId, dossierIds: tie.dossierIds });
}

/** The chair's reasoned decision on a tie once the re-votes are used up: exactly the remaining seats, among the tied. */
export function decideQuotaTie(ctx: Ctx, a: { sessionId: string; quotaId: string; chosen: string[]; reason: string }): MeetingResults {
  requireMeeting(ctx, a.sessionId);
  const chair = presidingChair(ctx, a.sessionId);
  refuseWhileOpen(ctx, a.sessionId);
  const tie = requireTie(ctx, a.sessionId, a.quotaId);
  const chosen = [...new Set(a.chosen)];
  const wrong = chosen.find((d) => !tie.dossierIds.includes(d));
  if (tie.next !== 'decision' || chosen.length !== tie.seats || wrong) {
    throw new AppError('QUOTA_DECISION_INVALID', tie.next !== 'decision' ? 're-vote among the tied first' : `choose exactly ${tie.seats} of the tied`, {
      field: 'chosen',
      expected: String(tie.seats),
      actual: wrong ?? String(chosen.length),
      next: tie.next,
    });
  }
  const at = new Date().toISOString();
  inTransaction(ctx.db, () => {
    insertQuotaDecision(ctx.db, { sessionId: a.sessionId, quotaId: a.quotaId, chosen, reason: a.reason, decidedBy: chair, at });
    appendAudit(ctx.db, { sessionId: a.sessionId, actor: `chair:${chair}`, kind: 'quota.decided', payload: { quotaId: a.quotaId, tied: tie.dossierIds, chosen, reason: a.reason }, at });
  });
  return meetingResults(ctx, { sessionId: a.sessionId });
}

/**
 * The chair signs the results statement with the chair's own key: DSSE over the results, the rounds, the settings and
 * the audit head. Refused with a round open or a tie unresolved. A later signature is a correction: it needs a
 * reason, and the earlier versions stay.
 */
export function signResults(ctx: Ctx, a: { sessionId: string; passphrase: string; correctionReason?: string | undefined }) {
  requireMeeting(ctx, a.sessionId);
  const chair = presidingChair(ctx, a.sessionId);
  const open = openRoundRow(ctx.db, a.sessionId);
  if (open) throw new AppError('BALLOT_ROUND_OPEN', `round ${open.number} is still open`, { field: 'roundId', actual: open.id, round: open.number });
  const r = computeResults(ctx, a.sessionId);
  const tie = r.ties[0];
  if (tie) throw new AppError('QUOTA_TIE_UNRESOLVED', `a tie at the cut line of ${tie.quotaId} is open`, { field: 'quotaId', actual: tie.quotaId, count: tie.dossierIds.length });
  // 计票结果报告单 first: the teller and the scrutineer have both signed the counts as they are now.
  const counts = requireCoSignedCounts(ctx, a.sessionId);
  const earlier = listStatements(ctx.db, a.sessionId);
  if (earlier.length > 0 && !a.correctionReason) {
    throw new AppError('RESULTS_SIGNED', 'the results are signed; a correction needs a reason', { field: 'correctionReason', version: earlier.length });
  }
  const { secretKey, key } = unlockSecretKey(ctx, a.sessionId, chair, a.passphrase);
  try {
    const at = new Date().toISOString();
    const version = earlier.length + 1;
    return inTransaction(ctx.db, () => {
      const payload = {
        type: 'paneldesk.results/v1',
        sessionId: a.sessionId,
        version,
        chairId: chair,
        keyid: key.keyid,
        settings: r.settings,
        attendance: r.attendance,
        rounds: r.rounds.map(({ id, number, purpose, kind, quotaId, status, voidReason, dossierIds, roll, voted }) => ({ id, number, purpose, kind, quotaId, status, voidReason, dossierIds, roll: roll.length, voted: voted.length })),
        dossiers: r.dossiers.map((d) => ({
          dossierId: d.dossierId,
          score: d.score,
          rounds: d.rounds.map(({ roundId, agree, disagree, abstain, invalid, issued, returned, valid, eligible, passed, void: v }) => ({ roundId, agree, disagree, abstain, invalid, issued, returned, valid, eligible, passed, void: v })),
          quota: d.outcome.quota,
          cutBy: d.outcome.cutBy,
          decision: d.outcome.decision,
        })),
        quotaDecisions: listQuotaDecisions(ctx.db, a.sessionId),
        countsSha256: counts.countsSha256,
        correctionReason: a.correctionReason ?? null,
        previous: earlier.at(-1)?.payloadSha256 ?? null,
        auditHead: auditHead(ctx.db).hash,
        signedAt: at,
      };
      const body = canonicalize(payload) ?? '';
      const envelope = signDsse(RESULTS_PAYLOAD_TYPE, utf8Encode(body), secretKey);
      const payloadSha256 = createHash('sha256').update(body).digest('hex');
      insertStatement(ctx.db, a.sessionId, { version, signedBy: chair, keyid: key.keyid, payloadSha256, correctionReason: a.correctionReason ?? null, signedAt: at, envelopeJson: JSON.stringify(envelope) });
      appendAudit(ctx.db, { sessionId: a.sessionId, actor: `chair:${chair}`, kind: 'results.signed', payload: { version, keyid: key.keyid, payloadSha256, correctionReason: a.correctionReason ?? null }, at });
      return { version, keyid: key.keyid, fingerprint: fingerprintOf(key.keyid), payloadSha256, signedAt: at, envelope };
    });
  } finally {
    secretKey.fill(0);
  }
}
