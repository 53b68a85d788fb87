/**
 * Breadth-first exhaustive exploration, in slices.
 *
 * Contract: `explore(model, options)` returns an {@link Exploration}; each `runSlice(budget)`
 * expands at most `budget` states and returns either progress or the final result, so a worker
 * can post progress and honour a cancel flag between slices. `checkModel` runs to completion.
 *
 * Memory: per distinct state only a 64-bit fingerprint (in {@link FingerprintTable}) and
 * (parent index, choice index) in typed arrays; full states exist for the current and next BFS
 * level only. Indices are assigned in BFS order, so a parent's index is always smaller than its
 * child's and level d occupies [levelStarts[d], levelStarts[d + 1]).
 *
 * Verdicts are found in BFS order: every state's `always` / `sometimes` invariants are checked
 * when it is expanded, and terminal checks (`stuck`, `atQuiescence`) too, so the first violation
 * found is a shortest one and its trace (parent pointers, re-stepped) is a shortest
 * counterexample.
 *
 * Cycles (see cycles.ts for the complete post-check): along a BFS-tree edge depth grows by one,
 * so every cycle contains an edge s -> t with depth(t) <= depth(s), i.e. to an already-known
 * state outside the level being built (index < nextLevelStart). For each such edge the explorer
 * first walks s's parents while their index exceeds t's (ancestors have smaller indices): if it
 * meets t, the edge closes a cycle through the BFS tree and is reported at once as a lasso trace.
 * Otherwise t is remembered as a candidate root, and after the search a DFS with white/grey/black
 * colours from those roots decides exactly whether a cycle exists. Acyclic models whose paths to a
 * state all have the same length (the usual case) produce no candidates and pay nothing.
 */
import { ReducedFirst, ReductionUnsound } from './reduced';
import { assertNever } from '../core/assert';
import { BeyondPhase, DEFAULT_BEYOND_WALKS } from './beyond';
import { CycleSearch } from './cycles';
import {
  STUCK,
  createExpansionHelper,
  fingerprintInto,
  invariantsByKind,
  type ExpandedChunk,
  type ExpansionFailure,
} from './expansion';
import { FingerprintTable, IntVector, hashVector } from './fingerprintTable';
import { GenericFrontier } from './frontier';
import { toLearnerError } from './learnerError';
import { SearchLimitReached, limitReachedResult } from './limitReached';
import { HelperLevels } from './helperLevels';
import { withHelperHere } from './pool';
import { Swarm, shrink } from './swarm';
import { pathTo, replay } from './trace';
import {
  cycleResult,
  neverHappenedResult,
  sometimesReports,
  violatedResult,
  type SearchTree,
} from './verdicts';
import type {
  CheckOptions,
  CheckProgress,
  CheckResult,
  CheckStats,
  Exploration,
  ExpansionPool,
  Invariant,
  LimitKind,
  Model,
  PackedModel,
  SampledRuns,
  SampleOptions,
  SliceOutcome,
  SometimesReport,
} from './types';

export const DEFAULT_MAX_STATES = 5_000_000;
export const DEFAULT_MAX_DEPTH = 1_000_000;
export const DEFAULT_MAX_MEMORY_MB = 1_000;
/** Per distinct state: fingerprint slot (with the table's slack), parent, choice, out-degree. */
const BYTES_PER_STATE = 48;
const BATCH_STATES = 512;
const DEFAULT_SAMPLE_SHARE = 0.25;
const DEFAULT_MAX_WALKS = 20_000;
const DEFAULT_POOL_FROM_STATES = 2_000;

export type { Exploration, SliceOutcome } from './types';

/**
 * The exhaustive search; when it samples and the model declares grown workloads, followed by
 * walks on them after a pass (beyond.ts).
 */
export function explore<S, C>(model: Model<S, C>, options: CheckOptions = {}): Exploration<S, C> {
  const search: Exploration<S, C> = model.unreduced
    ? new ReducedFirst(model, model.unreduced, options, (m, o) => new Explorer(m, o))
    : new Explorer(model, options);
  if (!options.sample || !model.beyond?.length || options.sample.beyondWalks === 0) return search;
  return new BeyondPhase(search, model.beyond, {
    now: options.now ?? (() => 0),
    maxTimeMs: options.maxTimeMs ?? Infinity,
    walks: options.sample.beyondWalks ?? DEFAULT_BEYOND_WALKS,
    seed: options.sample.seed ?? 1,
  });
}

