// The meeting's open points through the contract, on the demo session (quorum 17): paper ballots entered ballot by
// ballot and confirmed blind (self-confirmation, too many ballots, a mistyped ballot), the chair's arbitration of two
// entries that differ, and the teller's and the scrutineer's co-signed counts (计票结果报告单) before the chair signs.
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { PaperMark } from '../../../shared/domain/paper-ballots';
import { enrol, err, ok, openHost } from '../../fixtures/demo-host';
import { tmpDir } from '../../fixtures/tmp';

const PASS = 'meeting pass 2';

async function meeting() {
  const dir = tmpDir('pd-meeting-counts-');
  const host = openHost(dir);
  const { sessionId } = await ok(host, 'openDemo', {});
  const experts = await ok(host, 'listExperts', { sessionId });
  const chair = experts.find((e) => e.role === 'chair')!;
  const members = experts.filter((e) => e.role !== 'chair');
  const marketing = (await ok(host, 'listDossiers', { sessionId, specialty: '网络营销' })).rows.map((r) => r.id);
  const here = [chair, ...members.slice(0, 17)];
  for (const e of here) await enrol(host, sessionId, e.id, PASS);
  await ok(host, 'signIn', { sessionId, expertId: chair.id, passphrase: PASS, as: 'chair' });
  for (const e of here) await ok(host, 'checkIn', { sessionId, expertId: e.id, passphrase: PASS });
  await ok(host, 'openMeeting', { sessionId });
  const [teller, scrutineer, other] = [members[1]!, members[2]!, members[3]!];
  await ok(host, 'designateOfficers', { sessionId, tellerId: teller.id, scrutineerId: scrutineer.id });
  for (const e of here) await ok(host, 'signCommitment', { sessionId, expertId: e.id, passphrase: PASS });
  return { dir, host, sessionId, chair, teller, scrutineer, other, marketing, here };
}

/** n ballots over two dossiers: the first `agree` ballots agree on both, then one invalid on the second, the rest disagree. */
function stack(n: number, agree: number): PaperMark[][] {
  return Array.from({ length: n }, (_, i): PaperMark[] => (i < agree ? ['agree', 'agree'] : i === agree ? ['abstain', 'invalid'] : ['disagree', 'disagree']));
}

