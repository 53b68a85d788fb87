/**
 * Sampling past the bound: seeded random walks, and shrinking what they find.
 *
 * Contract: `new Swarm(model, options)` walks the model from its initial states, choosing
 * uniformly among the enabled choices — or, where the model says which choices are faults, two
 * walks in three take a fault only with a small chance (FAULT_RATES), so a fault budget is not
 * always spent in a run's first steps — checking every `always` invariant on every state and the
 * terminal checks (`stuck`, `atQuiescence`) on the last one; `runSome(budgetSteps)` takes up to
 * that many steps and returns a finding as soon as a walk breaks an invariant. Walk `k` draws from
 * `createRng(seed + k)`, so each walk is the same on every machine whatever the time budget.
 *
 * `shrink` then cuts the finding down (delta debugging over its choices, matched by label, which
 * the canonical names make stable when earlier steps are removed) to a run that still breaks the
 * same invariant, and returns it as choice indices that replay exactly, like any counterexample.
 * A sampled counterexample is short, not necessarily shortest: only the BFS proves that.
 */
import { createRng } from '../core/random';
import { describeChoice } from './trace';
import type { Invariant, Model } from './types';

/**
 * Walks take turns at how often they inject a fault where the model names faults: uniformly
 * among all choices (most steps offer several faults, so the budget goes in the first steps),
 * or a fault with these chances, so faults land late in a run too.
 */
const FAULT_RATES: (number | null)[] = [null, 0.2, 0.05];

export interface SwarmOptions {
  seed?: number;
  /** Longest walk; a walk that reaches it ends without a verdict. */
  maxDepth: number;
  /** Most walks (default: unbounded); `exhausted()` tells when they are all done. */
  maxWalks?: number;
}

export interface SwarmFinding {
  /** The broken invariant (index in `model.invariants`) or a stuck terminal state. */
  invariant: number | 'stuck';
  initial: number;
  choiceIndices: number[];
  /** Which walk found it (1-based) and how long it was before shrinking. */
  walk: number;
  walkDepth: number;
}

export interface SwarmStats {
  walks: number;
  steps: number;
}

export class Swarm<S, C> {
  private readonly always: number[] = [];
  private readonly atQuiescence: number[] = [];
  private readonly seed: number;
  private walks = 0;
  private steps = 0;
  // The walk in progress.
  private state: S | null = null;
  private initial = 0;
  private path: number[] = [];
  private rng = createRng(0);
  /** How likely this walk takes a fault when one is enabled (null: uniform over everything). */
  private faultRate: number | null = null;
  private readonly faults: number[] = [];
  private readonly others: number[] = [];

  constructor(
    private readonly model: Model<S, C>,
    private readonly options: SwarmOptions,
  ) {
    this.seed = options.seed ?? 1;
    model.invariants.forEach((inv, i) => {
      if (inv.kind === 'always') this.always.push(i);
      else if (inv.kind === 'atQuiescence') this.atQuiescence.push(i);
    });
  }

  /** Every allowed walk has run to its end. */
  exhausted(): boolean {
    return this.state === null && this.walks >= (this.options.maxWalks ?? Infinity);
  }

  stats(): SwarmStats {
    return { walks: this.walks, steps: this.steps };
  }

  /** Takes up to `budgetSteps` steps; returns a finding, or null when the budget is spent. */
  runSome(budgetSteps: number): SwarmFinding | null {
    let budget = Math.max(1, budgetSteps);
    while (budget > 0) {
      if (this.state === null) {
        if (this.exhausted()) return null;
        this.beginWalk();
      }
      const s = this.state as S;
      const enabled = this.model.enabled(s);
      const broken = brokenIn(this.model, s, enabled.length, this.always, this.atQuiescence);
      if (broken !== null) {
        const finding: SwarmFinding = {
          invariant: broken,
          initial: this.initial,
          choiceIndices: this.path,
          walk: this.walks,
          walkDepth: this.path.length,
        };
        this.state = null;
        return finding;
      }
      if (enabled.length === 0 || this.path.length >= this.options.maxDepth) {
        this.state = null;
        continue;
      }
      const ci = this.choose(enabled);
      this.path.push(ci);
      this.state = this.model.step(s, enabled[ci] as C);
      this.steps++;
      budget--;
    }
    return null;
  }

  /** The index of the enabled choice this walk takes. */
  private choose(enabled: C[]): number {
    const isFault = this.model.isFault;
    if (this.faultRate === null || !isFault) return this.rng.int(enabled.length);
    this.faults.length = 0;
    this.others.length = 0;
    enabled.forEach((c, i) => (isFault(c) ? this.faults : this.others).push(i));
    const from =
      this.faults.length === 0 || (this.others.length > 0 && this.rng.next() >= this.faultRate)
        ? this.others
        : this.faults;
    return from[this.rng.int(from.length)]!;
  }

