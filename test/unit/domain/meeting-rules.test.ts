import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eligibleTotal, meetingQuorum, passDecision, scoreForVote } from '../../../shared/domain/rules';
import {
  dossierRoundResult,
  electronicCounts,
  reconcile,
  rollAt,
  tallyBallots,
  voidsRound,
  voteRefusal,
  type AnonymousBallot,
  type Choice,
} from '../../../shared/domain/ballots';

const ids = (n: number, p = 'E') => Array.from({ length: n }, (_, i) => `${p}${String(i + 1).padStart(2, '0')}`);

describe('quorum with its base setting', () => {
  it('all members: N=25 needs 17; 17 present meets it, 16 is short by one', () => {
    expect(meetingQuorum({ base: 'all_members', members: 25, sittingMembers: 19, present: 17 })).toMatchObject({ n: 25, needed: 17, met: true, shortBy: 0 });
    expect(meetingQuorum({ base: 'all_members', members: 25, sittingMembers: 19, present: 16 })).toMatchObject({ n: 25, needed: 17, met: false, shortBy: 1 });
  });

  it('sitting members: N=19 needs 13; 13 meets, 12 is short by one', () => {
    expect(meetingQuorum({ base: 'sitting_members', members: 25, sittingMembers: 19, present: 13 })).toMatchObject({ n: 19, needed: 13, met: true });
    expect(meetingQuorum({ base: 'sitting_members', members: 25, sittingMembers: 19, present: 12 })).toMatchObject({ n: 19, needed: 13, met: false, shortBy: 1 });
  });

  it('sitting members without a sitting list falls back to the whole roster', () => {
    expect(meetingQuorum({ base: 'sitting_members', members: 25, sittingMembers: null, present: 17 })).toMatchObject({ n: 25, needed: 17, met: true });
  });

  it('property: one more present never loses the quorum', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }), (members, present) => {
        const a = meetingQuorum({ base: 'all_members', members, sittingMembers: null, present });
        const b = meetingQuorum({ base: 'all_members', members, sittingMembers: null, present: present + 1 });
        expect(!a.met || b.met).toBe(true);
      }),
    );
  });
});

describe('A: present and eligible for the dossier', () => {
  const roll = ids(18);
  it('18 on the roll, one recused: A=17 by default, 18 when the setting counts the recused', () => {
    const recused = new Set(['E03']);
    expect(eligibleTotal({ roll, recused, recusedCountInA: false })).toBe(17);
    expect(eligibleTotal({ roll, recused, recusedCountInA: true })).toBe(18);
  });

  it('a recused expert not on the roll changes nothing', () => {
    expect(eligibleTotal({ roll, recused: new Set(['X99']), recusedCountInA: false })).toBe(18);
  });

  it('recusal changes the result: 12 agree of 18 passes when A=17 (needs 12) and when A=18 (needs 12); 11 agree passes neither', () => {
    expect(passDecision({ agree: 12, disagree: 5, abstain: 0, invalid: 0 }, 17)).toMatchObject({ needed: 12, passed: true });
    expect(passDecision({ agree: 12, disagree: 5, abstain: 0, invalid: 0 }, 18)).toMatchObject({ needed: 12, passed: true });
    expect(passDecision({ agree: 11, disagree: 6, abstain: 0, invalid: 0 }, 17)).toMatchObject({ needed: 12, passed: false, missingAgree: 1 });
  });

  it('recusal moves the boundary: 10 agree passes with A=15 (needs 10) but not with A=16 (needs 11)', () => {
    const roll16 = ids(16);
    const recused = new Set(['E16']);
    const aDefault = eligibleTotal({ roll: roll16, recused, recusedCountInA: false });
    const aCounted = eligibleTotal({ roll: roll16, recused, recusedCountInA: true });
    expect([aDefault, aCounted]).toEqual([15, 16]);
    const counts = { agree: 10, disagree: 3, abstain: 2, invalid: 0 };
    expect(passDecision(counts, aDefault).passed).toBe(true);
    expect(passDecision(counts, aCounted)).toMatchObject({ needed: 11, passed: false });
  });
});