/** Runs a whole check synchronously. */
export function checkModel<S, C>(
  model: Model<S, C>,
  options: CheckOptions = {},
): CheckResult<S, C> {
  const run = explore(model, options);
  for (;;) {
    const out = run.runSlice(1 << 20);
    if (out.done) return out.result;
  }
}

/** Runs a whole check, with helpers when `options.pool` is given (waiting for their answers). */
export async function checkModelAsync<S, C>(
  model: Model<S, C>,
  options: CheckOptions = {},
  /**
   * Lets the helpers' answers in (a macrotask: `setImmediate` in Node). Without it, only the
   * answer the search waits on arrives, and while the search's own thread expands chunks the
   * helpers' answers queue up unread, leaving them idle.
   */
  yieldToEvents: () => Promise<void> = () => Promise.resolve(),
): Promise<CheckResult<S, C>> {
  const run = explore(model, options);
  for (;;) {
    const out = run.runSlice(1 << 20);
    if (out.done) return out.result;
    if (out.wait) {
      await out.wait;
      await yieldToEvents();
    }
  }
}

type Pending =
  | { kind: 'violated'; index: number; invariant: Invariant<unknown> | 'stuck' }
  | { kind: 'cycle'; from: number; choice: number; to: number }
  | { kind: 'limit'; limit: LimitKind };

class Explorer<S, C> implements Exploration<S, C>, SearchTree<S, C> {
  private readonly packed: PackedModel<S> | undefined;
  private readonly width: number;
  private readonly now: () => number;
  private readonly startMs: number;
  private readonly maxStates: number;
  private readonly maxDepth: number;
  private readonly maxTimeMs: number;
  private readonly maxMemoryBytes: number;
  /** The exhaustive search's own time budget (less than `maxTimeMs` when sampling follows). */
  private readonly searchTimeMs: number;
  private readonly sample: SampleOptions | undefined;
  private sampling:
    | {
        swarm: Swarm<S, C>;
        limit: LimitKind;
        maxDepth: number;
        stats: CheckStats;
      }
    | undefined;

  private readonly table = new FingerprintTable();
  readonly parents = new IntVector();
  readonly choices = new IntVector();
  private readonly levelStarts: number[] = [0];
  private readonly candidates = new IntVector(1024);
  /** CSR edge list (target indices) for the exact cycle post-check, see cycles.ts. */
  /** Successor count of each expanded state, in index order (prefix sums give CSR starts). */
  private readonly outDegree = new IntVector();
  private readonly edges = new IntVector();
  private readonly h = new Int32Array(2);
  private readonly always: number[];
  private readonly atQuiescence: number[];
  private readonly sometimes: number[];
  private readonly sometimesFound: number[];

  private count = 0;
  private generated = 0;
  private terminal = 0;
  private depth = 0;
  private pos = 0;
  private nextLevelStart = 0;
  private expanding = -1;
  private pending: Pending | undefined;
  private result: CheckResult<S, C> | undefined;
  private cycleSearch: CycleSearch | undefined;

  // Generic frontier.
  private readonly frontier: GenericFrontier<S>;
  // Helpers on other cores (generic models with serialize only): the current level goes out in
  // chunks, and their answers are merged in level order.
  private helpers: HelperLevels | undefined;
  private startPool: (() => ExpansionPool | undefined) | undefined;
  private readonly poolFromStates: number;
  private waitFor: Promise<unknown> | undefined;
  // Packed frontier.
  private curBuf: Int32Array = new Int32Array(0);
  private nextBuf: Int32Array = new Int32Array(0);
  private nextCount = 0;
  private readonly scratch: Int32Array;
  private readonly emitPacked: (choice: number) => void;
  // Packed successors wait in a batch: hashing them all, then touching their table slots, then
  // inserting them in order overlaps the cache misses of the table (~2x faster lookups).
  private batch: Int32Array = new Int32Array(0);
  private batchParent: Int32Array = new Int32Array(BATCH_STATES * 2);
  private batchChoice: Int32Array = new Int32Array(BATCH_STATES * 2);
  private batchHash: Int32Array = new Int32Array(BATCH_STATES * 4);
  private batchCount = 0;

