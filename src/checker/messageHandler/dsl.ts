/**
 * The step language of the model-checking lesson (exercise 18), as the learner sees it.
 *
 * A model file exports `steps`: one function per label of the handler (the first label is where
 * it starts), each ONE atomic step, like a PlusCal label; and `invariants`: named predicates over
 * the state. A step reads and writes the state `s` and ends with `s.goto(label)`. Branching is
 * explicit: `s.pick(set)` explores one branch per element (and blocks on an empty set, like
 * TLA+'s `with`), `s.either('fail')` explores two branches (true first). `s.await(cond)` blocks
 * the step while `cond` is false.
 *
 * Ids are 1..messages and txIds 1..31; 0 means "unset". Sets are small bitsets underneath, so a
 * state is a handful of ints and millions of states per second can be checked.
 */

/** A set of message ids (1..messages). */
export interface IdSet {
  readonly size: number;
  has(id: number): boolean;
  isEmpty(): boolean;
  add(id: number): void;
  delete(id: number): void;
  every(pred: (id: number) => boolean): boolean;
  some(pred: (id: number) => boolean): boolean;
  forEach(fn: (id: number) => void): void;
  ids(): number[];
}

/** A set of (id, txId) pairs, e.g. DB changes or outgoing messages. */
export interface PairSet {
  readonly size: number;
  has(id: number, txId: number): boolean;
  /** Some pair has this id. */
  hasId(id: number): boolean;
  /** The (smallest) txId paired with `id`, or 0 when there is none. */
  txOf(id: number): number;
  /** How many pairs have this id. */
  countOf(id: number): number;
  isEmpty(): boolean;
  add(id: number, txId: number): void;
  delete(id: number, txId: number): void;
  every(pred: (id: number, txId: number) => boolean): boolean;
  some(pred: (id: number, txId: number) => boolean): boolean;
  forEach(fn: (id: number, txId: number) => void): void;
  pairs(): { id: number; txId: number }[];
}

/** One counter per message id, all starting at 0. */
export interface Counters {
  get(id: number): number;
  set(id: number, value: number): void;
  inc(id: number): void;
}

/** The state of the world and of the one handler process. */
export interface HandlerState {
  /** The handler's current label. */
  readonly pc: string;
  at(label: string): boolean;
  /** Where the handler goes next (one step per label). */
  goto(label: string): void;
  /** Handler locals: the message being handled and this attempt's txId (0 = unset). */
  msg: number;
  txId: number;
  /** The next txId to hand out (starts at 1). */
  txCounter: number;
  /** The global failure counter (the "diet" model). */
  failures: number;
  /** Per-message failure counters (the faithful model). */
  readonly msgFailures: Counters;
  readonly queueIn: IdSet;
  readonly queueOut: PairSet;
  readonly db: PairSet;
  readonly processed: IdSet;
  /** Parameters: N and MaxFailures. */
  readonly messages: number;
  readonly maxFailures: number;
  /** Explores one branch per element of `set` and returns it; blocks when `set` is empty. */
  pick(set: IdSet): number;
  /** Explores two branches: returns true (the `name`d one, e.g. 'fail') then false. */
  either(name?: string): boolean;
  /** Blocks this step unless `condition` holds. */
  await(condition: boolean): void;
}

export type Step = (s: HandlerState) => void;
export type Steps = Record<string, Step>;

export type InvariantKindName = 'always' | 'atQuiescence' | 'sometimes';
export type InvariantFn = (s: HandlerState) => boolean;
/** A bare function is an `always` invariant. */
export type InvariantSpec =
  InvariantFn | { kind: InvariantKindName; holds: InvariantFn; description?: string };
export type Invariants = Record<string, InvariantSpec>;

/** The exports of a model file. */
export interface HandlerModule {
  steps: Steps;
  invariants?: Invariants;
  /** When a terminal state is a normal end (default: the input queue is empty). */
  finished?: (s: HandlerState) => boolean;
}

export interface HandlerParams {
  /** N: input messages 1..N (1..8). */
  messages: number;
  /** MaxFailures (0..20). */
  maxFailures: number;
}
