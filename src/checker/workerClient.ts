/**
 * The Web Worker transport. The only file of src/checker that creates a worker; written so Vite
 * bundles the worker (the literal `new Worker(new URL(...), { type: 'module' })`). The pure
 * tsconfig has no DOM lib, hence the minimal declarations below.
 */
import type { CheckerTransport } from './client';
import type { CheckerRequest, CheckerResponse } from './protocol';

interface WorkerLike {
  postMessage(message: CheckerRequest): void;
  onmessage: ((event: { data: CheckerResponse }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
  terminate(): void;
}
declare const Worker: new (url: unknown, options: { type: 'module' }) => WorkerLike;
declare const URL: new (path: string, base: string) => unknown;
declare global {
  interface ImportMeta {
    url: string;
  }
}

/** Starts a checker worker. `onCrash` is told when the worker dies (an operating error). */
export function createWorkerTransport(onCrash?: (message: string) => void): CheckerTransport {
  const worker = new Worker(new URL('./checker.worker.ts', import.meta.url), { type: 'module' });
  worker.onerror = (event) => onCrash?.(event.message ?? 'The checker worker crashed.');
  return {
    post: (request) => worker.postMessage(request),
    listen(onResponse) {
      worker.onmessage = (event) => onResponse(event.data);
    },
    terminate: () => worker.terminate(),
  };
}
