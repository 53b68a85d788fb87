/**
 * Verifying an exercise: the starter violates the invariant its lesson is about, the solution
 * passes exhaustively within the exercise's limits, and every known-bad variant is caught with
 * the expected invariant; a model-checking folder's lesson steps each end as their manifest says.
 * Used by `npm run verify-exercises`, the tests and the benchmarks.
 */
import { checkModel, checkModelAsync } from '../checker/explorer';
import type { ExpansionPool } from '../checker/pool';
import { toLearnerError } from '../checker/learnerError';
import { SearchLimitReached, limitReachedResult } from '../checker/limitReached';
import type { CheckOptions, CheckResult } from '../checker/types';
import { replayChoices } from '../sim';
import type { Choice, TraceEvent, World } from '../sim';
import type { HandlerModule, HandlerParams } from '../checker/messageHandler/dsl';
import { createHandlerModel } from '../checker/messageHandler/model';
import { evaluateModelSource } from '../checker/sandboxModules';
import type { ExerciseBundle, ModelCheckingBundle } from './bundle';
import { parameterValues } from './modelCheckingManifest';
import { createProgram } from './program';
import { createSimModel, type SimModel } from './simModel';
import { beyondBounds, modelWithSettings } from './beyond';
import { adoptOracleReferences, withOracle, type OracleReferences } from './oracle';

export interface VariantCheck {
  variant: string;
  file: string;
  /** Invariant that must be reported (null: must pass). */
  expected: string | null;
  verdict: string;
  invariant: string | null;
  /** The violated invariant's explanation on the counterexample's last state. */
  explanation: string | null;
  distinctStates: number;
  generatedStates: number;
  depth: number;
  elapsedMs: number;
  ok: boolean;
  result:
    | CheckResult<World, Choice>
    | { verdict: 'learner-error'; file: string; line?: number; column?: number; message: string };
  /** The counterexample replayed in the simulation, with its trace (null unless violated). */
  replayCounterexample(): { events: TraceEvent[]; world: World } | null;
}

export interface VariantToCheck {
  variant: string;
  file: string;
  expected: string | null;
}

/** What to check for an exercise: the starter (must violate `starterViolates`, default the first invariant), the solution (must pass), each known-bad variant. */
export function variantsOf(bundle: ExerciseBundle): VariantToCheck[] {
  const m = bundle.manifest;
  const starterExpected = m.files.starterViolates ?? m.invariants[0]?.name ?? null;
  return [
    { variant: 'starter', file: m.files.starter, expected: starterExpected },
    { variant: 'solution', file: m.files.solution, expected: null },
    ...Object.entries(m.files.variants).map(([name, v]) => ({
      variant: name,
      file: v.file,
      expected: v.violates,
    })),
  ];
}

export function checkVariant(
  bundle: ExerciseBundle,
  v: VariantToCheck,
  now: () => number = () => 0,
  source?: string,
): VariantCheck {
  const prepared = prepareVariant(bundle, v, now, source);
  if ('early' in prepared) return prepared.early;
  return variantCheck(prepared, checkModel(prepared.model, prepared.options));
}

/**
 * `checkVariant` with helpers on other cores: `pool` is called with the time left once the
 * search has `poolFromStates` states (so small checks start no helpers), and the pool is closed
 * after the check. Results are exactly `checkVariant`'s.
 */
export async function checkVariantWithHelpers(
  bundle: ExerciseBundle,
  v: VariantToCheck,
  now: () => number,
  pool: (remainingMs: number) => ExpansionPool,
  options: {
    source?: string;
    poolFromStates?: number;
    /** Lets the helpers' answers in between slices (see `checkModelAsync`). */
    yieldToEvents?: () => Promise<void>;
  } = {},
): Promise<VariantCheck> {
  const prepared = prepareVariant(bundle, v, now, options.source);
  if ('early' in prepared) return prepared.early;
  const deadline = now() + prepared.options.maxTimeMs;
  let helpers: ExpansionPool | undefined;
  try {
    const result = await checkModelAsync(
      prepared.model,
      {
        ...prepared.options,
        pool: () => (helpers = pool(Math.max(0, deadline - now()))),
        ...(options.poolFromStates !== undefined ? { poolFromStates: options.poolFromStates } : {}),
      },
      options.yieldToEvents,
    );
    return variantCheck(prepared, result);
  } finally {
    helpers?.close();
  }
}

