/**
 * The checker's contract with the models it explores, and its closed set of results.
 *
 * A model is `initialStates` + `enabled` + `step` (the one transition function every driver
 * shares), a 64-bit `fingerprint`, and named invariants with a kind. The explorer never mutates a
 * state and never keeps more than the current BFS frontier in memory: every other state is a
 * fingerprint plus (parent index, choice index), from which a trace is rebuilt by re-stepping.
 *
 * A model may add a `packed` fast path (fixed-width Int32Array vectors, successors written into a
 * scratch buffer): the explorer then stores the frontier flat and hashes the ints itself.
 */
import type { Hash64, Hasher } from '../core/hash';
import type { LearnerError } from '../core/learnerError';

/** When an invariant is checked. */
export type InvariantKind = 'always' | 'atQuiescence' | 'sometimes';

/** A named, pure predicate over states. */
export interface Invariant<S> {
  name: string;
  description?: string;
  /**
   * `always`: every reachable state; `atQuiescence`: every terminal state (no enabled choice);
   * `sometimes`: some reachable state (a witness is reported; a search that ends without one
   *   fails with "never happened" and a counterexample of length 0).
   */
  kind: InvariantKind;
  holds(s: S): boolean;
  /** Why it does not hold in `s`, in the learner's words (shown with the counterexample). */
  explain?(s: S): string | undefined;
}

/** A finite transition system. `enabled` must list choices in a deterministic order. */
export interface Model<S, C> {
  initialStates(): S[];
  enabled(s: S): C[];
  /** The successor of `s` by choice `c`. Must not mutate `s`. */
  step(s: S, c: C): S;
  /** Feed `s` into the hasher (or return its 64-bit fingerprint directly). */
  fingerprint(s: S, h: Hasher): void | Hash64;
  invariants: Invariant<S>[];
  /** Whether a terminal state is a normal end (default: every terminal state is). */
  isQuiescent?(s: S): boolean;
  describeChoice?(c: C): string;
  /**
   * Whether a choice injects a fault: random walks vary how often they take one, so the fault
   * budget is not always spent in the first steps (swarm.ts).
   */
  isFault?(c: C): boolean;
  /** A JSON-compatible view of a state, for traces sent over `postMessage`. */
  toPlain?(s: S): unknown;
  /**
   * A compact text form of a state, for the BFS frontier: `deserialize(serialize(s))` must behave
   * exactly like `s` (same successors, invariants and fingerprint).
   */
  serialize?(s: S): string;
  deserialize?(text: string): S;
  /** Optional fast path; must agree exactly with the generic functions above. */
  packed?: PackedModel<S>;
  /**
   * Workloads one step past the model's bounds (one more fault, message or tab), sampled by
   * random walks after the exhaustive search passes (beyond.ts), when the check samples.
   */
  beyond?: BeyondBound<S, C>[];
  /**
   * Set on a model that explores a reduced graph (partial-order reduction: some states expand
   * only a step that commutes with all others, src/sim/reduction.ts): a check that does not pass
   * on it runs again on `unreduced`, for the shortest counterexample (reduced.ts).
   */
  unreduced?: Model<S, C>;
}

/** A workload one step past a model's bounds. */
export interface BeyondBound<S, C> {
  /** What grew, in words ("one more fault"). */
  name: string;
  /** The settings that give the grown workload: a page replays its counterexample with them. */
  settings: Record<string, string>;
  /**
   * The model on the grown workload, or why it is not sampled (the reference solution breaks an
   * invariant there too). Called when the phase reaches it, with the walks that will follow; may
   * take a while the first time.
   */
  prepare(walks: BeyondWalks): { model: Model<S, C> } | { skipped: string };
}

/** The walks a grown workload gets: `walks` walks with seeds `seed + 1 ...`, each at most `maxDepth` steps. */
export interface BeyondWalks {
  walks: number;
  seed: number;
  maxDepth: number;
  /** The check's time budget, which preparing shares (a reference run stops at the deadline). */
  budget?: CheckBudget;
}

/**
 * A check's time budget: its clock and the moment its time is up. Building the model (the
 * oracle's reference runs), the search and the walks past the bound all end by the deadline.
 */
export interface CheckBudget {
  now(): number;
  deadlineMs: number;
}

/** What the walks past the bound covered for one grown workload (or why they did not run). */
export interface BeyondReport {
  name: string;
  settings: Record<string, string>;
  walks: number;
  steps: number;
  maxDepth: number;
  skipped?: string;
}

/**
 * The packed fast path: states as fixed-width Int32Array vectors. The explorer fingerprints the
 * ints itself (see `hashVector`), so a packed model needs no `fingerprint` of its own there.
 */
