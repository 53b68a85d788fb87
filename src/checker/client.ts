/**
 * The caller's side of the checker protocol: `createCheckerClient(transport)` runs checks with
 * progress callbacks and cancellation over any {@link CheckerTransport}: a Web Worker
 * (workerClient.ts) in the app, or `createInThreadTransport` (the same handler, same thread) in
 * tests and Node.
 */
import { createCheckerHandler, type HandlerDeps } from './handler';
import type {
  CheckerRequest,
  CheckerResponse,
  EnteringLearnerCode,
  ModelRequest,
  WireResult,
} from './protocol';
import type { CheckLimits, CheckProgress } from './types';
import { assertNever } from '../core/assert';

export interface CheckerTransport {
  post(request: CheckerRequest): void;
  /** Registers the single response listener. */
  listen(onResponse: (response: CheckerResponse) => void): void;
  terminate(): void;
}

/** An operating failure of a check (not a verdict): bad request, worker error. */
export class CheckerRunError extends Error {
  override name = 'CheckerRunError';
}

export interface CheckRun {
  /** The verdict; rejects with CheckerRunError on an operating failure. */
  result: Promise<WireResult>;
  /** Asks the checker to stop at the next slice boundary; `result` then resolves `cancelled`. */
  cancel(): void;
}

export interface CheckerClient {
  check(
    model: ModelRequest,
    options?: {
      limits?: CheckLimits;
      sliceMs?: number;
      onProgress?: (p: CheckProgress, elapsedMs: number) => void;
      /** A diagnostic run: told before every call into learner code (see `CheckRequest.locate`). */
      onEnter?: (where: EnteringLearnerCode) => void;
      /** Helpers on other cores for a search that grows (see `CheckRequest.helpers`). */
      helpers?: number;
    },
  ): CheckRun;
  /** Prepares what a check of `model` will need, while nothing is asked (see `WarmRequest`). */
  warm(model: ModelRequest): void;
  dispose(): void;
}

export function createCheckerClient(transport: CheckerTransport): CheckerClient {
  let nextRunId = 1;
  const runs = new Map<
    number,
    {
      resolve: (r: WireResult) => void;
      reject: (e: Error) => void;
      onProgress: ((p: CheckProgress, elapsedMs: number) => void) | undefined;
      onEnter: ((where: EnteringLearnerCode) => void) | undefined;
    }
  >();
  transport.listen((response) => {
    const run = runs.get(response.runId);
    if (!run) return;
    switch (response.type) {
      case 'progress':
        run.onProgress?.(response.progress, response.elapsedMs);
        return;
      case 'entering':
        run.onEnter?.(response.where);
        return;
      case 'result':
        runs.delete(response.runId);
        run.resolve(response.result);
        return;
      case 'error':
        runs.delete(response.runId);
        run.reject(new CheckerRunError(response.message));
        return;
      default:
        assertNever(response, 'checker response');
    }
  });
  return {
    check(model, options = {}) {
      const runId = nextRunId++;
      const result = new Promise<WireResult>((resolve, reject) => {
        runs.set(runId, {
          resolve,
          reject,
          onProgress: options.onProgress,
          onEnter: options.onEnter,
        });
      });
      const request: CheckerRequest = { type: 'check', runId, model, limits: options.limits ?? {} };
      if (options.sliceMs !== undefined) request.sliceMs = options.sliceMs;
      if (options.onEnter) request.locate = true;
      if (options.helpers) request.helpers = options.helpers;
      transport.post(request);
      return { result, cancel: () => transport.post({ type: 'cancel', runId }) };
    },
    warm(model) {
      transport.post({ type: 'warm', model });
    },
    dispose() {
      for (const run of runs.values()) run.reject(new CheckerRunError('The checker was disposed.'));
      runs.clear();
      transport.terminate();
    },
  };
}

/** Runs the worker's handler in this thread (tests, Node, or a fallback without workers). */
export function createInThreadTransport(deps: Omit<HandlerDeps, 'post'>): CheckerTransport {
  let listener: ((r: CheckerResponse) => void) | undefined;
  const handler = createCheckerHandler({ ...deps, post: (r) => listener?.(r) });
  return {
    post(request) {
      switch (request.type) {
        case 'check':
          void handler.check(request);
          return;
        case 'cancel':
          handler.cancel(request.runId);
          return;
        case 'warm':
          handler.warm(request);
          return;
        default:
          assertNever(request, 'checker request');
      }
    },
    listen(onResponse) {
      listener = onResponse;
    },
    terminate() {
      listener = undefined;
    },
  };
}
