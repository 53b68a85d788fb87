/**
 * Learner errors: the sandbox's only way of reporting a problem in learner code (the shape and
 * the factory are src/core/learnerError.ts, shared with the engine and the checker).
 *
 * A {@link LearnerError} is teaching content (shown in the editor and as a "handler threw" event),
 * never an internal failure. Positions are in the learner's own TypeScript file: `line` and
 * `column` are both 1-based, like an editor's status bar. Shims injected into learner code (the
 * step budget, forbidden globals, `require`) throw {@link LearnerCodeError}, which learner
 * `try/catch` cannot swallow and which the engine recognises with `instanceof` or
 * {@link isLearnerCodeError} (the `.learnerError` property works across realms).
 */
import { learnerError, learnerErrorOf } from '../core/learnerError';
import type { LearnerError } from '../core/learnerError';

export {
  formatLearnerError,
  learnerError,
  LearnerCodeError,
  learnerErrorOf,
} from '../core/learnerError';
export type { LearnerError, LearnerErrorKind } from '../core/learnerError';

/** Does this error carry a learner error (from any realm)? */
export function isLearnerCodeError(x: unknown): x is { learnerError: LearnerError } {
  return learnerErrorOf(x) !== undefined;
}

/** The error the caller reports when a worker had to be terminated on its deadline. */
export function createTimeoutError(file: string, deadlineMs: number): LearnerError {
  return learnerError(
    file,
    `Timed out: your code did not finish within ${deadlineMs} ms and was stopped — is there an infinite loop or runaway recursion?`,
    {},
    'timeout',
  );
}