describe('pass: agree ≥ ceil(2A/3); abstentions and invalid count against', () => {
  it('exactly two thirds passes: A=21, 14 agree', () => {
    expect(passDecision({ agree: 14, disagree: 7, abstain: 0, invalid: 0 }, 21)).toMatchObject({ needed: 14, passed: true });
  });
  it('one short fails: A=21, 13 agree, 8 abstain', () => {
    expect(passDecision({ agree: 13, disagree: 0, abstain: 8, invalid: 0 }, 21)).toMatchObject({ needed: 14, passed: false, missingAgree: 1 });
  });
  it('A=25 needs 17: 17 agree with 8 invalid passes; 16 agree with 9 abstain fails', () => {
    expect(passDecision({ agree: 17, disagree: 0, abstain: 0, invalid: 8 }, 25).passed).toBe(true);
    expect(passDecision({ agree: 16, disagree: 0, abstain: 9, invalid: 0 }, 25).passed).toBe(false);
  });
  it('a ballot not returned counts against: A=25, 16 agree and nothing else fails', () => {
    expect(passDecision({ agree: 16, disagree: 0, abstain: 0, invalid: 0 }, 25).passed).toBe(false);
  });
  it('property: one more agree vote never turns a pass into a fail', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (a, agree) => {
        const c = { agree: Math.min(agree, a), disagree: 0, abstain: 0, invalid: 0 };
        const before = passDecision(c, a).passed;
        const after = passDecision({ ...c, agree: Math.min(c.agree + 1, a) }, a).passed;
        expect(!before || after).toBe(true);
      }),
    );
  });
  it('property: moving a vote from agree to abstain never turns a fail into a pass', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.nat(), (a, raw) => {
        const agree = raw % (a + 1);
        if (agree === 0) return;
        const before = passDecision({ agree, disagree: 0, abstain: a - agree, invalid: 0 }, a).passed;
        const after = passDecision({ agree: agree - 1, disagree: 0, abstain: a - agree + 1, invalid: 0 }, a).passed;
        expect(!after || before).toBe(true);
      }),
    );
  });
});

describe('no proxy, no late votes: the roll of a round', () => {
  const presence = [
    { expertId: 'E01', arrivedSeq: 1, leftSeq: null },
    { expertId: 'E02', arrivedSeq: 2, leftSeq: null },
    { expertId: 'E03', arrivedSeq: 10, leftSeq: null }, // late: after round 1 opened at seq 5
    { expertId: 'E04', arrivedSeq: 3, leftSeq: 8 }, // left early
    { expertId: 'E05', arrivedSeq: null, leftSeq: null }, // never came
  ];
  it('round opened at seq 5: the late arrival is not on its roll; the early leaver is', () => {
    expect(rollAt(presence, 5)).toEqual(['E01', 'E02', 'E04']);
  });
  it('the next round (seq 12): the late arrival votes, the leaver does not', () => {
    expect(rollAt(presence, 12)).toEqual(['E01', 'E02', 'E03']);
  });
  it('a late arrival is refused in the open round, and allowed in the next', () => {
    expect(voteRefusal({ roundOpen: true, roll: rollAt(presence, 5), expertId: 'E03', recused: false, alreadyVoted: false })).toBe('NOT_ON_ROLL');
    expect(voteRefusal({ roundOpen: true, roll: rollAt(presence, 12), expertId: 'E03', recused: false, alreadyVoted: false })).toBeNull();
  });
  it('absent, recused, second vote and closed round are refused with their own reasons', () => {
    const roll = rollAt(presence, 5);
    expect(voteRefusal({ roundOpen: true, roll, expertId: 'E05', recused: false, alreadyVoted: false })).toBe('NOT_ON_ROLL');
    expect(voteRefusal({ roundOpen: true, roll, expertId: 'E01', recused: true, alreadyVoted: false })).toBe('RECUSED');
    expect(voteRefusal({ roundOpen: true, roll, expertId: 'E01', recused: false, alreadyVoted: true })).toBe('ALREADY_VOTED');
    expect(voteRefusal({ roundOpen: false, roll, expertId: 'E01', recused: false, alreadyVoted: false })).toBe('ROUND_CLOSED');
  });
  it('property: the roll does not depend on the order of the presence list', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(presence, { minLength: presence.length }), fc.integer({ min: 0, max: 15 }), (shuffled, seq) => {
        expect(rollAt(shuffled, seq)).toEqual(rollAt(presence, seq));
      }),
    );
  });
});

describe('reconciliation: issued, returned, valid, invalid', () => {
  const base = { issued: 20, returned: 20, valid: 19, invalid: 1, agree: 14, disagree: 3, abstain: 2 };
  it('counts that add up have no problem', () => {
    expect(reconcile(base, 20)).toEqual([]);
  });
  it('more returned than issued voids the round', () => {
    const p = reconcile({ ...base, returned: 21, valid: 20, agree: 15 }, 20);
    expect(p).toContain('RETURNED_EXCEEDS_ISSUED');
    expect(voidsRound(p)).toBe(true);
  });
  it('more issued than experts entitled (paper counts exceeding those present)', () => {
    expect(reconcile({ ...base, issued: 21 }, 20)).toEqual(['ISSUED_EXCEEDS_ELIGIBLE']);
  });
  it('valid + invalid ≠ returned', () => {
    expect(reconcile({ ...base, invalid: 2 }, 20)).toEqual(['RETURNED_MISMATCH']);
  });
  it('agree + disagree + abstain ≠ valid', () => {
    expect(reconcile({ ...base, agree: 13 }, 20)).toEqual(['VALID_MISMATCH']);
  });
  it('fewer returned than issued is fine (a ballot not returned counts against)', () => {
    expect(reconcile({ ...base, returned: 18, valid: 17, agree: 12 }, 20)).toEqual([]);
  });
});