describe('paper ballots entered one by one, arbitration and the co-signed counts', () => {
  it('a per-ballot entry is confirmed blind: self-confirmation and too many ballots refused, a mistyped ballot caught', { timeout: 60_000 }, async () => {
    const { dir, host, sessionId, teller, scrutineer, other, marketing } = await meeting();
    const r = await ok(host, 'openBallotRound', { sessionId, dossierIds: marketing.slice(0, 2), paper: true });
    const good = stack(18, 13);

    // Refused, nothing recorded: not an officer; more ballots than the 18 present; a ballot missing a mark.
    expect((await err(host, 'enterPaperBallots', { sessionId, roundId: r.id, entrantId: other.id, passphrase: PASS, ballots: good })).code).toBe('PAPER_NOT_OFFICER');
    expect(await err(host, 'enterPaperBallots', { sessionId, roundId: r.id, entrantId: teller.id, passphrase: PASS, ballots: stack(19, 13) })).toMatchObject({
      code: 'PAPER_COUNTS_EXCEED_PRESENT',
      details: { dossierId: marketing[0], expected: '18', actual: '19' },
    });
    expect(await err(host, 'enterPaperBallots', { sessionId, roundId: r.id, entrantId: teller.id, passphrase: PASS, ballots: [...good.slice(0, 17), ['agree']] })).toMatchObject({
      code: 'BALLOT_INCOMPLETE',
      details: { row: 18, expected: '2', actual: '1' },
    });
    expect((await ok(host, 'getMeeting', { sessionId })).rounds[0]!.paper).toMatchObject({ entries: 0 });

    // The teller enters every ballot; the teller cannot confirm it (the method is called and refused).
    expect(await ok(host, 'enterPaperBallots', { sessionId, roundId: r.id, entrantId: teller.id, passphrase: PASS, ballots: good })).toMatchObject({ accepted: false, status: 'open', diff: [], ballotDiff: [] });
    expect(await err(host, 'enterPaperBallots', { sessionId, roundId: r.id, entrantId: teller.id, passphrase: PASS, ballots: good })).toMatchObject({
      code: 'PAPER_SELF_CONFIRM',
      details: { expertName: teller.name },
    });

    // The scrutineer mistypes ballot 5 (同意 → 不同意 on the second dossier): the counts and the ballot both differ.
    const typo = good.map((b, i): PaperMark[] => (i === 4 ? ['agree', 'disagree'] : b));
    const second = await ok(host, 'enterPaperBallots', { sessionId, roundId: r.id, entrantId: scrutineer.id, passphrase: PASS, ballots: typo });
    expect(second.accepted).toBe(false);
    expect(second.ballotDiff).toEqual([{ ballot: 5, dossierId: marketing[1], values: ['agree', 'disagree'] }]);
    expect(second.diff).toEqual([
      { dossierId: marketing[1], field: 'agree', values: [13, 12] },
      { dossierId: marketing[1], field: 'disagree', values: [4, 5] },
    ]);
    // Two swapped ballots keep the counts equal, yet the stack differs ballot by ballot: still not accepted.
    const swapped = [good[17]!, ...good.slice(1, 17), good[0]!];
    const third = await ok(host, 'enterPaperBallots', { sessionId, roundId: r.id, entrantId: scrutineer.id, passphrase: PASS, ballots: swapped });
    expect(third).toMatchObject({ accepted: false, diff: [] });
    expect(third.ballotDiff.map((d) => d.ballot)).toEqual([1, 1, 18, 18]);

    // After the recount the entries match: the round closes with the counts derived from the ballots.
    expect(await ok(host, 'enterPaperBallots', { sessionId, roundId: r.id, entrantId: scrutineer.id, passphrase: PASS, ballots: good })).toMatchObject({
      accepted: true,
      status: 'closed',
      enteredBy: teller.id,
      confirmedBy: scrutineer.id,
    });
    const t = await ok(host, 'getRoundTally', { sessionId, roundId: r.id });
    expect(t.results.map((x) => [x.issued, x.returned, x.valid, x.invalid, x.agree, x.disagree, x.abstain, x.passed])).toEqual([
      [18, 18, 18, 0, 13, 4, 1, true],
      [18, 18, 17, 1, 13, 4, 0, true],
    ]);
    // Who entered and who confirmed is on the round.
    expect((await ok(host, 'getMeeting', { sessionId })).rounds[0]!.paper).toEqual({
      entries: 4,
      enteredBy: teller.id,
      confirmedBy: scrutineer.id,
      arbitratedBy: null,
      arbitrationReason: null,
      byBallot: true,
    });
    host.close();
    const db = new Database(path.join(dir, 'paneldesk.sqlite'));
    try {
      // Every attempt (teller 1, scrutineer 3) is kept with its ballots, and never changed.
      expect((db.prepare('SELECT count(*) AS n FROM paper_entry WHERE ballots_json IS NOT NULL').get() as { n: number }).n).toBe(4);
      expect(() => db.prepare("UPDATE paper_entry SET ballots_json = '[]'").run()).toThrow(/never changed/);
    } finally {
      db.close();
    }
  });

  it('the chair arbitrates two entries that still differ, with a reason; not before two people entered', { timeout: 60_000 }, async () => {
    const { host, sessionId, chair, teller, scrutineer, marketing } = await meeting();
    const r = await ok(host, 'openBallotRound', { sessionId, dossierIds: [marketing[0]!], paper: true });
    const counts = (agree: number) => [{ dossierId: marketing[0]!, issued: 18, returned: 18, valid: 18, invalid: 0, agree, disagree: 18 - agree, abstain: 0 }];
    await ok(host, 'enterPaperCounts', { sessionId, roundId: r.id, entrantId: teller.id, passphrase: PASS, counts: counts(12) });
    expect(await err(host, 'arbitratePaperEntry', { sessionId, roundId: r.id, entrantId: teller.id, reason: '复核' })).toMatchObject({ code: 'PAPER_ARBITRATION_INVALID', details: { entries: 1 } });
    await ok(host, 'enterPaperCounts', { sessionId, roundId: r.id, entrantId: scrutineer.id, passphrase: PASS, counts: counts(11) });
    expect((await err(host, 'arbitratePaperEntry', { sessionId, roundId: r.id, entrantId: chair.id, reason: '复核' })).code).toBe('PAPER_ARBITRATION_INVALID');
    const rec = await ok(host, 'arbitratePaperEntry', { sessionId, roundId: r.id, entrantId: teller.id, reason: '当众重新清点选票，计票人的录入正确' });
    expect(rec).toMatchObject({ enteredBy: teller.id, confirmedBy: null, arbitratedBy: chair.id, arbitrationReason: '当众重新清点选票，计票人的录入正确' });
    const t = await ok(host, 'getRoundTally', { sessionId, roundId: r.id });
    expect(t.results[0]).toMatchObject({ agree: 12, needed: 12, passed: true });
    expect((await err(host, 'arbitratePaperEntry', { sessionId, roundId: r.id, entrantId: teller.id, reason: '再次' })).code).toBe('BALLOT_ROUND_CLOSED');
    const audit = (await ok(host, 'listAuditEvents', { sessionId, kinds: ['ballot.paper_arbitrated'] })).rows;
    expect(audit).toHaveLength(1);
    host.close();
  });

  it('the teller and the scrutineer co-sign the counts; the chair signs only after both, and both again after a later round', { timeout: 60_000 }, async () => {
    const { host, sessionId, chair, teller, scrutineer, other, marketing, here } = await meeting();
    const coSign = (expertId: string) => host.invoke('coSignCounts', { sessionId, expertId, passphrase: PASS });
    expect((await err(host, 'coSignCounts', { sessionId, expertId: teller.id, passphrase: PASS })).code).toBe('COUNTS_NOTHING_TO_SIGN');
    const r1 = await ok(host, 'openBallotRound', { sessionId, dossierIds: [marketing[0]!] });
    for (const e of here.slice(0, 12)) await ok(host, 'castBallot', { sessionId, roundId: r1.id, expertId: e.id, passphrase: PASS, choices: [{ dossierId: marketing[0], choice: 'agree' }] });
    // A round still open: refused for the officers and for the chair.
    expect(await err(host, 'coSignCounts', { sessionId, expertId: teller.id, passphrase: PASS })).toMatchObject({ code: 'BALLOT_ROUND_OPEN', details: { round: 1 } });
    expect((await err(host, 'signResults', { sessionId, passphrase: PASS })).code).toBe('BALLOT_ROUND_OPEN');
    await ok(host, 'closeBallotRound', { sessionId, roundId: r1.id });

    // A wrong person (neither teller nor scrutineer, nor the chair) is refused; a wrong passphrase records nothing.
    expect(await err(host, 'coSignCounts', { sessionId, expertId: other.id, passphrase: PASS })).toMatchObject({ code: 'COUNTS_NOT_OFFICER', details: { expertName: other.name } });
    expect((await err(host, 'coSignCounts', { sessionId, expertId: chair.id, passphrase: PASS })).code).toBe('COUNTS_NOT_OFFICER');
    expect((await err(host, 'coSignCounts', { sessionId, expertId: teller.id, passphrase: 'not the pass' })).code).toBe('AUTH_BAD_PASSPHRASE');
    let report = await ok(host, 'getCountReport', { sessionId });
    expect(report).toMatchObject({ signatures: [], complete: false, tellerId: teller.id, scrutineerId: scrutineer.id });
    expect(report.rounds).toEqual([
      { roundId: r1.id, number: 1, kind: 'electronic', status: 'closed', voidReason: null, counts: [{ dossierId: marketing[0], issued: 18, returned: 12, valid: 12, invalid: 0, agree: 12, disagree: 0, abstain: 0 }] },
    ]);

    // The teller signs; the chair still cannot; the teller cannot sign twice; the scrutineer signs; the chair signs.
    const afterTeller = await coSign(teller.id);
    expect(afterTeller.ok).toBe(true);
    expect((await err(host, 'signResults', { sessionId, passphrase: PASS })).details).toMatchObject({ missing: 'scrutineer' });
    expect((await err(host, 'coSignCounts', { sessionId, expertId: teller.id, passphrase: PASS })).code).toBe('COUNTS_ALREADY_SIGNED');
    report = await ok(host, 'coSignCounts', { sessionId, expertId: scrutineer.id, passphrase: PASS });
    expect(report.complete).toBe(true);
    expect(report.signatures.map((s) => [s.officer, s.name, s.current, s.countsSha256 === report.countsSha256])).toEqual([
      ['teller', teller.name, true, true],
      ['scrutineer', scrutineer.name, true, true],
    ]);
    const s1 = await ok(host, 'signResults', { sessionId, passphrase: PASS });
    // The chair's statement names the co-signed counts.
    const body = JSON.parse(Buffer.from(s1.envelope.payload, 'base64').toString('utf8')) as { countsSha256: string };
    expect(body.countsSha256).toBe(report.countsSha256);

    // A later round changes the counts: the signatures are no longer current, and a correction waits for both again.
    const r2 = await ok(host, 'openBallotRound', { sessionId, dossierIds: [marketing[1]!] });
    await ok(host, 'closeBallotRound', { sessionId, roundId: r2.id });
    report = await ok(host, 'getCountReport', { sessionId });
    expect(report.complete).toBe(false);
    expect(report.signatures.every((s) => !s.current)).toBe(true);
    expect((await err(host, 'signResults', { sessionId, passphrase: PASS, correctionReason: '补充第 2 轮' })).code).toBe('COUNTS_NOT_COSIGNED');
    await ok(host, 'coSignCounts', { sessionId, expertId: teller.id, passphrase: PASS });
    await ok(host, 'coSignCounts', { sessionId, expertId: scrutineer.id, passphrase: PASS });
    expect((await ok(host, 'signResults', { sessionId, passphrase: PASS, correctionReason: '补充第 2 轮' })).version).toBe(2);
    expect((await ok(host, 'getCountReport', { sessionId })).signatures).toHaveLength(4);
    host.close();
  });

  it('the settings change until the first round opens, then are fixed; the commitment text once someone signed it', { timeout: 60_000 }, async () => {
    const { host, sessionId, marketing } = await meeting();
    // meeting() had everyone present sign the commitment: its text is fixed, the other settings are not.
    expect(await err(host, 'updateMeetingSettings', { sessionId, commitmentText: '新的承诺书文本' })).toMatchObject({ code: 'MEETING_SETTINGS_LOCKED', details: { field: 'commitmentText' } });
    const view = await ok(host, 'updateMeetingSettings', { sessionId, quorumBase: 'sitting_members', recusedCountInA: true, maxRevotes: 2 });
    expect(view.settings).toEqual({ quorumBase: 'sitting_members', recusedCountInA: true, maxRevotes: 2 });
    await ok(host, 'openBallotRound', { sessionId, dossierIds: [marketing[0]!] });
    expect(await err(host, 'updateMeetingSettings', { sessionId, maxRevotes: 0 })).toMatchObject({ code: 'MEETING_SETTINGS_LOCKED', details: { round: 1 } });
    expect((await ok(host, 'getMeeting', { sessionId })).settings.maxRevotes).toBe(2);
    host.close();
  });
});
