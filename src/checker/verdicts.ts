/**
 * Building the final results from what the BFS kept: per-state parent and choice indices. Each
 * trace is rebuilt by re-stepping the model (trace.ts), so building a result costs one replay per
 * trace and nothing during the search.
 */
import type { IntVector } from './fingerprintTable';
import { pathTo, replay } from './trace';
import type { CheckResult, CheckStats, Invariant, Model, SometimesReport, Trace } from './types';

/** The BFS tree: parent pointers and the choice index that led to each state. */
export interface SearchTree<S, C> {
  model: Model<S, C>;
  parents: IntVector;
  choices: IntVector;
}

export const STUCK_DESCRIPTION =
  'A terminal state (no step enabled) that is not quiescent: the system is stuck.';

export function violatedResult<S, C>(
  tree: SearchTree<S, C>,
  stats: CheckStats,
  index: number,
  invariant: Invariant<unknown> | 'stuck',
  sometimes: SometimesReport<S, C>[],
  /** A trace found elsewhere (a random walk); by default the BFS-tree path to `index`. */
  trace?: Trace<S, C>,
): CheckResult<S, C> {
  let counterexample = trace;
  if (!counterexample) {
    const path = pathTo(tree.parents, tree.choices, index);
    counterexample = replay(tree.model, path.initial, path.choiceIndices);
  }
  const last = counterexample.states[counterexample.states.length - 1] as unknown;
  const explanation =
    invariant === 'stuck' ? undefined : (invariant.explain?.(last as never) ?? undefined);
  return {
    verdict: 'violated',
    invariant: invariant === 'stuck' ? 'stuck' : invariant.name,
    description:
      invariant === 'stuck' ? STUCK_DESCRIPTION : (invariant.description ?? invariant.name),
    kind: invariant === 'stuck' ? 'stuck' : invariant.kind,
    ...(explanation !== undefined ? { explanation } : {}),
    ...stats,
    counterexample,
    sometimes,
  };
}

/**
 * A `sometimes` invariant the whole search never saw hold: the check fails. There is no run to
 * show (every run lacks it), so the counterexample is the initial state alone.
 */
export function neverHappenedResult<S, C>(
  tree: SearchTree<S, C>,
  stats: CheckStats,
  invariant: Invariant<unknown>,
  sometimes: SometimesReport<S, C>[],
): CheckResult<S, C> {
  const description = invariant.description ?? invariant.name;
  return {
    verdict: 'violated',
    invariant: invariant.name,
    description: `Never happened: ${description}`,
    kind: 'sometimes',
    explanation: `Never happened, in any of the ${stats.distinctStates.toLocaleString('en-US')} states explored: ${description}`,
    ...stats,
    counterexample: replay(tree.model, 0, []),
    sometimes,
  };
}

/**
 * A cycle through state `entry`: the BFS-tree path to `entry`, then `cycleChoices` (choice
 * indices) lead back to it.
 */
export function cycleResult<S, C>(
  tree: SearchTree<S, C>,
  stats: CheckStats,
  entry: number,
  cycleChoices: number[],
): CheckResult<S, C> {
  const path = pathTo(tree.parents, tree.choices, entry);
  const n = cycleChoices.length;
  return {
    verdict: 'cycle',
    description: `The state graph has a cycle of ${n} step${n === 1 ? '' : 's'}: the model can run forever without making progress.`,
    ...stats,
    counterexample: replay(tree.model, path.initial, [...path.choiceIndices, ...cycleChoices]),
    cycleStart: path.choiceIndices.length,
  };
}

/** For each `sometimes` invariant (by index), whether and where (state index or -1) it held. */
export function sometimesReports<S, C>(
  tree: SearchTree<S, C>,
  invariantIndices: number[],
  found: number[],
): SometimesReport<S, C>[] {
  return invariantIndices.map((invIndex, k) => {
    const inv = tree.model.invariants[invIndex]!;
    const at = found[k]!;
    const report: SometimesReport<S, C> = { name: inv.name, reached: at >= 0 };
    if (inv.description !== undefined) report.description = inv.description;
    if (at >= 0) {
      const path = pathTo(tree.parents, tree.choices, at);
      report.witness = replay(tree.model, path.initial, path.choiceIndices);
    }
    return report;
  });
}
