/**
 * Test helpers for exercise folders: check a variant of an exercise and replay its shortest
 * counterexample in the simulation, so an exercise test can assert that the trace shows the
 * anomaly its README describes (the ghost message, the second order, the double charge...).
 */
import { describeEvent, replayChoices } from '../sim';
import type { Choice, TraceEvent, World } from '../sim';
import { isMessaging } from './bundle';
import type { ExerciseBundle } from './bundle';
import { loadExercisesFromDisk } from './loadNode';
import { createProgram } from './program';
import { createSimModel } from './simModel';
import { checkVariant, variantsOf } from './verify';
import type { VariantCheck } from './verify';

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
  const prepared = createProgram(bundle.manifest, bundle.sources[v.file]!, v.file);
  if (!prepared.ok) throw new Error(prepared.error.message);
  const engine = createSimModel(prepared.program).engine;
  const replay = replayChoices(engine, check.result.counterexample.choices as Choice[]);
  return {
    check,
    events: replay.events,
    lines: replay.events.map(describeEvent),
    world: replay.world,
  };
}
