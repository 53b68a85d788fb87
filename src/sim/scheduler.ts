/**
 * Drivers over the one transition function: the one seeded schedule (Play from the initial world,
 * and the same schedule continued from any world after a fault taken at a step: the same seed
 * gives the same run), and replay of a recorded list of choices (share links, counterexamples).
 * Fault steps are drawn with a lower weight than normal steps, so a seeded run looks like a
 * realistic day with occasional failures rather than a storm.
 */
import { createRng } from '../core/random';
import { faultIn } from './choices';
import type { Choice } from './choices';
import type { Engine } from './engine';
import type { TraceEvent } from './trace';
import type { World } from './world';
import { stableStringify } from '../core/hash';

export interface Run {
  seed: number;
  choices: Choice[];
  events: TraceEvent[];
  world: World;
  /** Why the run stopped. */
  end: 'quiescent' | 'stepLimit';
}

export interface PlayOptions {
  seed: number;
  maxSteps?: number;
  /** Relative weight of a fault step against a normal step (default `faultWeightOf(seed)`). */
  faultWeight?: number;
  /** Keep the trace (default true); benchmarks turn it off. */
  recordEvents?: boolean;
}

/** How much less often the seeded schedule draws a fault step than a normal one. */
export const FAULT_WEIGHT = 0.1;

/**
 * The seed of the happy path: its schedule takes no fault step (a run where nothing fails,
 * the page's opening run unless the exercise declares another). Every other seed is a day with
 * occasional failures.
 */
export const HAPPY_PATH_SEED = 0;

/** The fault weight of a seed's schedule: none for the happy path, else FAULT_WEIGHT. */
export function faultWeightOf(seed: number): number {
  return seed === HAPPY_PATH_SEED ? 0 : FAULT_WEIGHT;
}

/** Runs the engine from its initial world with a seeded random schedule until nothing is enabled. */
export function playSeeded(engine: Engine, options: PlayOptions): Run {
  const rng = createRng(options.seed);
  const maxSteps = options.maxSteps ?? 10_000;
  const faultWeight = options.faultWeight ?? faultWeightOf(options.seed);
  const record = options.recordEvents ?? true;
  engine.reset();
  const world = engine.initialWorld();
  const choices: Choice[] = [];
  const events: TraceEvent[] = [];
  while (choices.length < maxSteps) {
    const enabled = engine.enabledSteps(world);
    if (enabled.length === 0)
      return { seed: options.seed, choices, events, world, end: 'quiescent' };
    const choice = pickSeeded(enabled, world, rng.next(), faultWeight);
    choices.push(choice);
    engine.stepInPlace(world, choice, record ? events : null, choices.length - 1);
  }
  return { seed: options.seed, choices, events, world, end: 'stepLimit' };
}

/** Picks the next choice of the seeded schedule from one draw `r` in [0, 1). */
export function pickSeeded(
  enabled: readonly Choice[],
  world: World,
  r: number,
  faultWeight = FAULT_WEIGHT,
): Choice {
  let faults = 0;
  for (const c of enabled) if (faultIn(world, c) !== null) faults++;
  let x = r * (enabled.length - faults + faults * faultWeight);
  for (const c of enabled) {
    x -= faultIn(world, c) !== null ? faultWeight : 1;
    if (x < 0) return c;
  }
  return enabled[enabled.length - 1]!;
}

/**
 * Continues the seeded schedule from `world` (not changed) with `seed`, taking up to `maxSteps`
 * more steps through `take`, which steps and returns the next world. From the initial world this
 * is exactly `playSeeded`'s run (pinned by a test).
 */
export function continueSeeded(
  engine: Engine,
  world: World,
  seed: number,
  maxSteps: number,
  take: (choice: Choice) => World,
): void {
  const rng = createRng(seed);
  let current = world;
  for (let i = 0; i < maxSteps; i++) {
    const enabled = engine.enabledSteps(current);
    if (enabled.length === 0) return;
    current = take(pickSeeded(enabled, current, rng.next(), faultWeightOf(seed)));
  }
}

export class ReplayError extends Error {
  override name = 'ReplayError';
}

/** Replays recorded choices from the initial world; a choice that is not enabled is a clear error. */
export function replayChoices(
  engine: Engine,
  choices: readonly Choice[],
): { world: World; events: TraceEvent[]; worlds: World[] } {
  engine.reset();
  let world = engine.initialWorld();
  const events: TraceEvent[] = [];
  const worlds: World[] = [world];
  choices.forEach((choice, i) => {
    const enabled = engine.enabledSteps(world);
    const key = stableStringify(choice);
    if (!enabled.some((c) => stableStringify(c) === key)) {
      throw new ReplayError(
        `Step ${i + 1} (${key}) is not possible at that point of the run: the run does not fit this exercise or code.`,
      );
    }
    const r = engine.step(world, choice);
    for (const e of r.events) events.push({ ...e, step: i });
    world = r.world;
    worlds.push(world);
  });
  return { world, events, worlds };
}
