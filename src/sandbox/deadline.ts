/**
 * The last resort against a runaway that escapes the step budget: run one request in a fresh
 * Worker and `terminate()` it when the deadline passes. Resolves with the worker's first message,
 * or `{ timedOut: true }`; rejects if the worker reports an error. The worker is always
 * terminated when the call settles, since this function created it.
 */

export interface TimedOut {
  timedOut: true;
}

export function runWithDeadline<TReq, TRes>(
  createWorker: () => Worker,
  request: TReq,
  deadlineMs: number,
): Promise<TRes | TimedOut> {
  return new Promise((resolve, reject) => {
    const worker = createWorker();
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.onmessage = null;
      worker.onerror = null;
      worker.terminate();
      settle();
    };
    const timer = setTimeout(() => finish(() => resolve({ timedOut: true })), deadlineMs);
    worker.onmessage = (event: MessageEvent) => finish(() => resolve(event.data as TRes));
    worker.onerror = (event: ErrorEvent) =>
      finish(() => reject(new Error(`Worker failed: ${event.message ?? 'unknown error'}`)));
    worker.postMessage(request);
  });
}
