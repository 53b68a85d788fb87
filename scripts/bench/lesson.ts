/**
 * The model-checking lesson's solution for the benchmarks and the SPIN comparison: found through
 * the bundle loader (the first folder whose manifest is a model-checking one, 18 today) and
 * imported as a native module, since SPIN is compared with the checker, not with the sandbox.
 */
import type { HandlerModule } from '../../src/checker/messageHandler/dsl';
import { isModelChecking } from '../../src/workshop/bundle';
import { importExerciseModule, loadExercisesFromDisk } from '../../src/workshop/loadNode';

export interface LessonSolution {
  folder: string;
  file: string;
  /** The file's text, as a learner's edited copy reaches the sandbox. */
  source: string;
  module: HandlerModule;
}

export async function loadLessonSolution(): Promise<LessonSolution> {
  const lesson = (await loadExercisesFromDisk()).find(isModelChecking);
  if (!lesson)
    throw new Error(
      'no model-checking exercise folder (exercises/*/manifest.ts with kind "model-checking")',
    );
  const step =
    lesson.manifest.variants.find((v) => v.id === 'solution') ?? lesson.manifest.variants.at(-1)!;
  return {
    folder: lesson.folder,
    file: step.file,
    source: lesson.sources[step.file]!,
    module: await importExerciseModule<HandlerModule>(lesson.folder, step.file),
  };
}
