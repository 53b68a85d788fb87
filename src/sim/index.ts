/** Public API of the simulation layer (pure: runs in Node, in a Worker and on the main thread). */
export * from './effects';
export * from './context';
export * from './manifest';
export * from './faults';
export * from './choices';
export * from './trace';
export * from './world';
export * from './historyKeys';
export * from './invariants';
export { describeStep } from './describeStep';
export { createEngine } from './engine';
export type { Engine, EngineOptions, StepResult } from './engine';
export type { Program } from './runtime';
export { isLearnerFatal, LearnerSetupError, NondeterminismError } from './runtime';
export { learnerStepOf, pendingCallLine } from './stepLine';
export type { LearnerStep } from './stepLine';
export {
  continueSeeded,
  FAULT_WEIGHT,
  faultWeightOf,
  HAPPY_PATH_SEED,
  pickSeeded,
  playSeeded,
  replayChoices,
  ReplayError,
} from './scheduler';
export type { Run, PlayOptions } from './scheduler';
export { cloneWorld } from './cloneWorld';
export * from './outcome';
export { CtxMisuseError } from './validate';
export { createFingerprint, fingerprintWorld } from './fingerprint';
export { renamer, renamingsOf } from './symmetry';
export { BROKER_SECTIONS } from './reduction';
