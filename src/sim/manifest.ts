/**
 * `defineExercise()`: the typed manifest an exercise folder exports from `manifest.ts`.
 *
 * A manifest is configuration, not engine code: the actors (HTTP edges, message endpoints,
 * stores, external APIs), the workload (scripted browser tabs, initial messages), the dispatch
 * mode, fault budgets, invariants, checker limits and the learner's files. Handlers are named by
 * their export name in the learner's file, never stored as closures in the world.
 */
import type { FaultBudget, FaultKind } from './faults';
import type { InvariantSpec } from './invariants';

export interface RetryPolicy {
  /** Immediate retries after a handler failure (NServiceBus-style). */
  immediate: number;
  /** Delayed retries, each after an exponentially growing delay. */
  delayed: number;
  /** Delay of the first delayed retry in ticks; doubles each time. */
  backoffBaseTicks: number;
}

export interface HttpEndpointSpec {
  kind: 'http';
  /** route name -> export name of its handler in the learner's file */
  routes: Record<string, string>;
  /**
   * The edge keeps no state of its own and only forwards the user's intent as messages: what it
   * sends is not a ghost (there is nothing it could have committed first).
   */
  forwardsOnly?: boolean;
}

export interface MessageEndpointSpec {
  kind: 'messages';
  /** message type -> export name of its handler */
  handles: Record<string, string>;
  /** Concurrent handler invocations (competing consumers). Default 1. */
  concurrency?: number;
  retries?: RetryPolicy;
  /**
   * Name of an export of the learner's file that gives this endpoint's retry policy (overrides
   * `retries`), for lessons where configuring retries is the task.
   */
  retriesExport?: string;
  /** Export names of middleware (pipeline behaviours), outermost first. */
  middleware?: string[];
}

export type EndpointSpec = HttpEndpointSpec | MessageEndpointSpec;

export type StoreSpec =
  | {
      kind: 'documents';
      /** Initial documents: collection -> id -> value (version 1). */
      initial?: Record<string, Record<string, unknown>>;
      /** Collections whose writes are bookkeeping (dedup, outbox), not business changes. */
      bookkeeping?: string[];
    }
  | {
      kind: 'events';
      /** Initial events: stream -> event data in stream order (versions 1, 2...). */
      initial?: Record<string, unknown[]>;
    }
  | { kind: 'kv'; initial?: Record<string, unknown>; bookkeeping?: boolean };

export interface ExternalApiSpec {
  /** Whether the API stores responses under an idempotency key and returns them on repeats. */
  honoursIdempotencyKeys: boolean;
  /** The API is down (every call fails) until the simulated clock reaches this tick. */
  outageUntilTick?: number;
}

export interface UserAction {
  /** HTTP endpoint and route the click calls. */
  endpoint: string;
  route: string;
  /**
   * The request body. A top-level field whose value is `{ $fromResponse: 'name' }` is filled in
   * when the click happens with that field of this tab's last response body (null when there was
   * none): the browser carries e.g. a consistency token from one response into the next request.
   */
  body?: unknown;
  /** Wait for the response before the next action (false: e.g. a double click). Default true. */
  wait?: boolean;
}

/** A request body field taken from the tab's last response (see `UserAction.body`). */
export interface FromResponse {
  $fromResponse: string;
}

export function isFromResponse(v: unknown): v is FromResponse {
  return (
    typeof v === 'object' &&
    v !== null &&
    Object.keys(v).length === 1 &&
    typeof (v as { $fromResponse?: unknown }).$fromResponse === 'string'
  );
}

/** Whether a tab's script reads its responses, so the tab must keep them. */
export function readsResponses(tab: TabSpec): boolean {
  return tab.actions.some(
    (a) =>
      typeof a.body === 'object' &&
      a.body !== null &&
      Object.values(a.body as Record<string, unknown>).some(isFromResponse),
  );
}

/** The intent key of a tab's action (0-based index): `alice#0`. */
export function intentOfAction(tab: string, action: number): string {
  return `${tab}#${action}`;
}

/** The intent key of the workload's initial message at `index`. */
export function intentOfMessage(index: number): string {
  return `message#${index}`;
}

/** The ids the initial messages get: their own, or `m<n>` numbering the id-less ones in order. */
export function initialMessageIds(messages: readonly InitialMessage[]): string[] {
  let n = 0;
  return messages.map((m) => m.id ?? `m${++n}`);
}

export interface TabSpec {
  name: string;
  actions: UserAction[];
  /** How many times the browser tries a request whose request or response is lost. Default 1. */
  maxAttempts?: number;
}

export interface InitialMessage {
  destination: string;
  type: string;
  id?: string;
  payload?: unknown;
}

export interface Workload {
  tabs?: TabSpec[];
  messages?: InitialMessage[];
}

export interface CheckerLimits {
  maxStates: number;
  maxDepth: number;
  maxTimeMs: number;
}

export interface VariantSpec {
  /** File in the exercise folder. */
  file: string;
  /** What the variant gets wrong, in a sentence a learner understands. */
  description: string;
  /** Invariant the checker must report (null: must pass). */
  violates: string | null;
}

