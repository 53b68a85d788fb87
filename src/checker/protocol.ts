/**
 * The typed protocol between the UI and the checker worker (closed unions, all plain data so
 * they survive `postMessage`). The same messages drive the in-thread handler used by tests and
 * Node (client.ts), so both paths are one code path.
 */
import type { HandlerParams } from './messageHandler/dsl';
import type { CheckLimits, CheckProgress, CheckResult } from './types';

/** A step-DSL model (a model-checking exercise such as 18), from source text or a lesson step. */
export interface ModelCheckingModelRequest {
  kind: 'model-checking';
  /** Exercise folder, e.g. "18-model-checking". */
  folder: string;
  params: HandlerParams;
  code:
    | { source: string; file: string }
    /** The id of one of the folder's lesson steps (its manifest's `variants`). */
    | { variant: string };
}

/** A messaging exercise (exercises/NN-*), checked with the learner's handler source. */
export interface ExerciseModelRequest {
  kind: 'exercise';
  /** Exercise folder, e.g. "04-lost-message". */
  folder: string;
  source: string;
  file: string;
  /** Learner settings (`dispatch`, `faults.total`, `faults.<kind>`), see src/workshop/settings.ts. */
  settings?: Record<string, string>;
}

/**
 * Every kind of model the worker can build. To add one: add its request type here and a case to
 * `createModelFromRequest` in registry.ts; the exhaustive switch there lists what is missing.
 */
export type ModelRequest = ModelCheckingModelRequest | ExerciseModelRequest;

export interface CheckRequest {
  type: 'check';
  runId: number;
  model: ModelRequest;
  limits: CheckLimits;
  /** Target wall time of one slice between progress events (default 50 ms). */
  sliceMs?: number;
  /**
   * A watchdog's diagnostic run: the worker posts `entering` before every call into learner
   * code, so the last one names where a stuck step is (slow; only after a stuck check).
   */
  locate?: boolean;
  /**
   * Helpers on other cores (pool.ts) for a search that grows past a few thousand states; 0 or
   * absent: none. The page sends one less than its cores (the checker's own thread is the last).
   */
  helpers?: number;
}

/** Where learner code is about to run (see `CheckRequest.locate`). */
export interface EnteringLearnerCode {
  endpoint: string;
  handler: string;
  attemptId: string;
  afterLine?: number;
}

export interface CancelRequest {
  type: 'cancel';
  runId: number;
}

/**
 * Work a check of this model will need, done ahead while the learner reads (the grown workloads'
 * reference runs): no answer, and a check sent meanwhile waits for it.
 */
export interface WarmRequest {
  type: 'warm';
  model: ModelRequest;
}

export type CheckerRequest = CheckRequest | CancelRequest | WarmRequest;

/**
 * A check result as sent over the wire: states converted with the model's `toPlain`, choices
 * replaced by their descriptions (so every trace is plain JSON).
 */
export type WireResult = CheckResult<unknown, string>;

export type CheckerResponse =
  | { type: 'progress'; runId: number; progress: CheckProgress; elapsedMs: number }
  | { type: 'entering'; runId: number; where: EnteringLearnerCode }
  | { type: 'result'; runId: number; result: WireResult }
  /** An operating error (bad request, model could not be built): recoverable UI, not a verdict. */
  | { type: 'error'; runId: number; message: string };
