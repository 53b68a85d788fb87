/**
 * A model that cannot go on within the check's limits says so by throwing `SearchLimitReached`
 * (e.g. the exactly-once oracle, when its reference solution's end results cannot be computed
 * within the check's time budget). The explorer ends the check with a `limit-reached` verdict
 * carrying the reason, never a pass; whoever builds a model before the search treats it the same,
 * with `limitReachedResult`.
 */
import type { CheckResult, CheckStats, LimitKind, SometimesReport } from './types';

export class SearchLimitReached extends Error {
  override name = 'SearchLimitReached';
  constructor(
    readonly limit: LimitKind,
    /** What could not be done within it, in words for the learner. */
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** The statistics of a check that ended before it explored anything. */
export const NOTHING_EXPLORED: CheckStats = {
  distinctStates: 0,
  generatedStates: 0,
  depth: 0,
  terminalStates: 0,
  elapsedMs: 0,
};

/** The verdict of a check ended by `limit` (no walks past it: they would meet the same wall). */
export function limitReachedResult<S, C>(
  limit: SearchLimitReached,
  stats: CheckStats = NOTHING_EXPLORED,
  sometimes: SometimesReport<S, C>[] = [],
): CheckResult<S, C> {
  return {
    verdict: 'limit-reached',
    limit: limit.limit,
    reason: limit.reason,
    ...stats,
    sometimes,
  };
}
