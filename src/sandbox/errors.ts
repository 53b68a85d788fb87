/**
 * Learner errors: the sandbox's only way of reporting a problem in learner code.
 *
 * A {@link LearnerError} is teaching content (shown in the editor and as a "handler threw" event),
 * never an internal failure. Positions are in the learner's own TypeScript file: `line` and
 * `column` are both 1-based, like an editor's status bar. Shims injected into learner code (the
 * step budget, forbidden globals, `require`) throw {@link LearnerCodeError}, which learner
 * `try/catch` cannot swallow and which the engine recognises with `instanceof` or
 * {@link isLearnerCodeError} (the `.learnerError` property works across realms).
 */

export type LearnerErrorKind = 'syntax' | 'runtime' | 'forbidden' | 'budget' | 'timeout';

export interface LearnerError {
  kind: LearnerErrorKind;
  file: string;
  /** 1-based line in the learner's source, when known. */
  line?: number;
  /** 1-based column in the learner's source, when known. */
  column?: number;
  message: string;
}

/** A learner-fatal error: the invocation must stop and the error is shown to the learner. */
export class LearnerCodeError extends Error {
  readonly learnerError: LearnerError;
  constructor(learnerError: LearnerError) {
    super(learnerError.message);
    this.name = 'LearnerCodeError';
    this.learnerError = learnerError;
  }
}

export function isLearnerCodeError(x: unknown): x is { learnerError: LearnerError } {
  if (x instanceof LearnerCodeError) return true;
  if (typeof x !== 'object' || x === null) return false;
  const e = (x as { learnerError?: unknown }).learnerError;
  return typeof e === 'object' && e !== null && typeof (e as LearnerError).kind === 'string';
}

/** The error the caller reports when a worker had to be terminated on its deadline. */
export function createTimeoutError(file: string, deadlineMs: number): LearnerError {
  return {
    kind: 'timeout',
    file,
    message: `Timed out: your code did not finish within ${deadlineMs} ms and was stopped — is there an infinite loop or runaway recursion?`,
  };
}

/** `file:line:column: message`, for logs and test failures. */
export function formatLearnerError(e: LearnerError): string {
  const where = e.line === undefined ? e.file : `${e.file}:${e.line}:${e.column ?? 1}`;
  return `${where}: ${e.message}`;
}