  constructor(
    readonly model: Model<S, C>,
    options: CheckOptions,
  ) {
    this.packed = model.packed;
    this.width = this.packed ? this.packed.width : 0;
    this.now = options.now ?? (() => 0);
    this.startMs = this.now();
    this.maxStates = options.maxStates ?? DEFAULT_MAX_STATES;
    this.maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.maxTimeMs = options.maxTimeMs ?? Infinity;
    this.maxMemoryBytes = (options.maxMemoryMB ?? DEFAULT_MAX_MEMORY_MB) * 1_048_576;
    // Serialised once object states would hold a quarter of the memory budget.
    this.frontier = new GenericFrontier(
      model.serialize && model.deserialize
        ? { serialize: model.serialize, deserialize: model.deserialize }
        : undefined,
      this.maxMemoryBytes / 4,
    );
    this.sample = options.sample;
    const pooled = !this.packed && model.serialize && model.deserialize ? options.pool : undefined;
    if (pooled && typeof pooled !== 'function') this.helpers = this.helpersOn(pooled);
    this.startPool = typeof pooled === 'function' ? pooled : undefined;
    this.poolFromStates = options.poolFromStates ?? DEFAULT_POOL_FROM_STATES;
    this.searchTimeMs = this.sample
      ? this.maxTimeMs * (1 - (this.sample.share ?? DEFAULT_SAMPLE_SHARE))
      : this.maxTimeMs;
    this.scratch = new Int32Array(Math.max(1, this.width));
    ({
      always: this.always,
      atQuiescence: this.atQuiescence,
      sometimes: this.sometimes,
    } = invariantsByKind(model));
    this.sometimesFound = this.sometimes.map(() => -1);
    this.emitPacked = (choice) => this.addToBatch(choice);
    this.batch = new Int32Array(BATCH_STATES * 2 * Math.max(1, this.width));
  }

  progress(): CheckProgress {
    const frontier = this.packed
      ? this.levelSize() - this.pos + this.nextCount
      : this.frontier.waiting(this.pos);
    return {
      distinctStates: this.count,
      generatedStates: this.generated,
      depth: this.depth,
      frontier,
      phase: this.sampling ? 'sampling' : this.cycleSearch ? 'cycle-check' : 'search',
      ...(this.sampling ? { walks: this.sampling.swarm.stats().walks } : {}),
    };
  }

  cancel(): CheckResult<S, C> {
    this.result ??= { verdict: 'cancelled', ...this.stats() };
    return this.result;
  }

  runSlice(budgetStates: number): SliceOutcome<S, C> {
    if (this.result) return { done: true, result: this.result };
    try {
      if (this.count === 0 && this.levelStarts.length === 1) this.start();
      let budget = Math.max(1, budgetStates);
      while (budget > 0 && !this.result) {
        if (this.sampling) {
          budget -= this.stepSampling(budget);
          continue;
        }
        const n = this.cycleSearch
          ? this.stepCycleSearch(budget)
          : this.helpers
            ? this.searchWithHelpers(budget)
            : this.searchSome(budget);
        budget -= n;
        if (!this.result && this.now() - this.startMs > this.searchTimeMs) {
          this.pending = { kind: 'limit', limit: 'time' };
        }
        if (this.pending) this.finishPending();
        if (this.waitFor) break;
      }
    } catch (err) {
      if (err instanceof SearchLimitReached) {
        // The model cannot go on within the limits (e.g. the oracle's reference run took the time).
        this.result = limitReachedResult(err, this.stats(), this.sometimesReports());
      } else {
        const info = toLearnerError(err);
        if (!info) throw err;
        this.result = { verdict: 'learner-error', ...info, ...this.stats() };
      }
    }
    if (this.result) return { done: true, result: this.result };
    const wait = this.waitFor;
    this.waitFor = undefined;
    return { done: false, progress: this.progress(), ...(wait ? { wait } : {}) };
  }

