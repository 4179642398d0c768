// The committee meeting through the contract, on the demo session (25 members, quorum 17): check-in with a late
// arrival, commitments, an electronic round with every refusal of the "bad input" list, the tally with
// trackers, a quota tie at the cut line resolved by a re-vote among the tied, and the chair's signed results.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { BackendHost } from '../../../electron/backend/host-types';
import type { MethodName } from '../../../shared/contract';
import type { Choice } from '../../../shared/domain/ballots';
import { enrol, err, ok, openHost } from '../../fixtures/demo-host';
import { tmpDir } from '../../fixtures/tmp';

const PASS = 'meeting pass 1';

async function setup() {
  const dir = tmpDir('pd-meeting-');
  const host = openHost(dir);
  const { sessionId } = await ok(host, 'openDemo', {});
  const experts = await ok(host, 'listExperts', { sessionId });
  const chair = experts.find((e) => e.role === 'chair')!;
  const members = experts.filter((e) => e.role !== 'chair');
  // The 网络营销 dossiers (quota q-specialty-wlyx: 5 of 10).
  const marketing = (await ok(host, 'listDossiers', { sessionId, specialty: '网络营销' })).rows.map((r) => r.id);
  expect(marketing).toHaveLength(10);
  // One expert recused from the last 网络营销 dossier.
  const recusedExpert = members[0]!;
  await ok(host, 'declareConflict', { sessionId, expertId: recusedExpert.id, dossierId: marketing[9], reason: '近亲属关系' });
  for (const e of [chair, ...members.slice(0, 18)]) await enrol(host, sessionId, e.id, PASS);
  return { dir, host, sessionId, chair, members, marketing, recusedExpert };
}

const code = async (host: BackendHost, m: MethodName, input: unknown) => (await err(host, m, input)).code;

