/**
 * The simulation worker: learner code is untrusted and runs only here, never on the main thread.
 * One request per worker (the client starts a fresh worker per run and terminates it on its
 * deadline), so a runaway handler can always be stopped. Only wiring and a switch.
 */
import { assertNever } from '../core/assert';
import { loadExercises } from '../workshop/loadVite';
import { runSimulation } from './runSimulation';
import type { SimulationRequest, SimulationResponse } from './simulationProtocol';

interface WorkerScope {
  postMessage(message: SimulationResponse): void;
  onmessage: ((event: { data: SimulationRequest }) => void) | null;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = ({ data }) => {
  switch (data.type) {
    case 'play':
      void loadExercises().then(
        (exercises) => scope.postMessage(runSimulation(exercises, data)),
        (error: unknown) =>
          scope.postMessage({
            type: 'internalError',
            message: `Loading the exercises failed: ${error instanceof Error ? error.message : String(error)}`,
          }),
      );
      return;
    default:
      assertNever(data.type, 'simulation request');
  }
};
