/**
 * The request handler shared by the worker (src/workers/checker.worker.ts) and the in-thread client: builds
 * the model, runs the exploration in slices of about `sliceMs`, posts progress after each slice
 * and honours cancellation between slices. Time and yielding are injected (pure layer).
 */
import { assertNever } from '../core/assert';
import { DEFAULT_BEYOND_WALKS } from './beyond';
import { explore } from './explorer';
import { toLearnerError } from './learnerError';
import { NOTHING_EXPLORED, SearchLimitReached, limitReachedResult } from './limitReached';
import type {
  CheckRequest,
  CheckerResponse,
  EnteringLearnerCode,
  ModelRequest,
  WarmRequest,
  WireResult,
} from './protocol';
import { createModelFromRequest, type ModelDeps } from './registry';
import type { CheckResult, ExpansionPool, Model, Trace } from './types';

export interface HandlerDeps extends ModelDeps {
  post(response: CheckerResponse): void;
  now(): number;
  /** Lets pending messages (a cancel) in between slices. */
  yieldToEvents(): Promise<void>;
  /**
   * Starts `count` helpers that build `model` themselves, with `remainingMs` of the check's time
   * left (the worker's nested workers), or returns undefined where none can start (absent too:
   * checks run in one thread).
   */
  startHelpers?: (
    model: ModelRequest,
    count: number,
    remainingMs: number,
  ) => ExpansionPool | undefined;
}

export interface CheckerHandler {
  check(request: CheckRequest): Promise<void>;
  cancel(runId: number): void;
  /** Prepares what a check of `request.model` will need (see `WarmRequest`); never fails. */
  warm(request: WarmRequest): void;
}

const FIRST_SLICE_STATES = 2_000;

export function createCheckerHandler(deps: HandlerDeps): CheckerHandler {
  const cancelled = new Set<number>();
  return {
    cancel(runId) {
      cancelled.add(runId);
    },
    warm(request) {
      try {
        const model = createModelFromRequest(request.model, deps);
        for (const bound of model.beyond ?? [])
          bound.prepare({ walks: DEFAULT_BEYOND_WALKS, seed: 1, maxDepth: 100 });
      } catch {
        // A file that does not compile yet: its check will say so.
      }
    },
    async check(request) {
      const { runId } = request;
      let model: Model<unknown, unknown>;
      // Building the model (the oracle's reference runs) and the search share the time budget.
      const checkStart = deps.now();
      const maxTimeMs = request.limits.maxTimeMs;
      const timeBudget =
        maxTimeMs === undefined ? undefined : { now: deps.now, deadlineMs: checkStart + maxTimeMs };
      try {
        const onEnter = request.locate
          ? (where: EnteringLearnerCode) => deps.post({ type: 'entering', runId, where })
          : undefined;
        model = createModelFromRequest(request.model, deps, {
          ...(onEnter ? { onEnter } : {}),
          ...(timeBudget ? { budget: timeBudget } : {}),
        });
      } catch (err) {
        const learner = toLearnerError(err);
        if (err instanceof SearchLimitReached) {
          deps.post({ type: 'result', runId, result: limitReachedResult(err) });
        } else if (learner) {
          deps.post({
            type: 'result',
            runId,
            result: { verdict: 'learner-error', ...learner, ...NOTHING_EXPLORED },
          });
        } else {
          deps.post({
            type: 'error',
            runId,
            message: err instanceof Error ? err.message : String(err),
          });
        }
        return;
      }
      // Helpers (a diagnostic run stays in one thread, where `entering` is posted from).
      let pool: ExpansionPool | undefined;
      let poolStarted = false;
      const helpers = request.locate ? 0 : (request.helpers ?? 0);
      const startPool =
        deps.startHelpers && helpers > 0
          ? () => {
              const remainingMs = timeBudget ? timeBudget.deadlineMs - deps.now() : Infinity;
              pool = deps.startHelpers!(request.model, helpers, Math.max(0, remainingMs));
              poolStarted = pool !== undefined;
              return pool;
            }
          : undefined;
      // A limit is followed by random walks past it (swarm.ts) for the rest of the time budget.
      const run = explore(model, {
        ...request.limits,
        ...(timeBudget ? { maxTimeMs: Math.max(0, timeBudget.deadlineMs - deps.now()) } : {}),
        now: deps.now,
        sample: {},
        ...(startPool ? { pool: startPool } : {}),
      });
      const sliceMs = request.sliceMs ?? 50;
      const started = deps.now();
      // The model is built (the learner's module compiled, the oracle's reference computed):
      // from here on progress comes after every slice.
      const nothingYet = { distinctStates: 0, generatedStates: 0, depth: 0, frontier: 0 };
      deps.post({
        type: 'progress',
        runId,
        progress: { ...nothingYet, phase: 'search' },
        elapsedMs: 0,
      });
      let budget = FIRST_SLICE_STATES;
      let lastPost = deps.now();
      try {
        for (;;) {
          if (cancelled.delete(runId)) {
            deps.post({ type: 'result', runId, result: toWire(model, run.cancel()) });
            return;
          }
          const t0 = deps.now();
          let out;
          try {
            out = run.runSlice(budget);
          } catch (err) {
            deps.post({ type: 'error', runId, message: `Internal error: ${String(err)}` });
            return;
          }
          if (out.done) {
            deps.post({ type: 'result', runId, result: toWire(model, out.result) });
            return;
          }
          const took = Math.max(1, deps.now() - t0);
          if (!out.wait) {
            budget = Math.max(100, Math.min(budget * 4, Math.round((budget * sliceMs) / took)));
          }
          // With helpers a slice ends whenever their next answer is due: progress stays at one
          // post per `sliceMs` (and one as they start, which may take a while).
          const starting = poolStarted;
          if (!out.wait || starting || deps.now() - lastPost >= sliceMs) {
            poolStarted = false;
            lastPost = deps.now();
            deps.post({
              type: 'progress',
              runId,
              progress: {
                ...out.progress,
                ...(pool ? { helpers: pool.size } : {}),
                ...(starting ? { preparing: true } : {}),
              },
              elapsedMs: deps.now() - started,
            });
          }
          if (out.wait) {
            try {
              await out.wait;
            } catch {
              // A helper failed: the next slice reports it.
            }
          }
          await deps.yieldToEvents();
        }
      } finally {
        pool?.close();
      }
    },
  };
}

/** Converts states with `toPlain` and choices to their descriptions. */
export function toWire(
  model: Model<unknown, unknown>,
  result: CheckResult<unknown, unknown>,
): WireResult {
  const trace = (t: Trace<unknown, unknown>): Trace<unknown, string> => ({
    ...t,
    choices: t.labels,
    states: model.toPlain ? t.states.map((s) => model.toPlain!(s)) : t.states,
  });
  switch (result.verdict) {
    case 'violated':
      return {
        ...result,
        counterexample: trace(result.counterexample),
        sometimes: result.sometimes.map((r) => ({
          ...r,
          ...(r.witness ? { witness: trace(r.witness) } : {}),
        })),
      } as WireResult;
    case 'cycle':
      return { ...result, counterexample: trace(result.counterexample) };
    case 'passed':
    case 'limit-reached':
      return {
        ...result,
        sometimes: result.sometimes.map((r) => ({
          ...r,
          ...(r.witness ? { witness: trace(r.witness) } : {}),
        })),
      } as WireResult;
    case 'learner-error':
    case 'cancelled':
      return result;
    default:
      return assertNever(result, 'check result');
  }
}
