/**
 * The interactive session protocol of the simulation worker (Step, Back, Play, faults from a
 * step, counterexamples) and its compile request. A session is (exercise, learner source,
 * settings) plus the list of choices taken and a cursor into them; the worker keeps the worlds,
 * the app keeps only what it shows. Choices cross the boundary as their `describeChoice` labels
 * (the same strings the checker sends for counterexamples), so a share link, a counterexample
 * and a restored session all replay the same way. Every message is plain data.
 */
import type { LearnerError } from '../sandbox';
import type { LearnerWarning } from '../core/learnerError';
import type { FaultKind, InvariantKind, TraceEvent, World } from '../sim';

/** One invariant evaluated on a world. */
export interface InvariantResult {
  name: string;
  kind: InvariantKind;
  description: string;
  /** `true` when it holds, else the sentence that says what is wrong. */
  result: true | string;
}

/** Steps a seeded Play takes at most. */
export const DEFAULT_MAX_STEPS = 1_000;

/** What a session runs: an exercise file, the learner's text for it, and the learner's settings. */
export interface SessionSpec {
  folder: string;
  file: string;
  source: string;
  /** `dispatch`, `faults.total`, `faults.<kind>` (see src/workshop/settings.ts). */
  settings: Record<string, string>;
}

export type SessionOp =
  /**
   * Start (no labels) or restore a run (share link, counterexample, a restarted worker); with
   * `play`, continue seeded after the labels (the first seeded run of a page is one request).
   */
  | {
      op: 'open';
      spec: SessionSpec;
      labels: string[];
      cursor?: number;
      seed?: number | null;
      play?: { seed: number; maxSteps: number };
    }
  /** Take enabled choice `index` at the cursor; the steps after the cursor are dropped. */
  | { op: 'step'; index: number }
  /** Move the cursor (Back, scrub, jump to a step): the world after `cursor` steps. */
  | { op: 'seek'; cursor: number }
  /** Back to the initial world, no steps taken. */
  | { op: 'reset' }
  /**
   * A seeded run. With `from`, replays the first `from.step` steps, takes enabled choice
   * `from.index` there (e.g. a fault), and continues seeded; otherwise starts from the beginning.
   */
  | { op: 'play'; seed: number; maxSteps: number; from?: { step: number; index: number } }
  /** The fault choices that were enabled before step `step` (0-based). */
  | { op: 'faultsAt'; step: number };

export interface SessionRequest {
  type: 'session';
  op: SessionOp;
}

export interface CompileRequest {
  type: 'compile';
  folder: string;
  file: string;
  source: string;
}

/** One choice a learner can take now. */
export interface EnabledChoice {
  /** Index in `enabledSteps(world)` (what `step` and `play.from` take). */
  index: number;
  label: string;
  /** Who does what, with which outcome, in words (describeStep). */
  what: string;
  /** The fault this choice injects, or null for a normal step. */
  fault: FaultKind | null;
}

/** A choice that was taken, in run order. */
export interface TakenChoice {
  label: string;
  fault: FaultKind | null;
  /** The line of the learner's file this step ran (src/sim/stepLine.ts), when learner code did. */
  line?: number;
  /** With `line`: the attempt that ran it and its logical input (message or request id). */
  attempt?: string;
  input?: string;
}

/** The state table of a world: what the learner reads at the cursor. */
export interface WorldSummary {
  tick: number;
  documents: { store: string; collection: string; id: string; version: number; value: string }[];
  kv: { store: string; key: string; version: number; value: string }[];
  streams: { store: string; stream: string; events: number }[];
  queues: {
    destination: string;
    copies: {
      copyId: string;
      messageId: string;
      type: string;
      state: string;
      deliveries: number;
    }[];
  }[];
  errorQueue: { copyId: string; messageId: string; type: string }[];
  handlers: { attemptId: string; endpoint: string; route: string; pending: string }[];
  requests: { requestId: string; tab: string; route: string; state: string }[];
  /** What tabs that keep their responses (`$fromResponse` scripts) were answered, in order. */
  answers: { tab: string; route: string; body: string }[];
  faults: { total: number; byKind: Record<string, number> };
}

export interface SessionView {
  type: 'session';
  /** Every choice of the run (the cursor may be before the end). */
  choices: TakenChoice[];
  /** Trace of the whole run; absent when unchanged since the previous answer (a seek). */
  events?: TraceEvent[];
  cursor: number;
  /** The world after `cursor` steps, and its summary. */
  world: World;
  summary: WorldSummary;
  /** Choices enabled at the cursor (empty: quiescent or stuck). */
  enabled: EnabledChoice[];
  /** Every invariant on the world at the cursor. */
  invariants: InvariantResult[];
  /** Whether the world at the cursor is quiescent (nothing in flight). */
  quiescent: boolean;
  /** Seed of the last seeded run, if the run came from one. */
  seed: number | null;
  /** Step where a branch (a fault from a step) was taken, if any. */
  branchStep: number | null;
  /** Learner code failed fatally while stepping (the run stops before that step). */
  stepError: LearnerError | null;
}

export type SessionResponse =
  | SessionView
  | { type: 'faults'; step: number; faults: EnabledChoice[] }
  | { type: 'compiled'; error: LearnerError | null; warnings: LearnerWarning[] }
  | { type: 'learnerError'; error: LearnerError }
  /** The run cannot be restored (a link or counterexample that does not fit this code). */
  | { type: 'replayError'; message: string }
  /** Bad request: unknown exercise, bad setting, no session open. */
  | { type: 'unavailable'; message: string }
  | { type: 'internalError'; message: string; stack?: string };

/** What the app sees: a response, or the worker was stopped on its deadline. */
export type SessionOutcome = SessionResponse | { type: 'timedOut'; deadlineMs: number };
