/**
 * A seeded schedule that can start from any world: the same weighting as `playSeeded` (fault
 * steps drawn ten times less often), so continuing from the initial world gives exactly
 * `playSeeded`'s run (pinned by a test). Used to re-run after a fault taken from a step.
 */
import { createRng } from '../core/random';
import { faultOf } from '../sim';
import type { Choice, Engine, FaultKind, World } from '../sim';

/** The fault a choice injects in this world (a failing call needs the kind of its pending call). */
export function faultIn(world: World, c: Choice): FaultKind | null {
  if (c.t !== 'run') return faultOf(c);
  if (c.outcome === 'ok') return null;
  const inv = world.invocations.find((i) => i.attemptId === c.attemptId);
  const kind = inv?.pending.phase === 'call' ? inv.pending.effect.kind : inv?.pending.phase;
  return faultOf(c, kind);
}

/** Picks the next choice like `playSeeded` does, from one draw `r` in [0, 1). */
export function pickSeeded(enabled: Choice[], world: World, r: number, faultWeight = 0.1): Choice {
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
 * Continues from `world` (not changed) with a schedule drawn from `seed`, taking up to
 * `maxSteps` more steps. Calls `onStep` with each choice before it is taken.
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
    current = take(pickSeeded(enabled, current, rng.next()));
  }
}