export interface PackedModel<S> {
  /** Ints per state. */
  readonly width: number;
  /** The vector of a (generic) state; `toState(toVector(s))` must equal `s`. */
  toVector(s: S): Int32Array;
  toState(v: Int32Array, offset: number): S;
  /**
   * Writes each successor of the vector at `src[offset..offset+width)` into `out[0..width)` and
   * calls `emit(choiceIndex)`, in the order of `enabled(toState(src))`. Returns how many
   * successors it emitted (0 = terminal).
   */
  successors(
    src: Int32Array,
    offset: number,
    out: Int32Array,
    emit: (choiceIndex: number) => void,
  ): number;
  /** `model.invariants[index].holds` on a vector. */
  invariantHolds(index: number, v: Int32Array, offset: number): boolean;
  isQuiescent?(v: Int32Array, offset: number): boolean;
}

/** Hard limits; reaching one ends the run with a `limit-reached` result, never a pass. */
export interface CheckLimits {
  /** Distinct states (default 5,000,000). */
  maxStates?: number;
  /** BFS depth (default 1,000,000). */
  maxDepth?: number;
  /** Wall-clock budget, measured with `now` (default: none). */
  maxTimeMs?: number;
  /**
   * Memory the search may hold, in MB (default 1,000): the frontier's serialised states (or
   * packed vectors) plus the per-state tables. Counted, not sampled, so it stops at the same
   * state on every machine, long before a browser worker would crash.
   */
  maxMemoryMB?: number;
}

export type LimitKind = 'states' | 'depth' | 'time' | 'memory';

export interface CheckOptions extends CheckLimits {
  /** Clock in milliseconds, injected by the caller (the checker reads no ambient time). */
  now?: () => number;
  /**
   * Sample past the bound: when the exhaustive search reaches a limit, seeded random walks
   * (swarm.ts) use the rest of the budget; a violation they find is shrunk and reported like any
   * counterexample. With `maxTimeMs`, the search leaves `share` of it (default 0.25) to them.
   */
  sample?: SampleOptions;
  /**
   * Helpers on other cores (pool.ts) that expand the search's levels, for a model with
   * `serialize`/`deserialize` (others ignore it). Results are exactly those without it; the
   * exploration then answers "not done yet" with `wait` while the helpers work. A function is
   * called (once) when a level begins with `poolFromStates` states known: small checks end
   * before helpers would have started; when it returns undefined (no helpers can start here),
   * the search goes on in its own thread.
   */
  pool?: ExpansionPool | (() => ExpansionPool | undefined);
  /** Distinct states before a `pool` function is called (default 2,000). */
  poolFromStates?: number;
}

export interface SampleOptions {
  seed?: number;
  /** Longest walk (default: four times the depth the search reached, at least 100). */
  maxDepth?: number;
  /** Most walks (default 20,000), the bound when there is no time limit. */
  maxWalks?: number;
  share?: number;
  /** Walks per grown workload after a pass (default 120; 0: none). See `Model.beyond`. */
  beyondWalks?: number;
}

/** What the random walks past the bound covered, and where they found a violation. */
export interface SampledRuns {
  walks: number;
  steps: number;
  maxDepth: number;
  /** The walk that broke the invariant and its length before shrinking. */
  found?: { walk: number; walkDepth: number };
}

/** What a run has covered so far. */
export interface CheckStats {
  distinctStates: number;
  generatedStates: number;
  /** Deepest BFS level reached (the initial states are depth 0). */
  depth: number;
  terminalStates: number;
  elapsedMs: number;
  /** Helpers on other cores that expanded part of the search (pool.ts), when there were any. */
  helpers?: number;
  /**
   * The exhaustive search's own share of `elapsedMs`, when random walks followed it (past a limit,
   * or on grown workloads after a pass); absent when the search was all there was.
   */
  searchMs?: number;
}

export interface CheckProgress {
  distinctStates: number;
  generatedStates: number;
  depth: number;
  /** States waiting in the BFS frontier (current and next level). */
  frontier: number;
  phase: 'search' | 'cycle-check' | 'sampling';
  /** Random walks so far, in the sampling phase. */
  walks?: number;
  /** The grown workload being sampled, after a pass ("one more fault"). */
  beyond?: string;
  /**
   * The next slice prepares that grown workload (its reference runs), or helpers are starting:
   * it may take seconds the first time, with no progress in between.
   */
  preparing?: boolean;
  /** Helpers on other cores expanding the search (pool.ts), once they started. */
  helpers?: number;
  /**
   * The reduced search found a failing run, and the search runs again unreduced for the shortest
   * one (reduced.ts): its counts start again from zero.
   */
  findingShortest?: boolean;
}

/** A path from an initial state: replay with `initialStates()[initial]` then `step` per choice. */
export interface Trace<S, C> {
  initial: number;
  choices: C[];
  /** Index of each choice in `enabled(previous state)`. */
  choiceIndices: number[];
  /** `describeChoice` of each choice (or its JSON). */
  labels: string[];
  /** states[0] is the initial state, states[i + 1] follows choices[i]. */
  states: S[];
  /** Number of steps (= choices.length). */
  depth: number;
}

export interface SometimesReport<S, C> {
  name: string;
  description?: string;
  reached: boolean;
  witness?: Trace<S, C>;
}

/** Learner code threw (structurally detected `learnerError`, see `toLearnerError`). */
export type LearnerErrorInfo = LearnerError;