  private stats(): CheckStats {
    return {
      distinctStates: this.count,
      generatedStates: this.generated,
      depth: this.depth,
      terminalStates: this.terminal,
      elapsedMs: this.now() - this.startMs,
      ...(this.helpers ? { helpers: this.helpers.threads } : {}),
    };
  }

  private start(): void {
    const initial = this.model.initialStates();
    if (this.packed) this.nextBuf = new Int32Array(Math.max(1, initial.length) * this.width);
    initial.forEach((s, i) => {
      this.generated++;
      const idx = this.count;
      if (this.fingerprintAndInsert(s, idx) >= 0) return;
      this.parents.push(-1);
      this.choices.push(i);
      this.count++;
      if (this.packed) this.pushNext(this.packed.toVector(s), 0);
      else if (this.helpers) {
        this.frontier.pushText(this.model.serialize!(s));
        this.helpers.push(this.h[0]!, this.h[1]!, -1);
      } else this.frontier.push(s, this.count - 1);
    });
    this.beginLevel(0);
  }

  private fingerprintAndInsert(s: S, idx: number): number {
    this.fingerprintOf(s);
    return this.table.getOrInsert(this.h[0]!, this.h[1]!, idx);
  }

  /** Writes the fingerprint of `s` into `this.h`. */
  private fingerprintOf(s: S): void {
    if (this.packed) {
      hashVector(this.packed.toVector(s), 0, this.width, this.h);
      return;
    }
    fingerprintInto(this.model, s, this.h);
  }

  /** Makes the next level current. */
  private beginLevel(depth: number): void {
    this.depth = depth;
    this.pos = 0;
    if (this.packed) {
      const t = this.curBuf;
      this.curBuf = this.nextBuf;
      this.nextBuf = t;
      this.nextCount = 0;
    } else {
      this.frontier.advance();
      this.helpers?.advance();
    }
    this.nextLevelStart = this.count;
    this.levelStarts.push(this.count);
  }

  private levelSize(): number {
    return this.levelStarts[this.depth + 1]! - this.levelStarts[this.depth]!;
  }

  /** Expands up to `budget` states of the search; returns how many it expanded. */
  private searchSome(budget: number): number {
    let done = 0;
    while (done < budget && !this.pending) {
      if (this.pos === this.levelSize()) {
        if (!this.nextLevel()) return this.result ? Math.max(done, 1) : done;
        // Helpers took over from this level on (searchWithHelpers).
        if (this.helpers) return done;
        continue;
      }
      this.expanding = this.levelStarts[this.depth]! + this.pos;
      if (this.packed) this.expandPacked(this.packed);
      else this.expandGeneric(this.frontier.take(this.pos));
      this.pos++;
      done++;
      if (this.batchCount >= BATCH_STATES) this.flushBatch();
      if (this.count > this.maxStates && !this.pending) {
        this.pending = { kind: 'limit', limit: 'states' };
      }
      if ((done & 63) === 0 && !this.pending && this.memoryBytes() > this.maxMemoryBytes) {
        this.pending = { kind: 'limit', limit: 'memory' };
      }
      if ((done & 255) === 0 && this.now() - this.startMs > this.searchTimeMs) break;
    }
    return done;
  }

  /**
   * The current level is expanded: begins the next one and returns true, or ends the search (a
   * result, or a pending limit or verdict) and returns false.
   */
  private nextLevel(): boolean {
    this.flushBatch();
    if (this.pending) return false;
    if (this.count === this.nextLevelStart) {
      this.endSearch();
      return false;
    }
    if (this.count > this.maxStates) {
      this.pending = { kind: 'limit', limit: 'states' };
      return false;
    }
    if (!this.helpers && this.startPool && this.count >= this.poolFromStates) {
      this.handToHelpers();
    }
    this.beginLevel(this.depth + 1);
    return true;
  }

  /**
   * The search goes on with helpers from the next level: its states go out as their texts (no
   * helper produced them), so their fingerprints are not needed.
   */
  private handToHelpers(): void {
    const pool = this.startPool!();
    this.startPool = undefined;
    if (!pool) return;
    const helpers = (this.helpers = this.helpersOn(pool));
    for (let i = this.nextLevelStart; i < this.count; i++) helpers.push(0, 0, -1);
  }