/** What the exactly-once oracle compares (see src/sim/outcome.ts); the default is everything. */
export interface OutcomeSpec {
  /**
   * Parts of the world that are bookkeeping, not business: `store` (a whole store),
   * `store/collection`, `store/collection.field` (one field of every document),
   * `messages` (no message counts) or `messages/Type`.
   */
  ignore?: string[];
  /**
   * Sections where this lesson accepts duplicates (at-least-once, deduplicated in a later
   * lesson): compared as sets, so every effect must be there and nothing else, but repeats pass.
   * Same names as `ignore`, e.g. `db/orders` or `messages/SubmitOrder`.
   */
  atLeastOnce?: string[];
}

/**
 * A hint tied to what a counterexample shows: it is shown next to the verdict when every
 * condition given in `when` holds of the counterexample's run.
 */
export interface CounterexampleHint {
  when: {
    /** The run breaks this invariant. */
    invariant?: string;
    /** The run injects a fault of this kind. */
    fault?: FaultKind;
    /** One line of the learner's code ran in two attempts at the same input (a copy, a retry). */
    lineRanTwice?: true;
  };
  text: string;
}

export interface ExerciseManifest {
  id: string;
  title: string;
  summary: string;
  /** Block of the workshop agenda, e.g. "Foundations". */
  block: string;
  endpoints: Record<string, EndpointSpec>;
  /** Event type -> subscribed endpoints (for ctx.publish). */
  subscriptions?: Record<string, string[]>;
  stores: Record<string, StoreSpec>;
  external?: Record<string, ExternalApiSpec>;
  workload: Workload;
  /** Sends leave during the handler ('immediate') or after it returns ('batched'). */
  dispatch: 'immediate' | 'batched';
  faults: FaultBudget;
  invariants: InvariantSpec[];
  /** What the exactly-once oracle compares (default: all business state and messages sent). */
  outcome?: OutcomeSpec;
  /**
   * Mutants of the solution (scripts/mutants.ts ids, e.g. "swap-calls in submitCart #1") that this
   * exercise's model cannot tell from the solution, each with a one-line reason. They are listed
   * in the README's "What the checker does not prove"; every other mutant must be caught.
   */
  equivalentMutants?: Record<string, string>;
  /**
   * Groups of ids that are interchangeable (initial message ids, tab names): worlds that differ
   * only by renaming them are one state to the checker (src/sim/symmetry.ts). Only for ids the
   * handlers treat as opaque.
   */
  interchangeable?: string[][];
  limits: CheckerLimits;
  /**
   * The run the page opens with (and Play plays until the learner changes the seed): default the
   * happy path (seed 0, no faults), so the README's first "Try this" steps hold as opened.
   */
  opening?: { seed: number };
  /** Hints shown next to a counterexample that matches them (src/workshop/hints.ts). */
  hints?: CounterexampleHint[];
  files: {
    starter: string;
    /** Invariant the starter must violate (default: the first one listed). */
    starterViolates?: string;
    solution: string;
    /** Known-bad variants: name -> spec. */
    variants: Record<string, VariantSpec>;
  };
}

export const DEFAULT_RETRIES: RetryPolicy = { immediate: 1, delayed: 0, backoffBaseTicks: 10 };

/** Bounds of each retry policy field, whether set in the manifest, by a setting or by learner code. */
export const RETRY_POLICY_RANGE: Record<keyof RetryPolicy, { min: number; max: number }> = {
  immediate: { min: 0, max: 10 },
  delayed: { min: 0, max: 10 },
  backoffBaseTicks: { min: 0, max: 1000 },
};

/** A message endpoint's retry policy as its manifest (with settings applied) gives it. */
export function configuredRetries(spec: MessageEndpointSpec): RetryPolicy {
  return spec.retries ?? DEFAULT_RETRIES;
}

/** The checker's bounds when a manifest does not set them. */
export const DEFAULT_LIMITS: CheckerLimits = {
  maxStates: 200_000,
  maxDepth: 200,
  maxTimeMs: 10_000,
};

/**
 * What an author writes in manifest.ts: an {@link ExerciseManifest} whose usual values may be
 * left out (see {@link defineExercise}).
 */
export type ExerciseManifestInput = Omit<ExerciseManifest, 'dispatch' | 'limits' | 'files'> & {
  /** Default 'immediate'. */
  dispatch?: ExerciseManifest['dispatch'];
  /** Default {@link DEFAULT_LIMITS}; give only the bounds that differ. */
  limits?: Partial<CheckerLimits>;
  files?: {
    /** Default 'starter.ts'. */
    starter?: string;
    starterViolates?: string;
    /** Default 'solution.ts'. */
    solution?: string;
    /** Known-bad variants: name -> spec; `file` defaults to `variants/<name>.ts`. */
    variants?: Record<string, Omit<VariantSpec, 'file'> & { file?: string }>;
  };
};

/** `export default defineExercise({...})`: the manifest, with the usual values filled in. */
export function defineExercise(input: ExerciseManifestInput): ExerciseManifest {
  const files = input.files ?? {};
  return {
    ...input,
    dispatch: input.dispatch ?? 'immediate',
    limits: { ...DEFAULT_LIMITS, ...input.limits },
    files: {
      starter: files.starter ?? 'starter.ts',
      ...(files.starterViolates !== undefined ? { starterViolates: files.starterViolates } : {}),
      solution: files.solution ?? 'solution.ts',
      variants: Object.fromEntries(
        Object.entries(files.variants ?? {}).map(([name, v]) => [
          name,
          { ...v, file: v.file ?? `variants/${name}.ts` },
        ]),
      ),
    },
  };
}
