/**
 * The context every transition works in: the world a step changes, where its events go, and
 * what stays the same across the steps of one engine (machines, handler runtime, settings).
 */
import type { Interned } from '../core/interned';
import type { ActorMachines } from './actors';
import type { CallResult } from './effects';
import type { ExerciseManifest, RetryPolicy } from './manifest';
import type { HandlerRuntime } from './runtime';
import type { TraceEvent } from './trace';
import type { World } from './world';

export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What stays the same across the steps of one engine. */
export type StepShared = Omit<StepContext, 'world' | 'tracing' | 'emit'>;

/**
 * The context of one step: the world it changes and where its events go. A class, not a bag of
 * closures: one allocation per step on the hottest path of every driver.
 */
export class Step implements StepContext {
  readonly tracing: boolean;
  readonly machines: ActorMachines;
  readonly runtime: HandlerRuntime;
  readonly results: Interned<CallResult>;
  readonly dispatch: 'immediate' | 'batched';
  readonly defaultStore: string;
  readonly manifest: ExerciseManifest;
  readonly bookkeeping: Map<string, Set<string> | true>;
  readonly retryPolicy: (endpoint: string) => RetryPolicy;
  readonly describeError?: (error: unknown) => string;

  constructor(
    readonly world: World,
    private readonly events: TraceEvent[] | null,
    private readonly stepIndex: number,
    shared: StepShared,
  ) {
    this.tracing = events !== null;
    this.machines = shared.machines;
    this.runtime = shared.runtime;
    this.results = shared.results;
    this.dispatch = shared.dispatch;
    this.defaultStore = shared.defaultStore;
    this.manifest = shared.manifest;
    this.bookkeeping = shared.bookkeeping;
    this.retryPolicy = shared.retryPolicy;
    this.describeError = shared.describeError;
  }

  /** Events are built once and stamped in place; without a trace nothing is kept. */
  emit(e: DistributiveOmit<TraceEvent, 'step' | 'tick'>): void {
    if (!this.events) return;
    const stamped = e as TraceEvent;
    stamped.step = this.stepIndex;
    stamped.tick = this.world.tick;
    this.events.push(stamped);
  }
}

export interface StepContext {
  world: World;
  /** Whether events are recorded; without a trace (benchmarks) they are not even built. */
  tracing: boolean;
  emit(e: DistributiveOmit<TraceEvent, 'step' | 'tick'>): void;
  machines: ActorMachines;
  runtime: HandlerRuntime;
  /** Call results by content: equal results are one object across this engine's worlds. */
  results: Interned<CallResult>;
  dispatch: 'immediate' | 'batched';
  defaultStore: string;
  manifest: ExerciseManifest;
  /** Per store: the collections (documents) or the whole store (kv) that hold bookkeeping, not business state. */
  bookkeeping: Map<string, Set<string> | true>;
  retryPolicy(endpoint: string): RetryPolicy;
  describeError?: (error: unknown) => string;
}