/**
 * The model a helper on another thread expands for variant `v` (threadPool.ts recipes): the
 * search's oracle reference runs adopted (not run again per thread), built within `remainingMs`.
 */
export function helperVariantModel(
  bundle: ExerciseBundle,
  v: VariantToCheck,
  references: OracleReferences,
  remainingMs: number,
  now: () => number,
  source?: string,
): SimModel {
  adoptOracleReferences(references);
  const limits = { ...bundle.manifest.limits, maxTimeMs: remainingMs };
  const prepared = prepareVariant(
    { ...bundle, manifest: { ...bundle.manifest, limits } },
    v,
    now,
    source,
  );
  if ('early' in prepared) {
    throw new Error(`${v.variant}: ended before its search (${prepared.early.verdict}).`);
  }
  return prepared.model;
}

interface PreparedVariant {
  base: Pick<VariantCheck, 'variant' | 'file' | 'expected'>;
  bundle: ExerciseBundle;
  v: VariantToCheck;
  text: string;
  model: SimModel;
  options: CheckOptions & { maxTimeMs: number };
}

/**
 * The model a variant is checked on (the oracle's reference runs computed, the learner's file
 * compiled) and the check's options; or the check's end when that already fails.
 */
export function prepareVariant(
  bundle: ExerciseBundle,
  v: VariantToCheck,
  now: () => number = () => 0,
  source?: string,
): PreparedVariant | { early: VariantCheck } {
  const text = source ?? bundle.sources[v.file] ?? '';
  const base = { variant: v.variant, file: v.file, expected: v.expected };
  // The oracle's reference runs share the check's time budget with the search.
  const limits = bundle.manifest.limits;
  const budget = { now, deadlineMs: now() + limits.maxTimeMs };
  let manifest;
  try {
    manifest = withOracle(bundle.manifest, bundle, budget);
  } catch (error) {
    if (error instanceof SearchLimitReached) return { early: limitCheck(base, error) };
    throw error;
  }
  const prepared = createProgram(manifest, text, v.file);
  if (!prepared.ok) return { early: learnerErrorCheck(base, prepared.error) };
  let simModel: SimModel;
  try {
    // Building the engine reads what the file exports (a retry policy): it can fail there too.
    simModel = createSimModel(prepared.program);
  } catch (error) {
    const learner = toLearnerError(error);
    if (!learner) throw error;
    return { early: learnerErrorCheck(base, learner) };
  }
  const model = { ...simModel, beyond: beyondBounds(bundle, {}, text, v.file) };
  return {
    base,
    bundle,
    v,
    text,
    model,
    options: {
      maxStates: limits.maxStates,
      maxDepth: limits.maxDepth,
      maxTimeMs: Math.max(0, budget.deadlineMs - now()),
      now,
      sample: {},
    },
  };
}

