/**
 * The checker's Web Worker entry: only wiring (the checker's handler, the exercises, the
 * sandbox) and a switch; it lives with the app's other workers, so src/checker stays free of the
 * layers above it. The app bundles it as a classic script (`?worker&url`) and starts it inside
 * the sandboxed iframe (isolatedWorker.ts); src/checker/workerClient.ts is its transport.
 *
 * The same script is also a checker's helper (src/checker/pool.ts): a check that grows starts
 * nested workers from its own script, named `checker-helper`, in the same sandbox. A helper is
 * told the model (the same request), the time left and the oracle's reference runs, builds the
 * model itself and expands the chunks of the search it is sent.
 */
// First: lock the realm down (SES) before any other module runs; learner code then runs in
// compartments that reach no storage, network, cache or channel.
import '../sandbox/lockdown';
import { assertNever } from '../core/assert';
import { createCheckerHandler } from '../checker/handler';
import { createExpansionHelper } from '../checker/expansion';
import {
  createExpansionPool,
  serveExpansion,
  type HelperPort,
  type HelperRequest,
  type HelperResponse,
} from '../checker/pool';
import { createModelFromRequest } from '../checker/registry';
import type { ModelRequest } from '../checker/protocol';
import { adoptOracleReferences, oracleReferences, type OracleReferences } from '../workshop/oracle';
import { evaluateModelSource } from '../checker/sandboxModules';
import type { CheckerRequest, CheckerResponse } from '../checker/protocol';
import { modelCheckingVariantSource } from '../workshop/bundle';
import { loadExercises } from '../workshop/loadVite';
import { createExerciseModelFactory } from '../workshop/exerciseModel';

interface WorkerScope {
  postMessage(message: CheckerResponse | HelperResponse): void;
  onmessage: ((event: { data: CheckerRequest | HelperMessage }) => void) | null;
  name: string;
  location: { href: string };
}
const scope = self as unknown as WorkerScope;
const HELPER_NAME = 'checker-helper';

/** What a helper is told first: the model to build, the time left, the reference runs. */
interface HelperStart {
  type: 'helper-start';
  model: ModelRequest;
  remainingMs: number;
  references: OracleReferences;
}
type HelperMessage = HelperStart | HelperRequest;

// Yield through a MessageChannel: setTimeout(0) is clamped to >= 4 ms when nested.
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
const yieldToEvents = (): Promise<void> =>
  new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });

// Exercise folders are loaded once (Vite glob imports), before the first request is served.
const exercisesLoaded = loadExercises();
const deps = exercisesLoaded.then((exercises) => ({
  modelCheckingVariant: (folder: string, variant: string) =>
    modelCheckingVariantSource(exercises, folder, variant),
  evaluateModule: evaluateModelSource,
  createExerciseModel: createExerciseModelFactory(exercises),
}));

/**
 * `count` nested workers of this script, each building `model` and expanding chunks; none where
 * a worker cannot start workers (the check then goes on in this one).
 */
function startHelpers(model: ModelRequest, count: number, remainingMs: number) {
  if (typeof Worker !== 'function') return undefined;
  const references = oracleReferences();
  const workers: Worker[] = [];
  try {
    // The bundled script is classic; the dev server's is a module.
    const type = import.meta.env.DEV ? 'module' : 'classic';
    for (let i = 0; i < count; i++) {
      workers.push(new Worker(scope.location.href, { name: HELPER_NAME, type }));
    }
  } catch {
    for (const w of workers) w.terminate();
    return undefined;
  }
  const ports = workers.map((worker): HelperPort => {
    const start: HelperStart = { type: 'helper-start', model, remainingMs, references };
    worker.postMessage(start);
    return {
      post: (message) => worker.postMessage(message),
      listen(onMessage, onFailure) {
        worker.onmessage = (event: MessageEvent<HelperResponse>) => onMessage(event.data);
        worker.onerror = (event) => onFailure(event.message || 'its worker failed');
      },
      terminate: () => worker.terminate(),
    };
  });
  return createExpansionPool(ports);
}

/** A helper: builds the model it is told, then answers chunks in order. */
function serveAsHelper(): void {
  let serve: ((message: HelperRequest) => void) | undefined;
  let failed: string | undefined;
  const queued: HelperRequest[] = [];
  const post = (response: HelperResponse) => scope.postMessage(response);
  scope.onmessage = async ({ data }) => {
    if (data.type !== 'helper-start') {
      if (failed) return;
      if (serve) serve(data as HelperRequest);
      else queued.push(data as HelperRequest);
      return;
    }
    try {
      adoptOracleReferences(data.references);
      const now = () => performance.now();
      const model = createModelFromRequest(data.model, await deps, {
        budget: { now, deadlineMs: now() + data.remainingMs },
      });
      serve = serveExpansion(createExpansionHelper(model), post);
      for (const message of queued.splice(0)) serve(message);
    } catch (err) {
      failed = err instanceof Error ? err.message : String(err);
      post({ type: 'unavailable', message: failed });
    }
  };
}

const ready = deps.then((built) =>
  createCheckerHandler({
    post: (response) => scope.postMessage(response),
    now: () => performance.now(),
    yieldToEvents,
    ...built,
    startHelpers,
  }),
);

if (scope.name === HELPER_NAME) serveAsHelper();
else
  scope.onmessage = async (event) => {
    const data = event.data as CheckerRequest;
    const handler = await ready;
    switch (data.type) {
      case 'check':
        void handler.check(data);
        return;
      case 'cancel':
        handler.cancel(data.runId);
        return;
      case 'warm':
        handler.warm(data);
        return;
      default:
        assertNever(data, 'checker request');
    }
  };