  /** The pool's helpers and one in this thread, which works while the search would wait. */
  private helpersOn(pool: ExpansionPool): HelperLevels {
    return new HelperLevels(withHelperHere(pool, createExpansionHelper(this.model)), pool.size);
  }

  /**
   * The search with helpers: keeps chunks of the level out with every helper, merges their answers
   * in level order (so the result is the sequential search's), and returns how many states it
   * merged; when the next answer is not in yet, sets `waitFor` and returns.
   */
  private searchWithHelpers(budget: number): number {
    let done = 0;
    while (done < budget && !this.pending) {
      if (this.pos === this.levelSize()) {
        if (!this.nextLevel()) return this.result ? Math.max(done, 1) : done;
        continue;
      }
      const helpers = this.helpers!;
      helpers.dispatch({
        size: this.levelSize(),
        depth: this.depth,
        takeText: (p) => this.frontier.takeText(p),
        countOnly: this.depth >= this.maxDepth,
        wanted: this.sometimesFound.map((at) => (at < 0 ? 1 : 0)),
      });
      const head = helpers.head()!;
      if (head.error !== undefined) throw head.error;
      if (!head.chunk) {
        // Nothing to merge yet: expand a chunk here if one waits, then come back at once.
        this.waitFor = helpers.pool.workHere?.() ? Promise.resolve() : head.settled;
        return done;
      }
      helpers.shift();
      done += this.mergeChunk(head.chunk, head.count, head.helper);
      if (!this.pending && this.memoryBytes() > this.maxMemoryBytes) {
        this.pending = { kind: 'limit', limit: 'memory' };
      }
      if (this.now() - this.startMs > this.searchTimeMs) break;
    }
    return done;
  }

  /**
   * Takes in a helper's answer for the next `count` states of the level exactly as
   * `expandGeneric` would have found it; returns how many states it took (fewer when a verdict
   * or limit comes first).
   */
  private mergeChunk(c: ExpandedChunk, count: number, helper: number): number {
    const nSometimes = this.sometimes.length;
    const levelStart = this.levelStarts[this.depth]!;
    let successor = 0;
    for (let at = 0; at < count; at++) {
      const idx = levelStart + this.pos;
      this.expanding = idx;
      if (c.failure?.at === at) {
        for (let e = 0; e < c.failure.emitted && !this.pending; e++) {
          this.mergeSuccessor(c, successor++, idx, e, helper);
        }
        throw failureToError(c.failure.failure);
      }
      this.pos++;
      const broken = c.broken[at]!;
      if (broken >= 0) {
        this.violate(idx, broken);
        return at + 1;
      }
      for (let k = 0; k < nSometimes; k++) {
        if (c.held[at * nSometimes + k] && this.sometimesFound[k]! < 0)
          this.sometimesFound[k] = idx;
      }
      const n = c.successors[at]!;
      if (n > 0 && this.depth >= this.maxDepth) {
        this.pending = { kind: 'limit', limit: 'depth' };
        return at + 1;
      }
      this.outDegree.push(n);
      for (let ci = 0; ci < n; ci++) {
        this.mergeSuccessor(c, successor++, idx, ci, helper);
        if (this.pending) return at + 1;
      }
      if (n === 0) {
        this.terminal++;
        const end = c.end[at]!;
        if (end === STUCK) this.pending = { kind: 'violated', index: idx, invariant: 'stuck' };
        else if (end >= 0) this.violate(idx, end);
        if (this.pending) return at + 1;
      }
      if (this.count > this.maxStates) {
        this.pending = { kind: 'limit', limit: 'states' };
        return at + 1;
      }
    }
    return count;
  }