function variantCheck(
  { base, bundle, v, text, model }: PreparedVariant,
  result: CheckResult<World, Choice>,
): VariantCheck {
  const invariant = result.verdict === 'violated' ? result.invariant : null;
  let explanation: string | null = null;
  if (result.verdict === 'violated') {
    explanation = result.explanation ?? result.description;
  } else if (result.verdict === 'learner-error') {
    explanation = `${result.file}${result.line ? `:${result.line}` : ''}: ${result.message}`;
  }
  const ok =
    v.expected === null
      ? result.verdict === 'passed'
      : result.verdict === 'violated' && invariant === v.expected;
  return {
    ...base,
    verdict: result.verdict,
    invariant,
    explanation,
    distinctStates: result.distinctStates,
    generatedStates: result.generatedStates,
    depth: result.verdict === 'violated' ? result.counterexample.depth : result.depth,
    elapsedMs: result.elapsedMs,
    ok,
    result,
    replayCounterexample: () => {
      if (result.verdict !== 'violated') return null;
      // Found past the bounds: it replays on the grown workload it was found on.
      const on = result.beyond
        ? modelWithSettings(bundle, result.beyond.settings, text, v.file)
        : model;
      return replayChoices(on.engine, result.counterexample.choices);
    },
  };
}

/** The check that reached a limit before any state was explored (the oracle's reference). */
function limitCheck(
  base: Pick<VariantCheck, 'variant' | 'file' | 'expected'>,
  limit: SearchLimitReached,
): VariantCheck {
  return {
    ...base,
    verdict: 'limit-reached',
    invariant: null,
    explanation: limit.reason,
    distinctStates: 0,
    generatedStates: 0,
    depth: 0,
    elapsedMs: 0,
    ok: false,
    result: limitReachedResult(limit),
    replayCounterexample: () => null,
  };
}

/** The check of a file whose code failed before any state was explored. */
function learnerErrorCheck(
  base: Pick<VariantCheck, 'variant' | 'file' | 'expected'>,
  error: { file: string; line?: number; column?: number; message: string },
): VariantCheck {
  return {
    ...base,
    verdict: 'learner-error',
    invariant: null,
    explanation: `${error.file}${error.line ? `:${error.line}` : ''}: ${error.message}`,
    distinctStates: 0,
    generatedStates: 0,
    depth: 0,
    elapsedMs: 0,
    ok: false,
    result: {
      verdict: 'learner-error',
      file: error.file,
      ...(error.line !== undefined ? { line: error.line } : {}),
      ...(error.column !== undefined ? { column: error.column } : {}),
      message: error.message,
    },
    replayCounterexample: () => null,
  };
}

/** One lesson step of a model-checking folder, checked at the manifest's default parameters. */
export interface LessonStepCheck {
  variant: string;
  expected: string | null;
  verdict: string;
  invariant: string | null;
  distinctStates: number;
  depth: number;
  elapsedMs: number;
  ok: boolean;
}

/** Checks each lesson step of a model-checking folder as the app does (its text, sandboxed). */
export function checkLessonSteps(
  bundle: ModelCheckingBundle,
  now: () => number = () => 0,
): LessonStepCheck[] {
  const params = parameterValues(bundle.manifest) as unknown as HandlerParams;
  return bundle.manifest.variants.map((v) => {
    const base = { variant: v.id, expected: v.violates };
    const source = bundle.sources[v.file] ?? '';
    let result;
    try {
      const evaluated = evaluateModelSource(source, v.file);
      const model = createHandlerModel(
        evaluated.exports as HandlerModule,
        params,
        v.file,
        evaluated,
      );
      result = checkModel(model, { now });
    } catch (error) {
      const learner = toLearnerError(error);
      if (!learner) throw error;
      return {
        ...base,
        verdict: `learner-error ${learner.file}${learner.line ? `:${learner.line}` : ''}: ${learner.message}`,
        invariant: null,
        distinctStates: 0,
        depth: 0,
        elapsedMs: 0,
        ok: false,
      };
    }
    const invariant = result.verdict === 'violated' ? result.invariant : null;
    return {
      ...base,
      verdict: result.verdict,
      invariant,
      distinctStates: result.distinctStates,
      depth: result.verdict === 'violated' ? result.counterexample.depth : result.depth,
      elapsedMs: result.elapsedMs,
      ok:
        v.violates === null
          ? result.verdict === 'passed'
          : result.verdict === 'violated' && invariant === v.violates,
    };
  });
}