describe('tally of anonymous ballots', () => {
  const ballots: AnonymousBallot[] = [
    { dossierId: 'D1', choice: 'agree' },
    { dossierId: 'D1', choice: 'agree' },
    { dossierId: 'D1', choice: 'abstain' },
    { dossierId: 'D2', choice: 'disagree' },
    { dossierId: 'D1', choice: null },
  ];
  it('counts per dossier, spoilt ballots as invalid', () => {
    expect(Object.fromEntries(tallyBallots(ballots))).toEqual({
      D1: { agree: 2, disagree: 0, abstain: 1, invalid: 1 },
      D2: { agree: 0, disagree: 1, abstain: 0, invalid: 0 },
    });
  });
  it('electronic counts: returned = every stored ballot, valid = not spoilt', () => {
    expect(electronicCounts(5, tallyBallots(ballots).get('D1'))).toEqual({ agree: 2, disagree: 0, abstain: 1, invalid: 1, issued: 5, returned: 4, valid: 3 });
    expect(electronicCounts(5, undefined)).toMatchObject({ returned: 0, valid: 0 });
  });
  it('property: the outcome does not depend on ballot order', () => {
    const choice = fc.constantFrom<Choice | null>('agree', 'disagree', 'abstain', null);
    const ballot = fc.record({ dossierId: fc.constantFrom('D1', 'D2', 'D3'), choice });
    fc.assert(
      fc.property(fc.array(ballot, { maxLength: 60 }).chain((bs) => fc.tuple(fc.constant(bs), fc.shuffledSubarray(bs, { minLength: bs.length }))), ([bs, shuffled]) => {
        const a = tallyBallots(bs);
        const b = tallyBallots(shuffled);
        expect(Object.fromEntries([...b].sort())).toEqual(Object.fromEntries([...a].sort()));
        for (const id of ['D1', 'D2', 'D3']) {
          const res = (m: typeof a) => dossierRoundResult({ dossierId: id, roll: ids(60), recused: new Set(), recusedCountInA: false, counts: electronicCounts(60, m.get(id)) }).passed;
          expect(res(b)).toBe(res(a));
        }
      }),
    );
  });
});

describe('dossierRoundResult', () => {
  it('18 on the roll, 1 recused (A=17): 12 agree of 17 ballots passes; the 回避 column says 1', () => {
    const r = dossierRoundResult({
      dossierId: 'D1',
      roll: ids(18),
      recused: new Set(['E05']),
      recusedCountInA: false,
      counts: electronicCounts(17, { agree: 12, disagree: 4, abstain: 1, invalid: 0 }),
    });
    expect(r).toMatchObject({ eligible: 17, recused: 1, needed: 12, passed: true, void: false, problems: [], issued: 17, returned: 17, valid: 17 });
  });
  it('a void round passes nobody, even with enough agree votes', () => {
    const r = dossierRoundResult({
      dossierId: 'D1',
      roll: ids(9),
      recused: new Set(),
      recusedCountInA: false,
      counts: { issued: 9, returned: 10, valid: 10, invalid: 0, agree: 10, disagree: 0, abstain: 0 },
    });
    expect(r).toMatchObject({ void: true, passed: false });
    expect(r.problems).toContain('RETURNED_EXCEEDS_ISSUED');
  });
});

describe('score for the vote (aggregation per the standard)', () => {
  it('trimmed mean with 5 scorers drops the highest and lowest; the minimum score holds back below it', () => {
    expect(scoreForVote([9900, 7000, 8000, 6000, 8500], { method: 'trimmed_mean', minScoreForVote: 7800 })).toEqual({ score: 7833, scorers: 5, trimmed: true, goesToVote: true });
    expect(scoreForVote([9900, 7000, 8000, 6000, 8500], { method: 'trimmed_mean', minScoreForVote: 7834 })).toMatchObject({ score: 7833, goesToVote: false });
  });
  it('exactly the minimum goes to the vote; 4 scorers are not trimmed', () => {
    expect(scoreForVote([6000, 7000, 8000, 9000], { method: 'trimmed_mean', minScoreForVote: 7500 })).toEqual({ score: 7500, scorers: 4, trimmed: false, goesToVote: true });
  });
  it('no minimum: everyone goes to the vote', () => {
    expect(scoreForVote([1000], { method: 'mean', minScoreForVote: null }).goesToVote).toBe(true);
  });
});