  private mergeSuccessor(
    c: ExpandedChunk,
    j: number,
    from: number,
    choice: number,
    helper: number,
  ): void {
    this.generated++;
    const tIdx = this.count;
    const hi = c.fingerprints[2 * j]!;
    const lo = c.fingerprints[2 * j + 1]!;
    const found = this.table.getOrInsert(hi, lo, tIdx);
    this.edges.push(found < 0 ? tIdx : found);
    if (found < 0) {
      const text = c.texts[j];
      if (text == null) throw new Error('A helper sent a new state without its text.');
      this.parents.push(from);
      this.choices.push(choice);
      this.count++;
      this.frontier.pushText(text);
      this.helpers!.push(hi, lo, helper);
    } else if (found < this.nextLevelStart) {
      this.backEdge(from, choice, found);
    }
  }

  private expandPacked(packed: PackedModel<S>): void {
    const buf = this.curBuf;
    const off = this.pos * this.width;
    const idx = this.expanding;
    for (const i of this.always) {
      if (!packed.invariantHolds(i, buf, off)) return this.violate(idx, i);
    }
    for (let k = 0; k < this.sometimes.length; k++) {
      if (this.sometimesFound[k]! < 0 && packed.invariantHolds(this.sometimes[k]!, buf, off)) {
        this.sometimesFound[k] = idx;
      }
    }
    let n: number;
    if (this.depth >= this.maxDepth) {
      n = packed.successors(buf, off, this.scratch, noop);
      if (n > 0) this.pending = { kind: 'limit', limit: 'depth' };
      return;
    }
    n = packed.successors(buf, off, this.scratch, this.emitPacked);
    this.outDegree.push(n);
    if (n === 0) {
      this.terminal++;
      if (packed.isQuiescent && !packed.isQuiescent(buf, off)) {
        this.pending = { kind: 'violated', index: idx, invariant: 'stuck' };
        return;
      }
      for (const i of this.atQuiescence) {
        if (!packed.invariantHolds(i, buf, off)) return this.violate(idx, i);
      }
    }
  }

  private addToBatch(choice: number): void {
    this.generated++;
    const w = this.width;
    const k = this.batchCount++;
    if (k === this.batchParent.length) this.growBatch();
    const at = k * w;
    const batch = this.batch;
    const scratch = this.scratch;
    for (let i = 0; i < w; i++) batch[at + i] = scratch[i]!;
    this.batchParent[k] = this.expanding;
    this.batchChoice[k] = choice;
  }

  private growBatch(): void {
    const grow = (a: Int32Array, factor: number): Int32Array => {
      const b = new Int32Array(a.length * factor);
      b.set(a);
      return b;
    };
    this.batch = grow(this.batch, 2);
    this.batchParent = grow(this.batchParent, 2);
    this.batchChoice = grow(this.batchChoice, 2);
    this.batchHash = grow(this.batchHash, 2);
  }

  /** Inserts the batched successors, in the order they were generated. */
  private flushBatch(): void {
    const n = this.batchCount;
    if (n === 0) return;
    this.batchCount = 0;
    const { batch, batchHash, table, width } = this;
    for (let k = 0; k < n; k++) {
      hashVector(batch, k * width, width, this.h);
      batchHash[2 * k] = this.h[0]!;
      batchHash[2 * k + 1] = this.h[1]!;
    }
    table.prefetch(batchHash, n);
    for (let k = 0; k < n; k++) {
      const idx = this.count;
      const found = table.getOrInsert(batchHash[2 * k]!, batchHash[2 * k + 1]!, idx);
      if (found < 0) {
        this.edges.push(idx);
        this.parents.push(this.batchParent[k]!);
        this.choices.push(this.batchChoice[k]!);
        this.count++;
        this.pushNext(batch, k * width);
      } else {
        this.edges.push(found);
        if (found < this.nextLevelStart) {
          this.backEdge(this.batchParent[k]!, this.batchChoice[k]!, found);
        }
      }
    }
  }

  /**
   * What the search holds now, in bytes: the frontier (two bytes per character of a serialised
   * state, the estimate for states still kept as objects, packed vectors at four bytes per int)
   * and the per-state tables. A model without `serialize` has its object states uncounted. With
   * helpers the frontier's texts count twice: the helpers hold the same states as objects (about
   * one byte per character), the successors they produced for the level duplicates included.
   */
  private memoryBytes(): number {
    const frontier = this.packed
      ? (this.curBuf.length + this.nextBuf.length) * 4
      : this.frontier.bytes() * (this.helpers ? 2 : 1);
    return frontier + this.count * BYTES_PER_STATE + this.edges.length * 4;
  }