export type CheckResult<S, C> =
  | (CheckStats & {
      verdict: 'passed';
      sometimes: SometimesReport<S, C>[];
      /** The grown workloads sampled after the exhaustive pass (none broke an invariant). */
      beyond?: BeyondReport[];
    })
  | (CheckStats & {
      verdict: 'violated';
      invariant: string;
      description: string;
      kind: InvariantKind | 'stuck';
      /** The invariant's own explanation on the counterexample's last state, when it has one. */
      explanation?: string;
      counterexample: Trace<S, C>;
      sometimes: SometimesReport<S, C>[];
      /** Set when a random walk past the bound found it (the trace is shrunk, not shortest). */
      sampled?: SampledRuns;
      /**
       * Set when it was found on a grown workload after the bounds passed: the counterexample
       * runs with these settings, not the exercise's own.
       */
      beyond?: { name: string; settings: Record<string, string> };
    })
  | (CheckStats & {
      verdict: 'cycle';
      description: string;
      /** Initial state to the first state of the cycle, then around it back to that state. */
      counterexample: Trace<S, C>;
      /** Index in `counterexample.states` where the cycle starts (the last state repeats it). */
      cycleStart: number;
    })
  | (CheckStats & {
      verdict: 'limit-reached';
      limit: LimitKind;
      /** What reached the limit, when it was not the search itself (limitReached.ts). */
      reason?: string;
      sometimes: SometimesReport<S, C>[];
      /** The random walks that then ran past the bound and found nothing. */
      sampled?: SampledRuns;
    })
  | (CheckStats & LearnerErrorInfo & { verdict: 'learner-error' })
  | (CheckStats & { verdict: 'cancelled' });

export type Verdict = CheckResult<unknown, unknown>['verdict'];

export type SliceOutcome<S, C> =
  | {
      done: false;
      progress: CheckProgress;
      /** Helpers are expanding what comes next: settled when the search can go on. */
      wait?: Promise<unknown>;
    }
  | { done: true; result: CheckResult<S, C> };

/** A check in progress, run in slices (explorer.ts). */
export interface Exploration<S, C> {
  /** Expands up to `budgetStates` states (at least one). */
  runSlice(budgetStates: number): SliceOutcome<S, C>;
  /** Ends the run; returns `cancelled` (or the result if it had already finished). */
  cancel(): CheckResult<S, C>;
  progress(): CheckProgress;
}

// Helpers on other cores (expansion.ts does a helper's work, pool.ts carries it).

export interface ExpandRequest {
  /** The BFS level the states are on (a helper keeps the states it produced for one level). */
  level: number;
  /** The states' fingerprints (hi, lo per state), in level order. */
  fingerprints: Int32Array;
  /**
   * Each state's `serialize` text, or null for a state this helper produced while expanding the
   * level before (it still holds that state, with its caches).
   */
  texts: (string | null)[];
  /** The search is at its depth bound: count the enabled choices, step none. */
  countOnly: boolean;
  /** Bit k set: the search still wants a witness of `sometimes` invariant k (in model order). */
  wanted: number[];
}

/** What learner code (or the model at its limit) threw, as plain data. */
export type ExpansionFailure =
  | { kind: 'learner'; info: LearnerErrorInfo }
  /** The model's reduction does not apply to this check (reduced.ts): start it unreduced. */
  | { kind: 'reduction'; message: string }
  | { kind: 'limit'; limit: LimitKind; reason: string }
  | { kind: 'internal'; message: string };

/** What expanding one chunk found, per state and per successor, in order. */
export interface ExpandedChunk {
  /** Per state: the index (in `model.invariants`) of the first `always` invariant it breaks, or -1. */
  broken: Int32Array;
  /** Per state and wanted `sometimes` invariant k: 1 where it holds (`held[state * n + k]`). */
  held: Uint8Array;
  /** Per state not broken: its successors (its enabled choices with `countOnly`). */
  successors: Int32Array;
  /** Per terminal state: -1 a normal end, -2 stuck, i >= 0 the `atQuiescence` invariant it breaks. */
  end: Int32Array;
  /** Per successor, in order: its fingerprint's halves (hi, lo). */
  fingerprints: Int32Array;
  /** Per successor: its text, or null when this helper sent that state before. */
  texts: (string | null)[];
  /** Expanding state `at` threw after its first `emitted` successors; later states are absent. */
  failure?: { at: number; emitted: number; failure: ExpansionFailure };
}

export interface ExpansionPool {
  /** Helpers in the pool, numbered 0 to size - 1. */
  readonly size: number;
  /** Chunks sent to `helper` and not answered yet. */
  outstanding(helper: number): number;
  /** Sends `request` to `helper`; resolves with its answer. */
  expand(request: ExpandRequest, helper: number): Promise<ExpandedChunk>;
  /**
   * Does one chunk of a helper that runs in the search's own thread, if one is waiting; returns
   * whether it did (pools without such a helper have none).
   */
  workHere?(): boolean;
  /** Stops every helper (outstanding chunks stay unanswered). */
  close(): void;
}
