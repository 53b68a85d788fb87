/**
 * Past the bound after a pass: the exhaustive search proves every run within the model's bounds;
 * then seeded random walks try each workload one step past them (`Model.beyond`: one more fault,
 * message or tab), so a fix that only holds at the exact bounds does not pass.
 *
 * Contract: `new BeyondPhase(search, bounds, options)` is an {@link Exploration} that first runs
 * `search` to its end. Any result but `passed` is the result. After a pass, each grown workload
 * in turn is prepared (its provider may skip it, saying why: the reference solution breaks an
 * invariant there too) and walked `walks` times with seeds `seed + 1 ...` (swarm.ts), the same
 * walks on every machine. The first walk that breaks an invariant is shrunk and ends the check as
 * `violated`, with `beyond` naming the grown workload and its settings (its counterexample
 * replays only there). Otherwise the result is the pass, with a report per grown workload.
 * Workloads the time budget (`maxTimeMs`, from the search's start) does not reach are reported
 * as not sampled.
 */
import { IntVector } from './fingerprintTable';
import { toLearnerError } from './learnerError';
import { Swarm, shrink } from './swarm';
import { replay } from './trace';
import type {
  BeyondBound,
  BeyondReport,
  CheckProgress,
  CheckResult,
  Exploration,
  Invariant,
  Model,
  SliceOutcome,
} from './types';
import { violatedResult } from './verdicts';

export const DEFAULT_BEYOND_WALKS = 120;
/** Steps per `runSome` call, so a slice's budget is honoured roughly. */
const CHUNK_STEPS = 2_048;

export interface BeyondOptions {
  now: () => number;
  maxTimeMs: number;
  /** Walks per grown workload. */
  walks: number;
  seed: number;
}

type Passed<S, C> = Extract<CheckResult<S, C>, { verdict: 'passed' }>;

interface Walking<S, C> {
  bound: BeyondBound<S, C>;
  model: Model<S, C>;
  swarm: Swarm<S, C>;
}

export class BeyondPhase<S, C> implements Exploration<S, C> {
  private readonly startMs: number;
  private passed: Passed<S, C> | undefined;
  private result: CheckResult<S, C> | undefined;
  private next = 0;
  private walking: Walking<S, C> | undefined;
  /** Chosen, not yet prepared: progress says so before the (maybe long) preparation. */
  private preparing: BeyondBound<S, C> | undefined;
  private maxDepth = 100;
  private readonly reports: BeyondReport[] = [];

  constructor(
    private readonly search: Exploration<S, C>,
    private readonly bounds: readonly BeyondBound<S, C>[],
    private readonly options: BeyondOptions,
  ) {
    this.startMs = options.now();
  }

  runSlice(budgetStates: number): SliceOutcome<S, C> {
    if (this.result) return { done: true, result: this.result };
    if (!this.passed) {
      const out = this.search.runSlice(budgetStates);
      if (!out.done) return out;
      if (out.result.verdict !== 'passed') {
        this.result = out.result;
        return out;
      }
      this.passed = out.result;
      // Grown runs are longer: walks may go four times as deep as the search did.
      this.maxDepth = Math.max(100, out.result.depth * 4);
      return { done: false, progress: this.progress() };
    }
    try {
      this.walkSome(Math.max(1, budgetStates));
    } catch (err) {
      const info = toLearnerError(err);
      if (!info) throw err;
      const where = this.walking
        ? `With ${this.walking.bound.name} beyond the exercise's bounds: `
        : '';
      this.result = {
        ...this.stats(),
        verdict: 'learner-error',
        ...info,
        message: `${where}${info.message}`,
      };
    }
    return this.result
      ? { done: true, result: this.result }
      : { done: false, progress: this.progress() };
  }

