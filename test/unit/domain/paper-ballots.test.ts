// Paper ballots entered one by one: counts derived from the ballots, the ballot-by-ballot diff, and the entry keys.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countsFromBallots, diffBallots, PAPER_MARKS, type PaperMark } from '../../../shared/domain/paper-ballots';
import { reconcile } from '../../../shared/domain/ballots';
import { applyKey, EMPTY_DRAFT } from '../../../renderer/features/meeting/PaperBallotEntry';

describe('paper ballots', () => {
  it('derives each dossier’s counts from the ballots (every ballot returned; invalid apart from valid)', () => {
    const ballots: PaperMark[][] = [
      ['agree', 'invalid'],
      ['agree', 'disagree'],
      ['abstain', 'agree'],
    ];
    expect(countsFromBallots(['D1', 'D2'], ballots, () => 5)).toEqual([
      { dossierId: 'D1', issued: 5, returned: 3, valid: 3, invalid: 0, agree: 2, disagree: 0, abstain: 1 },
      { dossierId: 'D2', issued: 5, returned: 3, valid: 2, invalid: 1, agree: 1, disagree: 1, abstain: 0 },
    ]);
  });

  it('derived counts always reconcile, and do not depend on the order of the stack', () => {
    const ballot = fc.array(fc.constantFrom(...PAPER_MARKS), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(fc.array(ballot, { maxLength: 25 }), (ballots) => {
        const ids = ['A', 'B', 'C'];
        const counts = countsFromBallots(ids, ballots, () => 25);
        for (const c of counts) expect(reconcile(c, 25)).toEqual([]);
        expect(countsFromBallots(ids, [...ballots].reverse(), () => 25)).toEqual(counts);
      }),
    );
  });

  it('diffs two entries ballot by ballot, a missing ballot included', () => {
    const a: PaperMark[][] = [['agree'], ['disagree']];
    const b: PaperMark[][] = [['agree'], ['abstain'], ['invalid']];
    expect(diffBallots(['D1'], a, b)).toEqual([
      { ballot: 2, dossierId: 'D1', values: ['disagree', 'abstain'] },
      { ballot: 3, dossierId: 'D1', values: [null, 'invalid'] },
    ]);
    expect(diffBallots(['D1'], a, a)).toEqual([]);
  });

  it('the entry keys: 1/2/3/0 mark the next dossier, a full ballot starts the next, Backspace takes back across ballots', () => {
    let d = EMPTY_DRAFT;
    for (const k of ['1', '0', '2']) d = applyKey(d, k, 2) ?? d;
    expect(d).toEqual({ done: [['agree', 'invalid']], current: ['disagree'] });
    expect(applyKey(d, 'x', 2)).toBeNull();
    d = applyKey(d, 'Backspace', 2) ?? d;
    expect(d).toEqual({ done: [['agree', 'invalid']], current: [] });
    d = applyKey(d, 'Backspace', 2) ?? d;
    expect(d).toEqual({ done: [], current: ['agree'] });
    d = applyKey(d, '3', 2) ?? d;
    expect(d).toEqual({ done: [['agree', 'abstain']], current: [] });
  });
});
