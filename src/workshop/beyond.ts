/**
 * The grown workloads a messaging exercise is sampled on once its bounds pass (the checker's
 * beyond.ts): one more fault (where the exercise injects faults), one more message (a copy of
 * the last initial message, under a new id) and one more tab (a copy of the first). Each is the
 * learner's settings plus one grown setting, so a page replays a counterexample found there by
 * opening the run with those settings.
 *
 * Contract: `beyondBounds(exercise, settings, source, file)` lists them; `prepare` builds the
 * learner's model on the grown workload, with the exactly-once oracle computed for it. A grown
 * workload is sampled only where the exercise's reference solution holds: first the reference
 * takes REFERENCE_WALKS_FACTOR times the learner's walks (same seeds and more, so code that
 * behaves like the reference walks where it walked), and an invariant it breaks there means the
 * exercise's lesson does not reach that far: skipped, saying why. So is a grown workload whose
 * reference outcomes take more than GROWN_REFERENCE_MAX_STATES states. Decisions are cached per
 * exercise × grown settings × walks for the life of the process (a browser worker keeps them
 * across checks, and the checker warms them up when an exercise opens).
 */
import { toLearnerError } from '../checker/learnerError';
import { SearchLimitReached } from '../checker/limitReached';
import { Swarm } from '../checker/swarm';
import type { BeyondBound, BeyondWalks } from '../checker/types';
import { stableStringify } from '../core/hash';
import type { Choice, ExerciseManifest, World } from '../sim';
import { ReferenceSolutionError, withOracle } from './oracle';
import { createProgram } from './program';
import { applySettings, SettingError } from './settings';
import { createSimModel } from './simModel';

/** The reference solution walks this many times the learner's walks before they run. */
export const REFERENCE_WALKS_FACTOR = 4;
/**
 * The reference's walks are this long at most, whatever the learner's search reached (theirs go
 * to four times its depth, far less in every exercise): the decision is the same for every
 * learner file.
 */
export const REFERENCE_WALK_MAX_DEPTH = 1_000;
/** Reference outcomes of a grown workload bigger than this are not computed: not sampled. */
export const GROWN_REFERENCE_MAX_STATES = 20_000;

export interface BeyondExercise {
  folder: string;
  /** The exercise's own manifest (settings not applied). */
  manifest: ExerciseManifest;
  sources: Record<string, string>;
}

interface Growth {
  name: string;
  settings: Record<string, string>;
}

/**
 * Why a grown workload is not sampled, or null when the reference holds there: per exercise
 * manifest (by identity: a manifest grown in a test or benchmark keeps its folder, and must not
 * reuse the decision of the exercise's own), then by growth and walks.
 */
const decisionsByManifest = new WeakMap<ExerciseManifest, Map<string, string | null>>();

export function beyondBounds(
  exercise: BeyondExercise,
  settings: Record<string, string>,
  source: string,
  file: string,
): BeyondBound<World, Choice>[] {
  let applied: ExerciseManifest;
  try {
    applied = applySettings(exercise.manifest, settings);
  } catch {
    return [];
  }
  return growthsOf(applied, settings).map((growth) => ({
    ...growth,
    prepare: (walks: BeyondWalks) => prepare(exercise, growth, source, file, walks),
  }));
}

/** One step past the bounds of `m`, in each direction its workload has. */
function growthsOf(m: ExerciseManifest, settings: Record<string, string>): Growth[] {
  const out: Growth[] = [];
  if (m.faults.total > 0) {
    const grown: Record<string, string> = { 'faults.total': String(m.faults.total + 1) };
    // Every capped kind may take the extra fault, none more than one extra.
    for (const [kind, cap] of Object.entries(m.faults.perKind))
      if (cap !== undefined) grown[`faults.${kind}`] = String(cap + 1);
    out.push({ name: 'one more fault', settings: { ...settings, ...grown } });
  }
  const extra = (name: string) => Number(settings[name] ?? 0) + 1;
  if ((m.workload.messages ?? []).length > 0)
    out.push({
      name: 'one more message',
      settings: { ...settings, 'workload.extraMessages': String(extra('workload.extraMessages')) },
    });
  if ((m.workload.tabs ?? []).length > 0)
    out.push({
      name: 'one more browser tab',
      settings: { ...settings, 'workload.extraTabs': String(extra('workload.extraTabs')) },
    });
  return out;
}

