/**
 * The Web Worker transport of the checker: posts requests to a worker and passes its answers on.
 * The worker itself is created by the caller (the app creates it inside the sandboxed iframe,
 * src/workers/isolatedWorker.ts), so this file stays free of the DOM and of bundler syntax.
 */
import type { CheckerTransport } from './client';
import type { CheckerRequest, CheckerResponse } from './protocol';

/** What the transport needs of a worker. */
export interface CheckerWorker {
  postMessage(message: CheckerRequest): void;
  onmessage: ((event: { data: CheckerResponse }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
  terminate(): void;
}

/** A transport over `worker`. `onCrash` is told when the worker dies (an operating error). */
export function createWorkerTransport(
  worker: CheckerWorker,
  onCrash?: (message: string) => void,
): CheckerTransport {
  worker.onerror = (event) => onCrash?.(event.message ?? 'The checker worker crashed.');
  return {
    post: (request) => worker.postMessage(request),
    listen(onResponse) {
      worker.onmessage = (event) => onResponse(event.data);
    },
    terminate: () => worker.terminate(),
  };
}
