/**
 * How `npm run check` builds the exercise it checks (settings and --max-states applied), shared
 * by the CLI (check.ts) and its helper threads (src/workers/threadPool.ts): every thread builds
 * exactly the model the search runs on.
 */
import { performance } from 'node:perf_hooks';
import type { ExerciseBundle } from '../src/workshop/bundle';
import { isMessaging } from '../src/workshop/bundle';
import { loadExercisesFromDisk } from '../src/workshop/loadNode';
import type { OracleReferences } from '../src/workshop/oracle';
import { applySettings } from '../src/workshop/settings';
import type { SimModel } from '../src/workshop/simModel';
import { helperVariantModel, type VariantToCheck } from '../src/workshop/verify';

/** A messaging exercise with the CLI's settings and state limit applied. */
export function configuredBundle(
  found: ExerciseBundle,
  settings: Record<string, string>,
  maxStates: number | undefined,
): ExerciseBundle {
  const configured = applySettings(found.manifest, settings);
  const manifest = maxStates
    ? { ...configured, limits: { ...configured.limits, maxStates } }
    : configured;
  return { ...found, manifest };
}

export interface HelperModelArgs {
  folder: string;
  settings: Record<string, string>;
  maxStates?: number;
  target: VariantToCheck;
  source?: string;
  /** The check's time left when the helpers start. */
  remainingMs: number;
  references: OracleReferences;
}

/** The model a helper thread of `npm run check` builds (threadPool.ts recipe). */
export async function helperModel(args: HelperModelArgs): Promise<SimModel> {
  const found = (await loadExercisesFromDisk())
    .filter(isMessaging)
    .find((l) => l.folder === args.folder);
  if (!found) throw new Error(`no exercise ${args.folder}`);
  return helperVariantModel(
    configuredBundle(found, args.settings, args.maxStates),
    args.target,
    args.references,
    args.remainingMs,
    () => performance.now(),
    args.source,
  );
}