function prepare(
  exercise: BeyondExercise,
  growth: Growth,
  source: string,
  file: string,
  walks: BeyondWalks,
): { model: ReturnType<typeof createSimModel> } | { skipped: string } {
  let decisions = decisionsByManifest.get(exercise.manifest);
  if (!decisions) decisionsByManifest.set(exercise.manifest, (decisions = new Map()));
  const key = stableStringify([growth.settings, walks.walks, walks.seed]);
  const decided = decisions.get(key);
  if (typeof decided === 'string') return { skipped: decided };
  // The reference outcomes are cached by the oracle: this is quick after the first time.
  const manifest = grownManifest(exercise, growth, walks.budget);
  if ('why' in manifest) {
    // Out of time is no decision: a later check, with time left, computes it.
    if (manifest.final) decisions.set(key, manifest.why);
    return { skipped: manifest.why };
  }
  if (decided === undefined) {
    const why = referenceBreaks(exercise, manifest, walks);
    decisions.set(key, why);
    if (why !== null) return { skipped: why };
  }
  const model = learnerModel(manifest, source, file);
  // The learner's file compiled for the exercise's own bounds; a grown manifest changes nothing
  // it is compiled against, so this cannot fail differently. Reported, should it ever.
  return typeof model === 'string'
    ? { skipped: `your file does not compile there: ${model}` }
    : { model };
}

/** The learner's file on `manifest`, or why it does not compile. */
function learnerModel(
  manifest: ExerciseManifest,
  source: string,
  file: string,
): ReturnType<typeof createSimModel> | string {
  const prepared = createProgram(manifest, source, file);
  return prepared.ok ? createSimModel(prepared.program) : prepared.error.message;
}

/**
 * The grown manifest with the oracle's reference computed for it (within the check's time
 * budget), or why there is none (`final`: the same next time, whatever the time left).
 */
function grownManifest(
  exercise: BeyondExercise,
  growth: Growth,
  budget: BeyondWalks['budget'],
): ExerciseManifest | { why: string; final: boolean } {
  try {
    return withOracle(
      applySettings(exercise.manifest, growth.settings),
      exercise,
      budget,
      GROWN_REFERENCE_MAX_STATES,
    );
  } catch (error) {
    if (error instanceof SettingError) return { why: error.message, final: true };
    if (error instanceof SearchLimitReached && error.limit === 'time')
      return {
        why: "the time budget ran out while computing the reference solution's end results there",
        final: false,
      };
    if (error instanceof ReferenceSolutionError || error instanceof SearchLimitReached)
      return {
        why: `the reference solution's end results there take more than ${GROWN_REFERENCE_MAX_STATES.toLocaleString('en-US')} states to compute`,
        final: true,
      };
    throw error;
  }
}

/** Why the reference solution does not hold on the grown workload, or null when it does. */
function referenceBreaks(
  exercise: BeyondExercise,
  manifest: ExerciseManifest,
  walks: BeyondWalks,
): string | null {
  const solutionFile = manifest.files.solution;
  const prepared = createProgram(manifest, exercise.sources[solutionFile] ?? '', solutionFile);
  if (!prepared.ok) return `the reference solution does not compile there`;
  const model = createSimModel(prepared.program);
  const swarm = new Swarm(model, {
    seed: walks.seed,
    maxDepth: REFERENCE_WALK_MAX_DEPTH,
    maxWalks: walks.walks * REFERENCE_WALKS_FACTOR,
  });
  let finding;
  try {
    finding = swarm.runSome(Number.MAX_SAFE_INTEGER);
  } catch (error) {
    const learner = toLearnerError(error);
    if (!learner) throw error;
    return `the reference solution fails there (${learner.message})`;
  }
  if (!finding) return null;
  const broken =
    finding.invariant === 'stuck' ? 'stuck' : model.invariants[finding.invariant]!.name;
  return `the reference solution itself breaks ${broken} there`;
}

/**
 * The learner's model on the workload of `settings` (a grown workload's, from a counterexample's
 * `beyond`), with the oracle: to replay a counterexample found there.
 */
export function modelWithSettings(
  exercise: BeyondExercise,
  settings: Record<string, string>,
  source: string,
  file: string,
): ReturnType<typeof createSimModel> {
  const manifest = withOracle(applySettings(exercise.manifest, settings), exercise);
  const model = learnerModel(manifest, source, file);
  if (typeof model === 'string') throw new Error(`${file} does not compile: ${model}`);
  return model;
}
