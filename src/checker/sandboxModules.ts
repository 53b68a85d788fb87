/**
 * Evaluating learner model files of exercise 18 with the sandbox (src/sandbox): the adapter the
 * worker passes to the registry as `evaluateModule`. Throws a LearnerCodeError (a `learnerError`
 * property) when the source does not compile, so the check ends with a learner-error verdict.
 */
import { LearnerCodeError } from '../sandbox/errors';
import { compileLearnerModule } from '../sandbox/evaluate';
import type { EvaluatedModule } from './registry';

/** Model files import their types from './types' (or '../types' in variants/). */
const ALLOWED_IMPORTS = ['./types', '../types'];

export function evaluateModelSource(source: string, file: string): EvaluatedModule {
  const compiled = compileLearnerModule(source, file, { allowedImports: ALLOWED_IMPORTS });
  if (!compiled.ok) throw new LearnerCodeError(compiled.error);
  return {
    exports: compiled.exports,
    resetBudget: compiled.resetBudget,
    pauseMeter: compiled.pauseMeter,
    toLearnerError: compiled.toLearnerError,
  };
}
