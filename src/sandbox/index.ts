/** Public API of the sandbox layer (see README.md for the contract). DOM-free. */
export { compileLearnerModule, DEFAULT_STEP_BUDGET } from './evaluate';
export type { CompileOptions, CompileResult, LearnerModule } from './evaluate';
export { learnerLocation } from './stack';
export { transformLearnerSource } from './transform';
export type { LearnerPosition, TransformOptions, TransformResult } from './transform';
export {
  LearnerCodeError,
  createTimeoutError,
  formatLearnerError,
  isLearnerCodeError,
} from './errors';
export type { LearnerError, LearnerErrorKind } from './errors';
