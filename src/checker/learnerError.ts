/**
 * Structural detection of learner errors. The sandbox throws errors carrying a `learnerError`
 * property `{ kind, file, line, column, message }` (see src/sandbox/errors.ts); the checker does
 * not import the sandbox, it recognises the shape. Anything else thrown by a model is an internal
 * bug and propagates.
 */
import type { LearnerErrorInfo } from './types';

export function toLearnerError(err: unknown): LearnerErrorInfo | undefined {
  if (typeof err !== 'object' || err === null || !('learnerError' in err)) return undefined;
  const info: unknown = (err as { learnerError: unknown }).learnerError;
  if (typeof info !== 'object' || info === null) return undefined;
  const rec = info as Record<string, unknown>;
  const out: LearnerErrorInfo = {
    kind: typeof rec.kind === 'string' ? rec.kind : 'runtime',
    file: typeof rec.file === 'string' ? rec.file : 'unknown',
    message:
      typeof rec.message === 'string'
        ? rec.message
        : err instanceof Error
          ? err.message
          : 'learner code failed',
  };
  if (typeof rec.line === 'number') out.line = rec.line;
  if (typeof rec.column === 'number') out.column = rec.column;
  return out;
}
