/**
 * The exercises, loaded once per page: manifests and READMEs are instructor content (trusted);
 * learner code in them is only ever run by the simulation worker.
 */
import type { LoadedExercise } from '../workshop/bundle';
import { loadExercises } from '../workshop/loadVite';

let loading: Promise<LoadedExercise[]> | undefined;

/** A stable promise for React's `use()`. */
export function getExercises(): Promise<LoadedExercise[]> {
  loading ??= loadExercises();
  return loading;
}
