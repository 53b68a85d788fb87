/**
 * Drivers over the one transition function: a seeded scheduler for Play (the same seed gives the
 * same run), and replay of a recorded list of choices (share links, counterexamples). Both
 * record the trace. Play draws fault steps with a lower weight than normal steps, so a seeded run
 * looks like a realistic day with occasional failures rather than a storm.
 */
import { createRng } from '../core/random';
import { faultOf } from './choices';
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
  /** Relative weight of a fault step against a normal step (default 0.1; 0 = no faults). */
  faultWeight?: number;
  /** Keep the trace (default true); benchmarks turn it off. */
  recordEvents?: boolean;
}

/** Runs the engine from its initial world with a seeded random schedule until nothing is enabled. */
export function playSeeded(engine: Engine, options: PlayOptions): Run {
  const rng = createRng(options.seed);
  const maxSteps = options.maxSteps ?? 10_000;
  const faultWeight = options.faultWeight ?? 0.1;
  const record = options.recordEvents ?? true;
  engine.reset();
  const world = engine.initialWorld();
  const choices: Choice[] = [];
  const events: TraceEvent[] = [];
  while (choices.length < maxSteps) {
    const enabled = engine.enabledSteps(world);
    if (enabled.length === 0)
      return { seed: options.seed, choices, events, world, end: 'quiescent' };
    const choice = pickWeighted(enabled, faultWeight, rng.next(), world);
    choices.push(choice);
    engine.stepInPlace(world, choice, record ? events : null, choices.length - 1);
  }
  return { seed: options.seed, choices, events, world, end: 'stepLimit' };
}

function pickWeighted(enabled: Choice[], faultWeight: number, r: number, world: World): Choice {
  let faults = 0;
  for (const c of enabled) if (isFault(c, world)) faults++;
  let x = r * (enabled.length - faults + faults * faultWeight);
  for (const c of enabled) {
    x -= isFault(c, world) ? faultWeight : 1;
    if (x < 0) return c;
  }
  return enabled[enabled.length - 1]!;
}

function isFault(c: Choice, world: World): boolean {
  if (c.t !== 'run') return faultOf(c) !== null;
  if (c.outcome === 'ok') return false;
  const inv = world.invocations.find((i) => i.attemptId === c.attemptId);
  const kind = inv?.pending.phase === 'call' ? inv.pending.effect.kind : inv?.pending.phase;
  return faultOf(c, kind) !== null;
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
