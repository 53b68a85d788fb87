/**
 * Builds the checker model for a messaging exercise from a check request: the exercise by
 * folder, the learner's settings, the learner's source compiled in the sandbox. A compile error
 * is thrown as a learner error (the check ends with that verdict, pointing at the line); the
 * oracle's reference runs share the check's time budget (`hooks.budget`), past which
 * SearchLimitReached is thrown.
 */
import type { ExerciseModelRequest } from '../checker/protocol';
import type { ModelHooks } from '../checker/registry';
import type { Model } from '../checker/types';
import { LearnerCodeError } from '../sandbox/errors';
import type { LoadedExercise } from './bundle';
import { isMessaging } from './bundle';
import { createProgram } from './program';
import { beyondBounds } from './beyond';
import { applySettings } from './settings';
import { createSimModel } from './simModel';
import { withOracle } from './oracle';

export function createExerciseModelFactory(exercises: readonly LoadedExercise[]) {
  return (request: ExerciseModelRequest, hooks: ModelHooks = {}): Model<unknown, unknown> => {
    const found = exercises.find((e) => e.folder === request.folder);
    if (!found) throw new Error(`Unknown exercise ${request.folder}`);
    if (!found.ok) throw new Error(found.error);
    if (!isMessaging(found)) throw new Error(`${request.folder} is not a messaging exercise`);
    const settings = request.settings ?? {};
    const manifest = withOracle(applySettings(found.manifest, settings), found, hooks.budget);
    const prepared = createProgram(manifest, request.source, request.file);
    if (!prepared.ok) throw new LearnerCodeError(prepared.error);
    if (hooks.onEnter) prepared.program.onEnter = hooks.onEnter;
    // Past the bounds after a pass: one more fault, message or tab (beyond.ts).
    const beyond = beyondBounds(found, settings, request.source, request.file);
    return { ...createSimModel(prepared.program), beyond } as unknown as Model<unknown, unknown>;
  };
}
