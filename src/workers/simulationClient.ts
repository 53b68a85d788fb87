/**
 * The app's side of the simulation worker: one fresh worker per run, terminated when it answers
 * or when the deadline passes (a learner's infinite loop cannot freeze the page).
 */
import { runWithDeadline } from '../sandbox/deadline';
import type {
  SimulationOutcome,
  SimulationRequest,
  SimulationResponse,
} from './simulationProtocol';

export const SIMULATION_DEADLINE_MS = 5_000;

function createSimulationWorker(): Worker {
  return new Worker(new URL('./simulation.worker.ts', import.meta.url), { type: 'module' });
}

/** Runs one request in a worker; resolves with its response or `timedOut`, rejects if it crashed. */
export async function requestSimulation(
  request: SimulationRequest,
  deadlineMs = SIMULATION_DEADLINE_MS,
): Promise<SimulationOutcome> {
  const response = await runWithDeadline<SimulationRequest, SimulationResponse>(
    createSimulationWorker,
    request,
    deadlineMs,
  );
  if ('timedOut' in response) return { type: 'timedOut', deadlineMs, file: request.file };
  return response;
}
