/**
 * The app's side of the session worker: one long-lived worker, one request at a time (the next
 * is sent when the previous answers), each with a deadline. A worker that misses its deadline or
 * dies is terminated and replaced on the next request; its session is gone, so the caller opens
 * a new one (the answer tells it: `timedOut`, or `unavailable` "No run is open").
 */
import type {
  CompileRequest,
  SessionOp,
  SessionOutcome,
  SessionRequest,
  SessionResponse,
} from './sessionProtocol';
import { createIsolatedWorker, type WorkerLike } from './isolatedWorker';
import simulationWorkerUrl from './simulation.worker.ts?worker&url';

export const SESSION_DEADLINE_MS = 5_000;

export interface SessionClient {
  session(op: SessionOp): Promise<SessionOutcome>;
  compile(request: Omit<CompileRequest, 'type'>): Promise<SessionOutcome>;
  dispose(): void;
}

/** The simulation worker, inside the sandboxed iframe (isolatedWorker.ts). */
function createSimulationWorker(): WorkerLike {
  return createIsolatedWorker(simulationWorkerUrl);
}

export function createSessionClient(
  deadlineMs = SESSION_DEADLINE_MS,
  createWorker: () => WorkerLike = createSimulationWorker,
): SessionClient {
  let worker: WorkerLike | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let disposed = false;

  const kill = () => {
    worker?.terminate();
    worker = null;
  };

  function send(request: SessionRequest | CompileRequest): Promise<SessionOutcome> {
    const run = () =>
      new Promise<SessionOutcome>((resolve, reject) => {
        if (disposed) return reject(new Error('The simulation was closed.'));
        const w = (worker ??= createWorker());
        const timer = setTimeout(() => {
          kill();
          resolve({ type: 'timedOut', deadlineMs });
        }, deadlineMs);
        w.onmessage = (event: MessageEvent<SessionResponse>) => {
          clearTimeout(timer);
          resolve(event.data);
        };
        w.onerror = (event: ErrorEvent) => {
          clearTimeout(timer);
          kill();
          reject(new Error(`The simulation worker failed: ${event.message || 'unknown error'}`));
        };
        w.postMessage(request);
      });
    const result = queue.then(run, run);
    queue = result.catch(() => undefined);
    return result;
  }

  return {
    session: (op) => send({ type: 'session', op }),
    compile: (request) => send({ type: 'compile', ...request }),
    dispose() {
      disposed = true;
      kill();
    },
  };
}