  private walkSome(budgetSteps: number): void {
    let left = budgetSteps;
    while (left > 0 && !this.result) {
      if (!this.walking) {
        if (!this.preparing) {
          if (this.next >= this.bounds.length) {
            this.result = { ...this.passed!, ...this.stats(), beyond: this.reports };
            return;
          }
          this.preparing = this.bounds[this.next++]!;
          // Report before preparing: it may take seconds the first time.
          return;
        }
        const bound = this.preparing;
        this.preparing = undefined;
        if (this.outOfTime()) {
          this.skip(bound, 'the time budget ran out before it');
          continue;
        }
        const { walks, seed, now, maxTimeMs } = this.options;
        const prepared = bound.prepare({
          walks,
          seed,
          maxDepth: this.maxDepth,
          ...(Number.isFinite(maxTimeMs)
            ? { budget: { now, deadlineMs: this.startMs + maxTimeMs } }
            : {}),
        });
        if ('skipped' in prepared) {
          this.skip(bound, prepared.skipped);
          continue;
        }
        this.walking = {
          bound,
          model: prepared.model,
          swarm: new Swarm(prepared.model, {
            maxDepth: this.maxDepth,
            seed: this.options.seed,
            maxWalks: this.options.walks,
          }),
        };
        // Preparing may have taken a while: report progress before walking.
        return;
      }
      const { swarm } = this.walking;
      const before = swarm.stats().steps;
      const finding = swarm.runSome(Math.min(left, CHUNK_STEPS));
      left -= Math.max(1, swarm.stats().steps - before);
      if (finding) {
        this.result = this.found(this.walking, finding);
        return;
      }
      if (swarm.exhausted() || this.outOfTime()) {
        this.reports.push(this.report(this.walking));
        this.walking = undefined;
      }
    }
  }

  private found(
    walking: Walking<S, C>,
    finding: NonNullable<ReturnType<Swarm<S, C>['runSome']>>,
  ): CheckResult<S, C> {
    const { model, bound } = walking;
    const path = shrink(model, finding);
    const trace = replay(model, path.initial, path.choiceIndices);
    const invariant =
      finding.invariant === 'stuck'
        ? 'stuck'
        : (model.invariants[finding.invariant] as Invariant<unknown>);
    const tree = { model, parents: new IntVector(1), choices: new IntVector(1) };
    const violated = violatedResult(
      tree,
      this.stats(),
      -1,
      invariant,
      this.passed!.sometimes,
      trace,
    );
    return {
      ...violated,
      sampled: {
        ...this.report(walking),
        found: { walk: finding.walk, walkDepth: finding.walkDepth },
      },
      beyond: { name: bound.name, settings: bound.settings },
    } as CheckResult<S, C>;
  }

  private report(walking: Walking<S, C>): BeyondReport {
    const { walks, steps } = walking.swarm.stats();
    const { name, settings } = walking.bound;
    return { name, settings, walks, steps, maxDepth: this.maxDepth };
  }

  private skip(bound: BeyondBound<S, C>, why: string): void {
    const { name, settings } = bound;
    this.reports.push({
      name,
      settings,
      walks: 0,
      steps: 0,
      maxDepth: this.maxDepth,
      skipped: why,
    });
  }

  private outOfTime(): boolean {
    return this.options.now() - this.startMs > this.options.maxTimeMs;
  }

  private stats() {
    const p = this.passed!;
    return {
      distinctStates: p.distinctStates,
      generatedStates: p.generatedStates,
      depth: p.depth,
      terminalStates: p.terminalStates,
      elapsedMs: this.options.now() - this.startMs,
      searchMs: p.elapsedMs,
    };
  }

  progress(): CheckProgress {
    if (!this.passed) return this.search.progress();
    const { distinctStates, generatedStates, depth } = this.passed;
    return {
      distinctStates,
      generatedStates,
      depth,
      frontier: 0,
      phase: 'sampling',
      walks: this.walking?.swarm.stats().walks ?? 0,
      ...(this.walking ? { beyond: this.walking.bound.name } : {}),
      ...(this.preparing ? { beyond: this.preparing.name, preparing: true } : {}),
    };
  }

  cancel(): CheckResult<S, C> {
    if (!this.passed) return this.search.cancel();
    this.result ??= { verdict: 'cancelled', ...this.stats() };
    return this.result;
  }
}
