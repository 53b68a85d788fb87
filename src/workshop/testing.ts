/**
 * Test helpers for exercise folders: check a variant of an exercise and replay its shortest
 * counterexample in the simulation, so an exercise test can assert that the trace shows the
 * anomaly its README describes (the ghost message, the second order, the double charge...).
 */
import type { CheckResult } from '../checker/types';
import { describeEvent } from '../sim';
import type { Choice, TraceEvent, World } from '../sim';
import { isMessaging } from './bundle';
import type { ExerciseBundle } from './bundle';
import { loadExercisesFromDisk } from './loadNode';
import { checkVariant, variantsOf } from './verify';
import type { VariantCheck, VariantToCheck } from './verify';

/** What two checks must agree on to end alike: verdict, invariant, depth, states, counterexample. */
export function checkSummary(r: CheckResult<World, Choice>) {
  return {
    verdict: r.verdict,
    invariant: 'invariant' in r ? r.invariant : undefined,
    depth: r.depth,
    distinctStates: r.distinctStates,
    steps: 'counterexample' in r ? r.counterexample.choices : null,
  };
}

export async function loadBundle(folder: string): Promise<ExerciseBundle> {
  const found = (await loadExercisesFromDisk()).find((e) => e.folder === folder);
  if (!found || !isMessaging(found)) throw new Error(`no messaging exercise ${folder}`);
  return found;
}

export interface ReplayedCounterexample {
  check: VariantCheck;
  events: TraceEvent[];
  /** One line per event (describeEvent), handy in assertion messages. */
  lines: string[];
  world: World;
}

/** Checks `variant` (default: the starter) and replays its counterexample; throws if it passed. */
export function counterexampleOf(
  bundle: ExerciseBundle,
  variant = 'starter',
): ReplayedCounterexample {
  const v = variantsOf(bundle).find((x) => x.variant === variant);
  if (!v) throw new Error(`no variant ${variant}`);
  const check = checkVariant(bundle, v);
  if (check.result.verdict !== 'violated')
    throw new Error(`${variant} was not violated: ${check.verdict}`);
  const replay = check.replayCounterexample()!;
  return {
    check,
    events: replay.events,
    lines: replay.events.map(describeEvent),
    world: replay.world,
  };
}

/** An exercise folder under test: its bundle, and its variants checked or replayed by name. */
export interface PinnedExercise {
  bundle: ExerciseBundle;
  /** The variant by name, to check against a changed bundle with `checkVariant`. */
  variant(name: string): VariantToCheck;
  /** Checks 'starter', 'solution' or a known-bad variant (or `source` in its place). */
  check(variant: string, source?: string): VariantCheck;
  /** The variant's counterexample replayed (default: the starter's); throws if it passed. */
  counterexample(variant?: string): ReplayedCounterexample;
}

/** `const { check, counterexample } = await pinExercise('04-lost-message')` in an exercise test. */
export async function pinExercise(folder: string): Promise<PinnedExercise> {
  const bundle = await loadBundle(folder);
  const variant = (name: string): VariantToCheck => {
    const v = variantsOf(bundle).find((x) => x.variant === name);
    if (!v) throw new Error(`${folder} has no variant ${name}`);
    return v;
  };
  return {
    bundle,
    variant,
    check: (name, source) => checkVariant(bundle, variant(name), undefined, source),
    counterexample: (variant = 'starter') => counterexampleOf(bundle, variant),
  };
}
