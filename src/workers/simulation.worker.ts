/**
 * The simulation worker: learner code is untrusted and runs only here, never on the main thread.
 * A one-shot `play` (one request per worker) or a long-lived session (Step, Back, Play, compile)
 * whose client terminates the worker when a request misses its deadline, so a runaway handler
 * can always be stopped. Only wiring and a switch.
 */
import { assertNever } from '../core/assert';
import type { LoadedExercise } from '../workshop/bundle';
import { loadExercises } from '../workshop/loadVite';
import { runSimulation } from './runSimulation';
import { createSessionHost } from './session';
import type { SessionHost } from './session';
import type { CompileRequest, SessionRequest, SessionResponse } from './sessionProtocol';
import type { SimulationRequest, SimulationResponse } from './simulationProtocol';

type Request = SimulationRequest | SessionRequest | CompileRequest;

interface WorkerScope {
  postMessage(message: SimulationResponse | SessionResponse): void;
  onmessage: ((event: { data: Request }) => void) | null;
}
const scope = self as unknown as WorkerScope;

let exercises: Promise<LoadedExercise[]> | undefined;
let host: SessionHost | undefined;

function failed(error: unknown) {
  scope.postMessage({
    type: 'internalError',
    message: `Loading the exercises failed: ${error instanceof Error ? error.message : String(error)}`,
  });
}

scope.onmessage = ({ data }) => {
  exercises ??= loadExercises();
  switch (data.type) {
    case 'play':
      void exercises.then((all) => scope.postMessage(runSimulation(all, data)), failed);
      return;
    case 'session':
    case 'compile':
      void exercises.then((all) => {
        host ??= createSessionHost(all);
        scope.postMessage(host.handle(data));
      }, failed);
      return;
    default:
      assertNever(data, 'simulation request');
  }
};
