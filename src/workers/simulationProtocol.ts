/**
 * The typed protocol between the app and the simulation worker. A request names an exercise
 * folder and one of its files (or brings edited source text); the worker loads the exercise
 * itself (manifests hold invariant functions, which cannot be posted), compiles the learner code
 * in the sandbox and plays one seeded run. Every response is plain data, safe for postMessage.
 */
import type { LearnerError } from '../sandbox';
import type { InvariantKind, TraceEvent } from '../sim';

export interface SimulationRequest {
  type: 'play';
  /** Exercise folder, e.g. "04-lost-message". */
  folder: string;
  /** File of the folder to run: "starter.ts", "solution.ts", "variants/x.ts". */
  file: string;
  /** Edited source text; when absent the folder's file is run as is. */
  source?: string;
  seed: number;
  maxSteps: number;
}

/** One invariant evaluated on the final world of the run. */
export interface InvariantResult {
  name: string;
  kind: InvariantKind;
  description: string;
  /** `true` when it holds, else the sentence that says what is wrong. */
  result: true | string;
}

export type SimulationResponse =
  | {
      type: 'ran';
      folder: string;
      file: string;
      seed: number;
      /** Number of steps taken (choices made). */
      steps: number;
      end: 'quiescent' | 'stepLimit';
      events: TraceEvent[];
      invariants: InvariantResult[];
    }
  /** The learner's code did not compile, lacks an export, or failed fatally while running. */
  | { type: 'learnerError'; error: LearnerError }
  /** The request cannot be served (unknown folder or file, broken or non-simulation exercise). */
  | { type: 'unavailable'; message: string }
  /** An internal bug in the engine or the worker (shown with a copyable report). */
  | { type: 'internalError'; message: string; stack?: string };

/** What the app finally sees: a response, or the worker was stopped on its deadline. */
export type SimulationOutcome =
  SimulationResponse | { type: 'timedOut'; deadlineMs: number; file: string };

/** Upper bound on steps the UI may ask for (a run is shown in a table). */
export const MAX_STEPS_LIMIT = 5_000;
export const DEFAULT_MAX_STEPS = 1_000;