  private beginWalk(): void {
    this.walks++;
    this.rng = createRng((this.seed + this.walks) >>> 0);
    this.faultRate = FAULT_RATES[this.walks % FAULT_RATES.length]!;
    const initial = this.model.initialStates();
    this.initial = this.rng.int(initial.length);
    this.state = initial[this.initial] as S;
    this.path = [];
  }
}

/** The invariant `s` breaks (terminal conditions only when nothing is enabled), or null. */
function brokenIn<S, C>(
  model: Model<S, C>,
  s: S,
  enabledCount: number,
  always: readonly number[],
  atQuiescence: readonly number[],
): number | 'stuck' | null {
  for (const i of always) if (!model.invariants[i]!.holds(s)) return i;
  if (enabledCount > 0) return null;
  if (model.isQuiescent && !model.isQuiescent(s)) return 'stuck';
  for (const i of atQuiescence) if (!model.invariants[i]!.holds(s)) return i;
  return null;
}

/**
 * Replays `labels` leniently from initial state `initial`: a label that is not enabled any more
 * is skipped. A terminal check (`atQuiescence`, `stuck`) needs a terminal state: when the labels
 * run out before one, the run goes on with the first enabled choice (removing a step that starts
 * some work leaves that work enabled), at most `labels.length` more steps. Returns the choice
 * indices taken up to the first state that breaks `target`, or null if none does.
 */
function replayLeniently<S, C>(
  model: Model<S, C>,
  initial: number,
  labels: readonly string[],
  target: number | 'stuck',
): { choiceIndices: number[]; labels: string[] } | null {
  const inv = target === 'stuck' ? null : (model.invariants[target] as Invariant<S>);
  const breaks = (s: S, enabledCount: number): boolean => {
    if (inv?.kind === 'always') return !inv.holds(s);
    if (enabledCount > 0) return false;
    return inv === null ? model.isQuiescent?.(s) === false : !inv.holds(s);
  };
  let s = model.initialStates()[initial] as S;
  let enabled = model.enabled(s);
  const taken: number[] = [];
  const takenLabels: string[] = [];
  if (breaks(s, enabled.length)) return { choiceIndices: taken, labels: takenLabels };
  for (const label of labels) {
    const ci = enabled.findIndex((c) => describeChoice(model, c) === label);
    if (ci < 0) continue;
    s = model.step(s, enabled[ci] as C);
    enabled = model.enabled(s);
    taken.push(ci);
    takenLabels.push(label);
    if (breaks(s, enabled.length)) return { choiceIndices: taken, labels: takenLabels };
  }
  if (inv?.kind === 'always') return null;
  for (let more = 0; more < labels.length && enabled.length > 0; more++) {
    const c = enabled[0] as C;
    takenLabels.push(describeChoice(model, c));
    taken.push(0);
    s = model.step(s, c);
    enabled = model.enabled(s);
    if (breaks(s, enabled.length)) return { choiceIndices: taken, labels: takenLabels };
  }
  return null;
}

/**
 * Most steps one shrink replays in all: on a grown messaging workload a step costs 20-100 us, so
 * shrinking stays within seconds; counted in steps, not time, so it ends at the same run on
 * every machine.
 */
export const MAX_SHRINK_STEPS = 150_000;

/**
 * Delta debugging (ddmin) over the finding's choices: removes ever smaller chunks while the run
 * still breaks the same invariant, then single choices. `maxReplays` and `maxSteps` (steps
 * replayed in all) bound the work; past them the shortest run found so far is kept.
 */
export function shrink<S, C>(
  model: Model<S, C>,
  finding: SwarmFinding,
  maxReplays = 2_000,
  maxSteps = MAX_SHRINK_STEPS,
): { initial: number; choiceIndices: number[] } {
  const { initial, invariant } = finding;
  // The labels of the original walk, replayed once to get them.
  let s = model.initialStates()[initial] as S;
  let labels: string[] = [];
  for (const ci of finding.choiceIndices) {
    const c = model.enabled(s)[ci] as C;
    labels.push(describeChoice(model, c));
    s = model.step(s, c);
  }
  let best = { choiceIndices: [...finding.choiceIndices], labels };
  let replays = 0;
  let steps = 0;
  const more = () => replays < maxReplays && steps < maxSteps;
  let chunks = 2;
  while (labels.length >= 2 && more()) {
    const size = Math.ceil(labels.length / chunks);
    let reduced = false;
    for (let start = 0; start < labels.length && more(); start += size) {
      const candidate = [...labels.slice(0, start), ...labels.slice(start + size)];
      replays++;
      steps += candidate.length;
      const r = replayLeniently(model, initial, candidate, invariant);
      if (r && r.labels.length < labels.length) {
        best = r;
        labels = r.labels;
        chunks = Math.max(chunks - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (size <= 1) break;
      chunks = Math.min(chunks * 2, labels.length);
    }
  }
  return { initial, choiceIndices: best.choiceIndices };
}