  private pushNext(v: Int32Array, offset: number): void {
    const w = this.width;
    let at = this.nextCount * w;
    if (at + w > this.nextBuf.length) {
      const bigger = new Int32Array(Math.max(this.nextBuf.length * 2, at + w, 1024 * w));
      bigger.set(this.nextBuf.subarray(0, at));
      this.nextBuf = bigger;
    }
    for (let i = 0; i < w; i++) this.nextBuf[at++] = v[offset + i]!;
    this.nextCount++;
  }

  private expandGeneric(s: S): void {
    const model = this.model;
    const idx = this.expanding;
    for (const i of this.always) {
      if (!model.invariants[i]!.holds(s)) return this.violate(idx, i);
    }
    for (let k = 0; k < this.sometimes.length; k++) {
      if (this.sometimesFound[k]! < 0 && model.invariants[this.sometimes[k]!]!.holds(s)) {
        this.sometimesFound[k] = idx;
      }
    }
    const enabled = model.enabled(s);
    if (enabled.length > 0 && this.depth >= this.maxDepth) {
      this.pending = { kind: 'limit', limit: 'depth' };
      return;
    }
    this.outDegree.push(enabled.length);
    for (let ci = 0; ci < enabled.length; ci++) {
      const t = model.step(s, enabled[ci]!);
      this.generated++;
      const tIdx = this.count;
      const found = this.fingerprintAndInsert(t, tIdx);
      this.edges.push(found < 0 ? tIdx : found);
      if (found < 0) {
        this.parents.push(idx);
        this.choices.push(ci);
        this.count++;
        this.frontier.push(t, this.count - 1);
      } else if (found < this.nextLevelStart) {
        this.backEdge(idx, ci, found);
        if (this.pending) return;
      }
    }
    if (enabled.length === 0) {
      this.terminal++;
      if (model.isQuiescent && !model.isQuiescent(s)) {
        this.pending = { kind: 'violated', index: idx, invariant: 'stuck' };
        return;
      }
      for (const i of this.atQuiescence) {
        if (!model.invariants[i]!.holds(s)) return this.violate(idx, i);
      }
    }
  }

  private violate(index: number, invariantIndex: number): void {
    this.pending = {
      kind: 'violated',
      index,
      invariant: this.model.invariants[invariantIndex] as Invariant<unknown>,
    };
  }

  /** An edge from `from` to the known state `to` at depth <= depth(from). */
  private backEdge(from: number, choice: number, to: number): void {
    if (this.pending) return;
    let a = from;
    while (a > to) a = this.parents.get(a);
    if (a === to) this.pending = { kind: 'cycle', from, choice, to };
    else this.candidates.push(to);
  }

  private endSearch(): void {
    if (this.candidates.length === 0) {
      this.result = this.passedOrNeverHappened();
      return;
    }
    const roots = this.candidates.data.slice(0, this.candidates.length).sort();
    const edgeStart = new Int32Array(this.count + 1);
    for (let i = 0; i < this.count; i++) edgeStart[i + 1] = edgeStart[i]! + this.outDegree.get(i);
    this.cycleSearch = new CycleSearch(this.count, edgeStart, this.edges.data, roots);
  }

  private stepCycleSearch(budget: number): number {
    const out = this.cycleSearch!.run(budget);
    if (out.kind === 'acyclic') {
      this.result = this.passedOrNeverHappened();
    } else if (out.kind === 'cycle') {
      this.result = cycleResult(this, this.stats(), out.entry, out.cycleChoices);
    }
    return Math.max(1, out.visited);
  }

