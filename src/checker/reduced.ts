/**
 * A check on a reduced model first (`Model.unreduced` set: partial-order reduction, see
 * src/sim/reduction.ts), the unreduced model when that does not pass.
 *
 * Contract: the reduced search explores a subset of the states that preserves every violation,
 * stuck end, cycle and learner error (it finds one whenever the whole graph has one), so its pass
 * is the whole graph's pass, with fewer states. Any other ending is replaced by a search of the
 * unreduced model (no helpers, the time that is left), whose verdict and counterexample are the
 * one-thread search's exactly: the shortest, as without reduction. A limit of time, states or
 * memory reached by the reduced search stands (it is not a pass; its "proven" part is about the
 * states it explored; a depth limit does not, see `standsReduced`), and so
 * does a violation it found when the unreduced search runs out of time before finding one (a
 * real run, just maybe not the shortest). The time both took is the result's. A model
 * that finds the reduction does not apply (an invariant read what reduced steps write) throws
 * `ReductionUnsound`: the check starts again, unreduced.
 */
import type {
  CheckOptions,
  CheckProgress,
  CheckResult,
  Exploration,
  Model,
  SliceOutcome,
} from './types';

/** The reduced search cannot be trusted for this check: run it unreduced. */
export class ReductionUnsound extends Error {
  override name = 'ReductionUnsound';
}

export class ReducedFirst<S, C> implements Exploration<S, C> {
  private search: Exploration<S, C>;
  /** What the reduced search ended with, and when: set once the unreduced search runs. */
  private first: { result: CheckResult<S, C>; ms: number } | undefined;
  private readonly startMs: number;
  private readonly deadlineMs: number;
  private readonly now: () => number;

  constructor(
    reduced: Model<S, C>,
    private readonly unreduced: Model<S, C>,
    private readonly options: CheckOptions,
    private readonly start: (model: Model<S, C>, options: CheckOptions) => Exploration<S, C>,
  ) {
    this.now = options.now ?? (() => 0);
    this.startMs = this.now();
    this.deadlineMs = this.startMs + (options.maxTimeMs ?? Infinity);
    this.search = start(reduced, options);
  }

  runSlice(budgetStates: number): SliceOutcome<S, C> {
    let out: SliceOutcome<S, C>;
    try {
      out = this.search.runSlice(budgetStates);
    } catch (err) {
      if (!(err instanceof ReductionUnsound) || this.first) throw err;
      return this.unreduce(undefined);
    }
    if (!out.done) return out;
    if (!this.first) return standsReduced(out.result) ? out : this.unreduce(out.result);
    return { done: true, result: this.withFirst(out.result, this.first) };
  }

  /** The unreduced search's result, with the reduced search's time (and its find, see the top). */
  private withFirst(
    result: CheckResult<S, C>,
    first: { result: CheckResult<S, C>; ms: number },
  ): CheckResult<S, C> {
    const elapsedMs = this.now() - this.startMs;
    if (result.verdict === 'limit-reached' && first.result.verdict === 'violated')
      return { ...first.result, elapsedMs };
    return {
      ...result,
      elapsedMs,
      ...(result.searchMs !== undefined ? { searchMs: result.searchMs + first.ms } : {}),
    };
  }

  cancel(): CheckResult<S, C> {
    return this.search.cancel();
  }

  progress(): CheckProgress {
    const progress = this.search.progress();
    const verdict = this.first?.result.verdict;
    const failed = verdict !== undefined && verdict !== 'limit-reached' && verdict !== 'cancelled';
    return failed ? { ...progress, findingShortest: true } : progress;
  }

  /** Starts the unreduced search in the time that is left, in this thread. */
  private unreduce(ended: CheckResult<S, C> | undefined): SliceOutcome<S, C> {
    const result = ended ?? this.search.cancel();
    this.first = { result, ms: this.now() - this.startMs };
    const { pool: _pool, ...rest } = this.options;
    const left = Math.max(0, this.deadlineMs - this.now());
    this.search = this.start(this.unreduced, {
      ...rest,
      ...(Number.isFinite(left) ? { maxTimeMs: left } : {}),
    });
    return { done: false, progress: this.progress() };
  }
}

/**
 * A pass, or a limit of time, states or memory. A depth limit does not stand: a state may lie
 * deeper in the reduced graph than in the whole one, and the bound is the whole graph's.
 */
function standsReduced(result: CheckResult<unknown, unknown>): boolean {
  return (
    result.verdict === 'passed' || (result.verdict === 'limit-reached' && result.limit !== 'depth')
  );
}
