/**
 * Structural detection of learner errors (src/core/learnerError.ts): errors carrying a
 * `learnerError` property, from any realm. Anything else thrown by a model is an internal bug and
 * propagates.
 */
import { learnerErrorOf } from '../core/learnerError';
import type { LearnerErrorInfo } from './types';

export function toLearnerError(err: unknown): LearnerErrorInfo | undefined {
  return learnerErrorOf(err);
}