  private finishPending(): void {
    this.flushBatch(); // so that the counts include every generated state
    const p = this.pending!;
    this.pending = undefined;
    if (this.result) return;
    switch (p.kind) {
      case 'limit':
        if (this.sample) {
          this.startSampling(p.limit);
          return;
        }
        this.result = {
          verdict: 'limit-reached',
          limit: p.limit,
          ...this.stats(),
          sometimes: this.sometimesReports(),
        };
        return;
      case 'violated':
        this.result = violatedResult(
          this,
          this.stats(),
          p.index,
          p.invariant,
          this.sometimesReports(),
        );
        return;
      case 'cycle':
        // The edge from -> to closes a cycle through the BFS tree: to is an ancestor of from.
        this.result = cycleResult(this, this.stats(), p.to, [
          ...pathTo(this.parents, this.choices, p.from).choiceIndices.slice(
            pathTo(this.parents, this.choices, p.to).choiceIndices.length,
          ),
          p.choice,
        ]);
        return;
      default:
        assertNever(p, 'pending verdict');
    }
  }

  /** The search stopped at a limit: random walks take the rest of the budget. */
  private startSampling(limit: LimitKind): void {
    const maxDepth = this.sample?.maxDepth ?? Math.max(100, this.depth * 4);
    // The frontier is not needed any more: walks hold one state at a time.
    this.frontier.clear();
    this.helpers?.clear();
    const swarm = new Swarm(this.model, {
      maxDepth,
      seed: this.sample?.seed ?? 1,
      maxWalks: this.sample?.maxWalks ?? DEFAULT_MAX_WALKS,
    });
    this.sampling = { swarm, limit, maxDepth, stats: this.stats() };
  }

  /** Walks up to `budget` steps; ends with a shrunk violation or, out of budget, a limit. */
  private stepSampling(budget: number): number {
    const sampling = this.sampling!;
    const { swarm } = sampling;
    const finding = swarm.runSome(Math.min(budget, 4_096));
    const ran = swarm.stats();
    const runs = (): SampledRuns => ({
      walks: ran.walks,
      steps: ran.steps,
      maxDepth: sampling.maxDepth,
    });
    const elapsedMs = this.now() - this.startMs;
    if (finding) {
      const path = shrink(this.model, finding);
      const counterexample = replay(this.model, path.initial, path.choiceIndices);
      const invariant =
        finding.invariant === 'stuck'
          ? 'stuck'
          : (this.model.invariants[finding.invariant] as Invariant<unknown>);
      const found = violatedResult(
        { model: this.model, parents: this.parents, choices: this.choices },
        { ...sampling.stats, elapsedMs, searchMs: sampling.stats.elapsedMs },
        -1,
        invariant,
        this.sometimesReports(),
        counterexample,
      );
      this.result = {
        ...found,
        sampled: { ...runs(), found: { walk: finding.walk, walkDepth: finding.walkDepth } },
      } as CheckResult<S, C>;
    } else if (elapsedMs > this.maxTimeMs || swarm.exhausted()) {
      this.result = {
        verdict: 'limit-reached',
        limit: sampling.limit,
        ...sampling.stats,
        elapsedMs,
        searchMs: sampling.stats.elapsedMs,
        sometimes: this.sometimesReports(),
        sampled: runs(),
      };
    }
    return Math.min(budget, 4_096);
  }

  /** The search is complete: it passed, unless a `sometimes` invariant never held. */
  private passedOrNeverHappened(): CheckResult<S, C> {
    const sometimes = this.sometimesReports();
    const missing = this.sometimesFound.findIndex((at) => at < 0);
    if (missing < 0) return { verdict: 'passed', ...this.stats(), sometimes };
    const invariant = this.model.invariants[this.sometimes[missing]!] as Invariant<unknown>;
    return neverHappenedResult(this, this.stats(), invariant, sometimes);
  }

  private sometimesReports(): SometimesReport<S, C>[] {
    return sometimesReports(this, this.sometimes, this.sometimesFound);
  }
}

function noop(): void {}

/** What a helper reported as thrown, thrown again here as the sequential search would see it. */
function failureToError(failure: ExpansionFailure): Error {
  switch (failure.kind) {
    case 'limit':
      return new SearchLimitReached(failure.limit, failure.reason);
    case 'learner':
      return Object.assign(new Error(failure.info.message), { learnerError: failure.info });
    case 'internal':
      return new Error(failure.message);
    case 'reduction':
      return new ReductionUnsound(failure.message);
    default:
      return assertNever(failure, 'expansion failure');
  }
}
