/**
 * A test driver: runs an engine to quiescence, letting a policy pick each step (e.g. "fail the
 * first send, otherwise take the first normal step"). Scenario tests use it to build a specific
 * bad run by hand, the way a learner would click faults in the diagram.
 */
import type { Choice } from '../choices';
import type { Engine } from '../engine';
import type { TraceEvent } from '../trace';
import type { World } from '../world';

export type Policy = (enabled: Choice[], world: World) => Choice;

export function drive(
  engine: Engine,
  policy: Policy,
  maxSteps = 10_000,
): { world: World; events: TraceEvent[]; choices: Choice[] } {
  engine.reset();
  const world = engine.initialWorld();
  const events: TraceEvent[] = [];
  const choices: Choice[] = [];
  for (let i = 0; i < maxSteps; i++) {
    const enabled = engine.enabledSteps(world);
    if (enabled.length === 0) return { world, events, choices };
    const choice = policy(enabled, world);
    choices.push(choice);
    engine.stepInPlace(world, choice, events, i);
  }
  throw new Error(`no quiescence after ${maxSteps} steps`);
}

/** The first step that injects no fault (deterministic "happy path"). */
export function firstNormal(enabled: Choice[]): Choice {
  const normal = enabled.find(
    (c) =>
      (c.t === 'run' && c.outcome === 'ok') ||
      c.t === 'act' ||
      c.t === 'arrive' ||
      c.t === 'timer' ||
      (c.t === 'deliver' && !c.reorder),
  );
  if (!normal) throw new Error(`no normal step among ${JSON.stringify(enabled)}`);
  return normal;
}

/** Injects `fault` once, the first time `when` matches; otherwise takes normal steps. */
export function injectOnce(when: (c: Choice, world: World) => boolean): Policy {
  let done = false;
  return (enabled, world) => {
    if (!done) {
      const hit = enabled.find((c) => when(c, world));
      if (hit) {
        done = true;
        return hit;
      }
    }
    return firstNormal(enabled);
  };
}

/** True when `c` runs an invocation whose pending call is of `kind` with the given outcome. */
export function isRun(c: Choice, world: World, kind: string, outcome: string): boolean {
  if (c.t !== 'run' || c.outcome !== outcome) return false;
  const inv = world.invocations.find((i) => i.attemptId === c.attemptId);
  if (!inv) return false;
  const pending = inv.pending.phase === 'call' ? inv.pending.effect.kind : inv.pending.phase;
  return pending === kind;
}
