/**
 * Learner errors: the one shape (and the one factory) for a problem in the learner's code, from
 * every layer that finds one (the sandbox compiling or metering, the engine running a handler,
 * the step-DSL model, a retry policy the file exports).
 *
 * A {@link LearnerError} is teaching content (shown in the editor, the verdict and the trace),
 * never an internal failure. It names the learner's real file (the caller passes it: there is no
 * default name), and `line`/`column` are 1-based, like an editor's status bar. Errors that stop
 * learner code extend {@link LearnerCodeError}; {@link learnerErrorOf} also recognises the shape
 * structurally, since errors cross realms (SES compartments, workers).
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

/** Code that runs but likely does something else than meant (shown, never blocking). */
export interface LearnerWarning {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/** Where in the learner's file, when known. */
export interface LearnerPosition {
  line?: number;
  column?: number;
}

/** The one way to build a learner error: the learner's file, what is wrong, and where if known. */
export function learnerError(
  file: string,
  message: string,
  at: LearnerPosition = {},
  kind: LearnerErrorKind = 'runtime',
): LearnerError {
  return {
    kind,
    file,
    ...(at.line !== undefined ? { line: at.line } : {}),
    ...(at.column !== undefined ? { column: at.column } : {}),
    message,
  };
}

/** A learner-fatal error: learner code stops and `learnerError` is what the learner sees. */
export class LearnerCodeError extends Error {
  override name = 'LearnerCodeError';
  readonly learnerError: LearnerError;
  constructor(error: LearnerError) {
    super(error.message);
    this.learnerError = error;
  }
}

const KINDS: readonly string[] = ['syntax', 'runtime', 'forbidden', 'budget', 'timeout'];

/** The learner error an error carries (a `learnerError` property, from any realm), or undefined. */
export function learnerErrorOf(x: unknown): LearnerError | undefined {
  if (typeof x !== 'object' || x === null || !('learnerError' in x)) return undefined;
  const info: unknown = (x as { learnerError: unknown }).learnerError;
  if (typeof info !== 'object' || info === null) return undefined;
  const rec = info as Record<string, unknown>;
  const message =
    typeof rec.message === 'string'
      ? rec.message
      : x instanceof Error
        ? x.message
        : 'learner code failed';
  return learnerError(
    typeof rec.file === 'string' ? rec.file : 'unknown file',
    message,
    {
      ...(typeof rec.line === 'number' ? { line: rec.line } : {}),
      ...(typeof rec.column === 'number' ? { column: rec.column } : {}),
    },
    typeof rec.kind === 'string' && KINDS.includes(rec.kind)
      ? (rec.kind as LearnerErrorKind)
      : 'runtime',
  );
}

/** `file:line:column: message`, for logs, the CLI and test failures. */
export function formatLearnerError(e: LearnerError): string {
  const where = e.line === undefined ? e.file : `${e.file}:${e.line}:${e.column ?? 1}`;
  return `${where}: ${e.message}`;
}
