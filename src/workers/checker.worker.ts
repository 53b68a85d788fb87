/**
 * The checker's Web Worker entry: only wiring (the checker's handler, the exercises, the
 * sandbox) and a switch; it lives with the app's other workers, so src/checker stays free of the
 * layers above it. The app bundles it as a classic script (`?worker&url`) and starts it inside
 * the sandboxed iframe (isolatedWorker.ts); src/checker/workerClient.ts is its transport.
 */
// First: lock the realm down (SES) before any other module runs; learner code then runs in
// compartments that reach no storage, network, cache or channel.
import '../sandbox/lockdown';
import { assertNever } from '../core/assert';
import { createCheckerHandler } from '../checker/handler';
import { evaluateModelSource } from '../checker/sandboxModules';
import type { CheckerRequest, CheckerResponse } from '../checker/protocol';
import { modelCheckingVariantSource } from '../workshop/bundle';
import { loadExercises } from '../workshop/loadVite';
import { createExerciseModelFactory } from '../workshop/exerciseModel';

interface WorkerScope {
  postMessage(message: CheckerResponse): void;
  onmessage: ((event: { data: CheckerRequest }) => void) | null;
}
const scope = self as unknown as WorkerScope;

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
const ready = loadExercises().then((exercises) =>
  createCheckerHandler({
    post: (response) => scope.postMessage(response),
    now: () => performance.now(),
    yieldToEvents,
    modelCheckingVariant: (folder, variant) =>
      modelCheckingVariantSource(exercises, folder, variant),
    evaluateModule: evaluateModelSource,
    createExerciseModel: createExerciseModelFactory(exercises),
  }),
);

scope.onmessage = async ({ data }) => {
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
