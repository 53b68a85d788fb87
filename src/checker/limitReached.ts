/**
 * A model that cannot go on within the check's limits says so by throwing `SearchLimitReached`
 * (e.g. the exactly-once oracle, when its reference solution's end results cannot be computed
 * within the check's time budget). The explorer ends the check with a `limit-reached` verdict
 * carrying the reason, never a pass; whoever builds a model before the search treats it the same.
 */
import type { LimitKind } from './types';

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
