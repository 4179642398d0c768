// 计票结果报告单 (issue 9 item 5): once the rounds are closed, the teller and the scrutineer each sign, with their own
// key and passphrase, a statement over every closed round's counts. The chair's results statement needs both
// signatures over the counts as they are now; a round closed later (a re-vote) needs both to sign again.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { signDsse } from '../../../shared/crypto/dsse';
import { fingerprintOf } from '../../../shared/crypto/keyid';
import { AppError } from '../../../shared/errors';
import { COUNTS_PAYLOAD_TYPE, type CountReport } from '../../../shared/meeting-types';
import { utf8Encode } from '../../../shared/text';
import { inTransaction } from '../db/connection';
import { appendAudit, auditHead } from '../db/queries/audit';
import { listRounds, openRoundRow } from '../db/queries/ballots';
import { insertCountSignature, listCountSignatures } from '../db/queries/count-signatures';
import type { Ctx } from '../context';
import { computeTally } from './ballots';
import { unlockSecretKey } from './identity';
import { requireMeeting, requireMember } from './meeting';

/** The counts of every closed (or void) round and the officers' signatures over them. */
export function countReport(ctx: Ctx, a: { sessionId: string }): CountReport {
  const m = requireMeeting(ctx, a.sessionId);
  const rounds: CountReport['rounds'] = listRounds(ctx.db, a.sessionId)
    .filter((r) => r.status !== 'open')
    .map((r) => ({
      roundId: r.id,
      number: r.number,
      kind: r.kind,
      status: r.status as 'closed' | 'void',
      voidReason: r.voidReason,
      counts: computeTally(ctx, a.sessionId, r).results.map(({ dossierId, issued, returned, valid, invalid, agree, disagree, abstain }) => ({
        dossierId,
        issued,
        returned,
        valid,
        invalid,
        agree,
        disagree,
        abstain,
      })),
    }));
  const countsSha256 = createHash('sha256').update(canonicalize(rounds) ?? '').digest('hex');
  const officerOf = { teller: m.tellerId, scrutineer: m.scrutineerId };
  const names = new Map<string, string>();
  const signatures = listCountSignatures(ctx.db, a.sessionId).map((s) => {
    if (!names.has(s.expertId)) names.set(s.expertId, requireMember(ctx, a.sessionId, s.expertId).name);
    return {
      officer: s.officer,
      expertId: s.expertId,
      name: names.get(s.expertId) as string,
      fingerprint: fingerprintOf(s.keyid),
      countsSha256: s.countsSha256,
      signedAt: s.signedAt,
      current: s.countsSha256 === countsSha256 && officerOf[s.officer] === s.expertId,
    };
  });
  const signed = (o: 'teller' | 'scrutineer') => signatures.some((s) => s.officer === o && s.current);
  return {
    rounds,
    countsSha256,
    tellerId: m.tellerId,
    scrutineerId: m.scrutineerId,
    signatures,
    complete: rounds.length > 0 && !openRoundRow(ctx.db, a.sessionId) && signed('teller') && signed('scrutineer'),
  };
}

/**
 * The teller or the scrutineer signs the counts with their own key (DSSE over the counts, their hash and the audit
 * head). Refused for anyone else (COUNTS_NOT_OFFICER), with a round still open (BALLOT_ROUND_OPEN), before any round
 * closed, and twice over the same counts.
 */
export function coSignCounts(ctx: Ctx, a: { sessionId: string; expertId: string; passphrase: string }): CountReport {
  const m = requireMeeting(ctx, a.sessionId);
  const e = requireMember(ctx, a.sessionId, a.expertId);
  const officer = a.expertId === m.tellerId ? 'teller' : a.expertId === m.scrutineerId ? 'scrutineer' : null;
  if (!officer) throw new AppError('COUNTS_NOT_OFFICER', `${e.name} is neither teller nor scrutineer`, { field: 'expertId', actual: a.expertId, expertName: e.name });
  const open = openRoundRow(ctx.db, a.sessionId);
  if (open) throw new AppError('BALLOT_ROUND_OPEN', `round ${open.number} is still open`, { field: 'roundId', actual: open.id, round: open.number });
  const report = countReport(ctx, a);
  if (report.rounds.length === 0) throw new AppError('COUNTS_NOTHING_TO_SIGN', 'no round has closed yet', { field: 'sessionId' });
  if (report.signatures.some((s) => s.current && s.officer === officer)) {
    throw new AppError('COUNTS_ALREADY_SIGNED', `${e.name} has signed these counts`, { field: 'expertId', expertName: e.name });
  }
  const { secretKey, key } = unlockSecretKey(ctx, a.sessionId, a.expertId, a.passphrase);
  try {
    const at = new Date().toISOString();
    inTransaction(ctx.db, () => {
      const payload = {
        type: 'paneldesk.counts/v1',
        sessionId: a.sessionId,
        officer,
        expertId: a.expertId,
        keyid: key.keyid,
        rounds: report.rounds,
        countsSha256: report.countsSha256,
        auditHead: auditHead(ctx.db).hash,
        signedAt: at,
      };
      const envelope = signDsse(COUNTS_PAYLOAD_TYPE, utf8Encode(canonicalize(payload) ?? ''), secretKey);
      insertCountSignature(ctx.db, a.sessionId, { officer, expertId: a.expertId, keyid: key.keyid, countsSha256: report.countsSha256, signedAt: at, envelopeJson: JSON.stringify(envelope) });
      appendAudit(ctx.db, { sessionId: a.sessionId, actor: `expert:${a.expertId}`, kind: 'ballot.counts_signed', payload: { officer, expertId: a.expertId, keyid: key.keyid, countsSha256: report.countsSha256 }, at });
    });
  } finally {
    secretKey.fill(0);
  }
  return countReport(ctx, a);
}

/** The chair's statement needs both officers' signatures over the counts as they are now. */
export function requireCoSignedCounts(ctx: Ctx, sessionId: string): CountReport {
  const report = countReport(ctx, { sessionId });
  if (!report.complete) {
    const missing = (['teller', 'scrutineer'] as const).filter((o) => !report.signatures.some((s) => s.officer === o && s.current));
    throw new AppError('COUNTS_NOT_COSIGNED', `the counts lack the signature of the ${missing.join(' and ')}`, { field: 'sessionId', missing: missing.join(',') });
  }
  return report;
}