describe('the committee meeting through the contract', () => {
  it('runs a meeting: quorum, late arrival, commitments, ballots, refusals, tally, quota tie, re-vote and signed results', { timeout: 60_000 }, async () => {
    const { dir, host, sessionId, chair, members, marketing, recusedExpert } = await setup();
    // Only the chair opens the meeting.
    expect(await code(host, 'openMeeting', { sessionId })).toBe('CONTRACT_FORBIDDEN');
    await ok(host, 'signIn', { sessionId, expertId: chair.id, passphrase: PASS, as: 'chair' });

    // 16 check in before the meeting opens (one short of the quorum of 17), the chair among them.
    const early = [chair, ...members.slice(0, 15)];
    for (const e of early) await ok(host, 'checkIn', { sessionId, expertId: e.id, passphrase: PASS });
    expect(await code(host, 'checkIn', { sessionId, expertId: chair.id, passphrase: PASS })).toBe('MEETING_ALREADY_PRESENT');
    expect((await err(host, 'checkIn', { sessionId, expertId: members[16]!.id, passphrase: 'wrong one' })).code).toBe('AUTH_BAD_PASSPHRASE');
    let view = await ok(host, 'openMeeting', { sessionId });
    expect(view.settings).toEqual({ quorumBase: 'all_members', recusedCountInA: false, maxRevotes: 1 });
    expect(view.quorum).toMatchObject({ n: 25, needed: 17, present: 16, met: false, shortBy: 1 });
    expect(await code(host, 'openMeeting', { sessionId })).toBe('MEETING_ALREADY_OPEN');

    // Opening a ballot without quorum is refused; nothing is recorded.
    const noQuorum = await err(host, 'openBallotRound', { sessionId, dossierIds: marketing });
    expect(noQuorum).toMatchObject({ code: 'MEETING_NO_QUORUM', details: { expected: '17', actual: '16', shortBy: 1 } });
    expect((await ok(host, 'getMeeting', { sessionId })).rounds).toEqual([]);

    // A late arrival (after the meeting opened) is recorded as late, with the time; the quorum follows.
    const late17 = members[15]!;
    view = await ok(host, 'checkIn', { sessionId, expertId: late17.id, passphrase: PASS });
    expect(view.quorum).toMatchObject({ present: 17, met: true });
    expect(view.experts.find((e) => e.expertId === late17.id)).toMatchObject({ present: true, late: true });
    expect(view.experts.find((e) => e.expertId === chair.id)).toMatchObject({ present: true, late: false });

    // Officers: two different experts, present.
    expect(await code(host, 'designateOfficers', { sessionId, tellerId: members[1]!.id, scrutineerId: members[1]!.id })).toBe('MEETING_OFFICERS_INVALID');
    expect(await code(host, 'designateOfficers', { sessionId, tellerId: members[1]!.id, scrutineerId: members[20]!.id })).toBe('MEETING_NOT_PRESENT');
    view = await ok(host, 'designateOfficers', { sessionId, tellerId: members[1]!.id, scrutineerId: members[2]!.id });
    expect([view.tellerId, view.scrutineerId]).toEqual([members[1]!.id, members[2]!.id]);

    // Commitments, signed with each expert's own key; one is left unsigned for now.
    const onRoll = [...early, late17];
    const unsigned = members[3]!;
    for (const e of onRoll) if (e.id !== unsigned.id) await ok(host, 'signCommitment', { sessionId, expertId: e.id, passphrase: PASS });
    expect(await code(host, 'signCommitment', { sessionId, expertId: chair.id, passphrase: PASS })).toBe('MEETING_COMMITMENT_SIGNED');
    view = await ok(host, 'getMeeting', { sessionId });
    expect(view.experts.filter((e) => e.commitmentSignedAt !== null)).toHaveLength(16);

    // Round 1 over the ten 网络营销 dossiers.
    const r1 = await ok(host, 'openBallotRound', { sessionId, dossierIds: marketing });
    expect(r1).toMatchObject({ number: 1, status: 'open', purpose: 'vote' });
    expect(r1.roll).toHaveLength(17);
    expect(await code(host, 'openBallotRound', { sessionId, dossierIds: marketing })).toBe('BALLOT_ROUND_OPEN');

    // An 18th expert arrives after the round opened: no vote in it (no late votes); an absent one neither.
    const late18 = members[16]!;
    await ok(host, 'checkIn', { sessionId, expertId: late18.id, passphrase: PASS });
    await ok(host, 'signCommitment', { sessionId, expertId: late18.id, passphrase: PASS });
    const allAgree = (ids: readonly string[]) => ids.map((dossierId) => ({ dossierId, choice: 'agree' as Choice }));
    // Six pass with every vote; four fail.
    const choicesFor = (exclude?: string) =>
      marketing.filter((d) => d !== exclude).map((dossierId, i) => ({ dossierId, choice: (marketing.indexOf(dossierId) < 6 ? 'agree' : i % 2 ? 'disagree' : 'abstain') as Choice }));
    const cast = (expertId: string, choices: Array<{ dossierId: string; choice: Choice }>, roundId = r1.id) =>
      host.invoke('castBallot', { sessionId, roundId, expertId, passphrase: PASS, choices });
    expect(await code(host, 'castBallot', { sessionId, roundId: r1.id, expertId: late18.id, passphrase: PASS, choices: choicesFor() })).toBe('BALLOT_NOT_ON_ROLL');
    expect(await code(host, 'castBallot', { sessionId, roundId: r1.id, expertId: members[22]!.id, passphrase: PASS, choices: choicesFor() })).toBe('BALLOT_NOT_ON_ROLL');
    // The recused expert can't vote on the dossier they stepped aside from.
    const recusedErr = await err(host, 'castBallot', { sessionId, roundId: r1.id, expertId: recusedExpert.id, passphrase: PASS, choices: choicesFor() });
    expect(recusedErr).toMatchObject({ code: 'BALLOT_RECUSED', details: { dossierId: marketing[9] } });
    // An incomplete ballot is refused; so is a vote without a signed commitment.
    expect(await code(host, 'castBallot', { sessionId, roundId: r1.id, expertId: chair.id, passphrase: PASS, choices: allAgree(marketing.slice(0, 3)) })).toBe('BALLOT_INCOMPLETE');
    expect(await code(host, 'castBallot', { sessionId, roundId: r1.id, expertId: unsigned.id, passphrase: PASS, choices: choicesFor() })).toBe('MEETING_COMMITMENT_MISSING');
    // Nothing of those refusals was recorded.
    expect((await ok(host, 'getMeeting', { sessionId })).rounds[0]!.voted).toEqual([]);

    // The voting screen lists the round's dossiers for the voter, minus the recused one.
    expect((await ok(host, 'getBallotSheet', { sessionId, expertId: recusedExpert.id })).dossiers.map((d) => d.dossierId)).toEqual(marketing.filter((d) => d !== marketing[9]));
    expect(await code(host, 'getBallotSheet', { sessionId, expertId: late18.id })).toBe('BALLOT_NOT_ON_ROLL');

    const trackers = new Map<string, string>();
    const voters = onRoll.filter((e) => e.id !== unsigned.id);
    for (const [i, e] of voters.entries()) {
      const r = await cast(e.id, choicesFor(e.id === recusedExpert.id ? marketing[9] : undefined));
      if (!r.ok) throw new Error(r.error.code);
      trackers.set(e.id, (r.value as { tracker: string }).tracker);
      expect((r.value as { roundClosed: boolean }).roundClosed).toBe(false);
      if (i === 0) {
        // A second vote in the same round is refused; results stay hidden; signing is refused while it is open.
        expect(await code(host, 'castBallot', { sessionId, roundId: r1.id, expertId: e.id, passphrase: PASS, choices: choicesFor() })).toBe('BALLOT_ALREADY_VOTED');
        expect(await code(host, 'getMeetingResults', { sessionId })).toBe('RESULTS_HIDDEN');
        expect(await code(host, 'getRoundTally', { sessionId, roundId: r1.id })).toBe('RESULTS_HIDDEN');
        expect(await code(host, 'signResults', { sessionId, passphrase: PASS })).toBe('BALLOT_ROUND_OPEN');
      }
    }
    // Who has voted, never how.
    view = await ok(host, 'getMeeting', { sessionId });
    expect(view.rounds[0]!.voted).toHaveLength(16);
    expect(JSON.stringify(view.rounds[0])).not.toMatch(/agree|abstain/);
    // The last voter signs the commitment and votes; that closes the round.
    await ok(host, 'signCommitment', { sessionId, expertId: unsigned.id, passphrase: PASS });
    const last = await cast(unsigned.id, choicesFor());
    expect(last.ok && (last.value as { roundClosed: boolean }).roundClosed).toBe(true);
    // A vote after closing is refused.
    expect(await code(host, 'castBallot', { sessionId, roundId: r1.id, expertId: late18.id, passphrase: PASS, choices: choicesFor() })).toBe('BALLOT_ROUND_CLOSED');
    expect(await code(host, 'closeBallotRound', { sessionId, roundId: r1.id })).toBe('BALLOT_ROUND_CLOSED');

    // The tally: reconciled counts; A = 17 (16 for the dossier with a recusal); every tracker with its choices.
    const t1 = await ok(host, 'getRoundTally', { sessionId, roundId: r1.id });
    expect(t1.results[0]).toMatchObject({ eligible: 17, needed: 12, issued: 17, returned: 17, valid: 17, invalid: 0, agree: 17, passed: true, void: false });
    expect(t1.results[9]).toMatchObject({ eligible: 16, recused: 1, issued: 16, returned: 16, agree: 0, passed: false });
    expect(t1.trackers).toHaveLength(17);
    const mine = t1.trackers.find((x) => x.tracker === trackers.get(chair.id));
    expect(mine?.choices).toHaveLength(10);
    expect(mine?.choices.slice(0, 6).every((c) => c.choice === 'agree')).toBe(true);

    // Six passed for five seats of the 网络营销 quota, all tied (17 agree, no score): a tie at the cut line.
    let res = await ok(host, 'getMeetingResults', { sessionId });
    expect(res.ties).toEqual([{ quotaId: 'q-specialty-wlyx', dossierIds: [...marketing.slice(0, 6)].sort(), seats: 5, revotesDone: 0, next: 'revote' }]);
    expect(res.dossiers.find((d) => d.dossierId === marketing[0])?.outcome).toMatchObject({ passedVote: true, decision: 'pending', quota: 'tie_pending' });
    expect(res.dossiers.find((d) => d.dossierId === marketing[7])?.outcome).toMatchObject({ passedVote: false, decision: 'not_passed' });
    expect(res.attendance).toEqual({ members: 25, present: 18, late: 2, left: 0 });
    // An unresolved tie blocks the signature; the chair may not decide before the re-vote.
    expect(await code(host, 'signResults', { sessionId, passphrase: PASS })).toBe('QUOTA_TIE_UNRESOLVED');
    expect(await code(host, 'decideQuotaTie', { sessionId, quotaId: 'q-specialty-wlyx', chosen: marketing.slice(0, 5), reason: '业绩' })).toBe('QUOTA_DECISION_INVALID');
    expect(await code(host, 'openTieBreakRound', { sessionId, quotaId: 'q-nope' })).toBe('QUOTA_NOT_FOUND');

    // The re-vote among the tied only, as a new round; the late arrival now votes too (18 on the roll).
    const r2 = await ok(host, 'openTieBreakRound', { sessionId, quotaId: 'q-specialty-wlyx' });
    expect(r2).toMatchObject({ number: 2, purpose: 'tiebreak', quotaId: 'q-specialty-wlyx' });
    expect(r2.dossierIds.sort()).toEqual([...marketing.slice(0, 6)].sort());
    expect(r2.roll).toHaveLength(18);
    for (const [i, e] of [...voters, unsigned, late18].entries()) {
      const r = await cast(
        e.id,
        r2.dossierIds.map((dossierId) => ({ dossierId, choice: (dossierId === marketing[5] && i < 3 ? 'disagree' : 'agree') as Choice })),
        r2.id,
      );
      if (!r.ok) throw new Error(r.error.code);
    }
    res = await ok(host, 'getMeetingResults', { sessionId });
    expect(res.ties).toEqual([]);
    const outcome = (d: string) => res.dossiers.find((x) => x.dossierId === d)?.outcome;
    for (const d of marketing.slice(0, 5)) expect(outcome(d)).toMatchObject({ decision: 'passed', quota: 'within' });
    expect(outcome(marketing[5]!)).toMatchObject({ passedVote: true, decision: 'not_passed', quota: 'cut', cutBy: { quotaId: 'q-specialty-wlyx', reason: 'REVOTE_RANK' } });
    expect(res.dossiers.find((d) => d.dossierId === marketing[0])?.rounds.map((r) => [r.number, r.agree])).toEqual([[1, 17], [2, 18]]);

    // An early departure is recorded with the time; the live quorum follows.
    view = await ok(host, 'checkOut', { sessionId, expertId: late18.id });
    expect(view.quorum).toMatchObject({ present: 17, met: true });
    expect(view.experts.find((e) => e.expertId === late18.id)?.leftAt).not.toBeNull();
    expect(await code(host, 'checkOut', { sessionId, expertId: late18.id })).toBe('MEETING_NOT_PRESENT');

    // The chair signs only once the teller and the scrutineer have co-signed the counts (计票结果报告单).
    expect(await err(host, 'signResults', { sessionId, passphrase: PASS })).toMatchObject({ code: 'COUNTS_NOT_COSIGNED', details: { missing: 'teller,scrutineer' } });
    await ok(host, 'coSignCounts', { sessionId, expertId: members[1]!.id, passphrase: PASS });
    await ok(host, 'coSignCounts', { sessionId, expertId: members[2]!.id, passphrase: PASS });
    // The chair signs; a second signature needs a reason and keeps the first.
    const s1 = await ok(host, 'signResults', { sessionId, passphrase: PASS });
    expect(s1).toMatchObject({ version: 1 });
    expect(await code(host, 'signResults', { sessionId, passphrase: PASS })).toBe('RESULTS_SIGNED');
    const s2 = await ok(host, 'signResults', { sessionId, passphrase: PASS, correctionReason: '更正笔误' });
    expect(s2.version).toBe(2);
    expect((await ok(host, 'getMeetingResults', { sessionId })).statements.map((s) => [s.version, s.correctionReason])).toEqual([
      [1, null],
      [2, '更正笔误'],
    ]);

    // The audit log says that ballots were cast, never which.
    const audit = await ok(host, 'checkAuditAnchors', { sessionId });
    expect(audit.ok).toBe(true);
    const castEntries = (await ok(host, 'listAuditEvents', { sessionId, kinds: ['ballot.cast'] })).rows;
    expect(castEntries.length).toBeGreaterThan(0);
    expect(JSON.stringify(castEntries)).not.toMatch(/"(agree|disagree|abstain)"|ballotId/);
    host.close();

    // Storage: no voter and no time on a ballot; closed rounds, ballots and statements refuse changes (triggers).
    const db = new Database(path.join(dir, 'paneldesk.sqlite'));
    try {
      const cols = (db.prepare('PRAGMA table_info(ballot)').all() as Array<{ name: string }>).map((c) => c.name);
      expect(cols).toEqual(['session_id', 'round_id', 'ballot_id', 'tracker', 'dossier_id', 'choice']);
      // WITHOUT ROWID: rows are stored in random-id order, with no insertion counter to sort by.
      expect(() => db.prepare('SELECT rowid FROM ballot').all()).toThrow(/rowid/);
      const casts = db.prepare("SELECT payload_json AS p FROM audit_log WHERE kind = 'ballot.cast'").all() as Array<{ p: string }>;
      expect(casts).toHaveLength(35);
      for (const c of casts) expect(c.p).not.toMatch(/agree|disagree|abstain|tracker|ballot_?id/i);
      expect(() => db.prepare("UPDATE ballot_round SET status = 'open' WHERE id = ?").run(r1.id)).toThrow(/immutable/);
      expect(() => db.prepare("UPDATE ballot SET choice = 'agree'").run()).toThrow(/never changed/);
      expect(() => db.prepare('DELETE FROM ballot').run()).toThrow(/never deleted/);
      expect(() => db.prepare("INSERT INTO ballot VALUES (?, ?, ?, 'X', ?, 'agree')").run(sessionId, r1.id, 'f'.repeat(32), marketing[0])).toThrow(/not open/);
      expect(() => db.prepare("UPDATE results_statement SET correction_reason = 'x'").run()).toThrow(/never changed/);
    } finally {
      db.close();
    }
  });

  it('the chair closes a round early: missing ballots count against', { timeout: 30_000 }, async () => {
    const { host, sessionId, chair, members, marketing } = await setup();
    await ok(host, 'signIn', { sessionId, expertId: chair.id, passphrase: PASS, as: 'chair' });
    const here = [chair, ...members.slice(0, 17)];
    for (const e of here) await ok(host, 'checkIn', { sessionId, expertId: e.id, passphrase: PASS });
    await ok(host, 'openMeeting', { sessionId, recusedCountInA: true });
    for (const e of here) await ok(host, 'signCommitment', { sessionId, expertId: e.id, passphrase: PASS });
    const r = await ok(host, 'openBallotRound', { sessionId, dossierIds: [marketing[0]!] });
    // 12 of 18 agree is exactly two thirds: passes; the 6 who did not vote count against but cannot stop it.
    for (const e of here.slice(0, 12)) await ok(host, 'castBallot', { sessionId, roundId: r.id, expertId: e.id, passphrase: PASS, choices: [{ dossierId: marketing[0], choice: 'agree' }] });
    const closed = await ok(host, 'closeBallotRound', { sessionId, roundId: r.id });
    expect(closed.status).toBe('closed');
    const t = await ok(host, 'getRoundTally', { sessionId, roundId: r.id });
    expect(t.results[0]).toMatchObject({ eligible: 18, needed: 12, issued: 18, returned: 12, agree: 12, passed: true });
    // One short of two thirds fails: a re-vote (a new round) on the same dossier, 11 agree.
    const r2 = await ok(host, 'openBallotRound', { sessionId, dossierIds: [marketing[0]!] });
    for (const e of here.slice(0, 11)) await ok(host, 'castBallot', { sessionId, roundId: r2.id, expertId: e.id, passphrase: PASS, choices: [{ dossierId: marketing[0], choice: 'agree' }] });
    await ok(host, 'closeBallotRound', { sessionId, roundId: r2.id });
    const res = await ok(host, 'getMeetingResults', { sessionId });
    const d = res.dossiers.find((x) => x.dossierId === marketing[0])!;
    // Both rounds stay in the record; the latest decides.
    expect(d.rounds.map((x) => [x.number, x.agree, x.passed])).toEqual([
      [1, 12, true],
      [2, 11, false],
    ]);
    expect(d.outcome.decision).toBe('not_passed');
    expect(res.settings.recusedCountInA).toBe(true);
    host.close();
  });

  it('paper round: blind double entry catches a mistyped count; self-confirmation, excess and unbalanced counts are refused; more returned than issued voids', { timeout: 30_000 }, async () => {
    const { host, sessionId, chair, members, marketing } = await setup();
    await ok(host, 'signIn', { sessionId, expertId: chair.id, passphrase: PASS, as: 'chair' });
    const here = [chair, ...members.slice(0, 17)];
    for (const e of here) await ok(host, 'checkIn', { sessionId, expertId: e.id, passphrase: PASS });
    await ok(host, 'openMeeting', { sessionId });
    const teller = members[1]!;
    const scrutineer = members[2]!;
    await ok(host, 'designateOfficers', { sessionId, tellerId: teller.id, scrutineerId: scrutineer.id });
    for (const e of here) await ok(host, 'signCommitment', { sessionId, expertId: e.id, passphrase: PASS });
    const r = await ok(host, 'openBallotRound', { sessionId, dossierIds: marketing.slice(0, 2), paper: true });
    expect(r).toMatchObject({ kind: 'paper', status: 'open' });
    // Paper rounds take no electronic ballot and close only on confirmed counts.
    expect(await code(host, 'castBallot', { sessionId, roundId: r.id, expertId: chair.id, passphrase: PASS, choices: [{ dossierId: marketing[0], choice: 'agree' }, { dossierId: marketing[1], choice: 'agree' }] })).toBe('BALLOT_PAPER_ROUND');
    expect(await code(host, 'closeBallotRound', { sessionId, roundId: r.id })).toBe('PAPER_NOT_CONFIRMED');

    // 18 present, nobody recused from these two: 18 issued at most.
    const good = [
      { dossierId: marketing[0]!, issued: 18, returned: 18, valid: 17, invalid: 1, agree: 14, disagree: 2, abstain: 1 },
      { dossierId: marketing[1]!, issued: 18, returned: 17, valid: 17, invalid: 0, agree: 11, disagree: 4, abstain: 2 },
    ];
    const enter = (entrantId: string, counts: unknown, roundId = r.id) => host.invoke('enterPaperCounts', { sessionId, roundId, entrantId, passphrase: PASS, counts });
    const refused = async (entrantId: string, counts: unknown) => {
      const x = await enter(entrantId, counts);
      return x.ok ? null : x.error;
    };
    expect((await refused(members[5]!.id, good))?.code).toBe('PAPER_NOT_OFFICER');
    expect(await refused(teller.id, [good[0], { ...good[1], issued: 19, returned: 19, valid: 19, agree: 13 }])).toMatchObject({
      code: 'PAPER_COUNTS_EXCEED_PRESENT',
      details: { dossierId: marketing[1], expected: '18', actual: '19' },
    });
    expect(await refused(teller.id, [{ ...good[0], invalid: 2 }, good[1]])).toMatchObject({ code: 'RECONCILE_MISMATCH', details: { dossierId: marketing[0], reason: 'RETURNED_MISMATCH' } });
    expect(await refused(teller.id, [{ ...good[0], agree: 15 }, good[1]])).toMatchObject({ code: 'RECONCILE_MISMATCH', details: { reason: 'VALID_MISMATCH' } });
    expect((await refused(teller.id, [good[0]]))?.code).toBe('BALLOT_INCOMPLETE');

    // The teller enters; the teller cannot confirm it.
    const first = await ok(host, 'enterPaperCounts', { sessionId, roundId: r.id, entrantId: teller.id, passphrase: PASS, counts: good });
    expect(first).toMatchObject({ accepted: false, status: 'open', diff: [], confirmedBy: null });
    expect((await refused(teller.id, good))?.code).toBe('PAPER_SELF_CONFIRM');
    // Nothing of the first entry shows before the second (blind): the round summary carries no counts.
    expect(JSON.stringify((await ok(host, 'getMeeting', { sessionId })).rounds[0])).not.toContain('"agree"');
    // The scrutineer mistypes one count: a field-level diff, and the round stays open.
    const typo = [{ ...good[0], agree: 13, disagree: 3 }, good[1]];
    const second = await ok(host, 'enterPaperCounts', { sessionId, roundId: r.id, entrantId: scrutineer.id, passphrase: PASS, counts: typo });
    expect(second.accepted).toBe(false);
    expect(second.diff).toEqual([
      { dossierId: marketing[0], field: 'agree', values: [14, 13] },
      { dossierId: marketing[0], field: 'disagree', values: [2, 3] },
    ]);
    // After the recount the scrutineer's entry matches: accepted, recorded who entered and who confirmed.
    const third = await ok(host, 'enterPaperCounts', { sessionId, roundId: r.id, entrantId: scrutineer.id, passphrase: PASS, counts: good });
    expect(third).toMatchObject({ accepted: true, status: 'closed', enteredBy: teller.id, confirmedBy: scrutineer.id });
    const t = await ok(host, 'getRoundTally', { sessionId, roundId: r.id });
    expect(t.results.map((x) => [x.agree, x.invalid, x.returned, x.passed])).toEqual([
      [14, 1, 18, true],
      [11, 0, 17, false],
    ]);
    expect(t.trackers).toEqual([]);
    expect((await refused(teller.id, good))?.code).toBe('BALLOT_ROUND_CLOSED');

    // More returned than issued, entered alike by both: the round is void with a coded reason and decides nothing.
    const r2 = await ok(host, 'openBallotRound', { sessionId, dossierIds: [marketing[2]!], paper: true });
    const over = [{ dossierId: marketing[2]!, issued: 17, returned: 18, valid: 18, invalid: 0, agree: 18, disagree: 0, abstain: 0 }];
    await ok(host, 'enterPaperCounts', { sessionId, roundId: r2.id, entrantId: scrutineer.id, passphrase: PASS, counts: over });
    const v = await ok(host, 'enterPaperCounts', { sessionId, roundId: r2.id, entrantId: teller.id, passphrase: PASS, counts: over });
    expect(v).toMatchObject({ accepted: true, status: 'void' });
    const rounds = (await ok(host, 'getMeeting', { sessionId })).rounds;
    expect(rounds[1]).toMatchObject({ status: 'void', voidReason: 'RETURNED_EXCEEDS_ISSUED' });
    const res = await ok(host, 'getMeetingResults', { sessionId });
    expect(res.dossiers.find((d) => d.dossierId === marketing[2])?.outcome.passedVote).toBe(false);
    expect(res.dossiers.find((d) => d.dossierId === marketing[0])?.outcome.passedVote).toBe(true);
    host.close();
  });
});
