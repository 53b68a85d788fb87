/**
 * The check runner of the app: one checker worker per page, created on the first check and
 * replaced after an abort (Cancel that did not stop in time) or a crash.
 */
import { createCheckerClient } from '../../checker/client';
import type { CheckerClient } from '../../checker/client';
import { createWorkerTransport } from '../../checker/workerClient';
import type { CheckRunner } from '../../machines/checkMachine';

let client: CheckerClient | null = null;

export const checkInWorker: CheckRunner = (job, onProgress) => {
  let crash: string | null = null;
  const c = (client ??= createCheckerClient(
    createWorkerTransport((message) => {
      crash = message;
      drop(c);
    }),
  ));
  const run = c.check(job.model, { limits: job.limits, onProgress });
  return {
    result: run.result.catch((error: unknown) => {
      throw new Error(
        crash
          ? `The checker stopped unexpectedly: ${crash}`
          : error instanceof Error
            ? error.message
            : String(error),
      );
    }),
    cancel: run.cancel,
    abort: () => drop(c),
  };
};

function drop(c: CheckerClient) {
  if (client === c) client = null;
  c.dispose();
}
