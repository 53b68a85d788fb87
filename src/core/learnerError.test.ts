import { describe, expect, it } from 'vitest';
import { formatLearnerError, learnerError, LearnerCodeError, learnerErrorOf } from './learnerError';

describe('learner errors', () => {
  it('are built with the learner file and only the position that is known', () => {
    expect(learnerError('starter.ts', 'boom')).toEqual({
      kind: 'runtime',
      file: 'starter.ts',
      message: 'boom',
    });
    expect(learnerError('solution.ts', 'x', { line: 3 }, 'budget')).toEqual({
      kind: 'budget',
      file: 'solution.ts',
      line: 3,
      message: 'x',
    });
    expect(formatLearnerError(learnerError('a.ts', 'm', { line: 2, column: 5 }))).toBe(
      'a.ts:2:5: m',
    );
  });

  it('are recognised on errors from another realm by their shape, and nothing else is', () => {
    const err = new LearnerCodeError(learnerError('starter.ts', 'bad', { line: 1, column: 2 }));
    expect(learnerErrorOf(err)).toEqual(err.learnerError);
    // A worker or compartment hands back a plain object: same shape, no class.
    expect(learnerErrorOf({ learnerError: { file: 'f.ts', message: 'm', kind: 'weird' } })).toEqual(
      { kind: 'runtime', file: 'f.ts', message: 'm' },
    );
    expect(learnerErrorOf(new Error('internal'))).toBeUndefined();
    expect(learnerErrorOf({ learnerError: null })).toBeUndefined();
  });
});
