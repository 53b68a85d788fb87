/**
 * The worker's logic, free of worker globals so it runs in Node tests too: find the exercise,
 * compile the learner file in the sandbox, play one seeded run and evaluate every invariant on
 * the final world. Learner failures become `learnerError`; anything else is an internal error.
 */
import { isLearnerCodeError } from '../sandbox';
import { createEngine, playSeeded } from '../sim';
import { isMessaging } from '../workshop/bundle';
import type { LoadedExercise } from '../workshop/bundle';
import { createProgram } from '../workshop/program';
import type { SimulationRequest, SimulationResponse } from './simulationProtocol';

export function runSimulation(
  exercises: readonly LoadedExercise[],
  request: SimulationRequest,
): SimulationResponse {
  const exercise = exercises.find((e) => e.folder === request.folder);
  if (!exercise) return { type: 'unavailable', message: `No exercise "${request.folder}".` };
  if (!exercise.ok) return { type: 'unavailable', message: exercise.error };
  if (!isMessaging(exercise)) {
    return { type: 'unavailable', message: 'This exercise is checked, not simulated.' };
  }
  const source = request.source ?? exercise.sources[request.file];
  if (source === undefined) {
    return { type: 'unavailable', message: `exercises/${request.folder} has no ${request.file}.` };
  }
  const program = createProgram(exercise.manifest, source, request.file);
  if (!program.ok) return { type: 'learnerError', error: program.error };
  try {
    const run = playSeeded(createEngine(program.program), {
      seed: request.seed,
      maxSteps: request.maxSteps,
    });
    return {
      type: 'ran',
      folder: request.folder,
      file: request.file,
      seed: request.seed,
      steps: run.choices.length,
      end: run.end,
      events: run.events,
      invariants: exercise.manifest.invariants.map((inv) => ({
        name: inv.name,
        kind: inv.kind,
        description: inv.description,
        result: safeCheck(() => inv.check(run.world)),
      })),
    };
  } catch (error) {
    if (isLearnerCodeError(error)) return { type: 'learnerError', error: error.learnerError };
    const e = error instanceof Error ? error : new Error(String(error));
    return { type: 'internalError', message: `${e.name}: ${e.message}`, stack: e.stack };
  }
}

function safeCheck(check: () => true | string): true | string {
  try {
    return check();
  } catch (error) {
    return `The invariant itself failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}
