/**
 * The simulation worker: learner code is untrusted and runs only here, never on the main thread.
 * A long-lived session (Step, Back, Play, compile) whose client terminates the worker when a
 * request misses its deadline, so a runaway handler can always be stopped. Only wiring and a
 * switch.
 */
// First: lock the realm down (SES) before any other module runs; learner code then runs in
// compartments that reach no storage, network, cache or channel.
import '../sandbox/lockdown';
import { assertNever } from '../core/assert';
import type { LoadedExercise } from '../workshop/bundle';
import { loadExercises } from '../workshop/loadVite';
import { createSessionHost } from './session';
import type { SessionHost } from './session';
import type { CompileRequest, SessionRequest, SessionResponse } from './sessionProtocol';

type Request = SessionRequest | CompileRequest;

interface WorkerScope {
  postMessage(message: SessionResponse): void;
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
