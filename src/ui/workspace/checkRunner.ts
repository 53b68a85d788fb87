/**
 * The check runner of the app: one checker worker per page, created on the first check and
 * replaced after an abort (Cancel that did not stop in time), a crash, or the watchdog.
 *
 * The watchdog: the checker posts progress after every slice (~50 ms). When nothing comes for
 * `WATCHDOG_MS`, learner code is stuck inside one step where the step budget cannot count (a
 * catastrophic regular expression, one huge built-in call): the worker is terminated and the check
 * ends with a verdict that says so, instead of "0 states" until the learner presses Cancel.
 */
import { createCheckerClient } from '../../checker/client';
import type { CheckerClient } from '../../checker/client';
import type { WireResult } from '../../checker/protocol';
import type { CheckProgress } from '../../checker/types';
import { createWorkerTransport, type CheckerWorker } from '../../checker/workerClient';
import checkerWorkerUrl from '../../checker/checker.worker.ts?worker&url';
import { createIsolatedWorker } from '../../workers/isolatedWorker';
import type { CheckJob, CheckRunner } from '../../machines/checkMachine';

/** Silence from the checker after which it is stopped (its first slice builds the model). */
export const WATCHDOG_MS = 8_000;

let client: CheckerClient | null = null;

export const checkInWorker: CheckRunner = (job, onProgress) => {
  let crash: string | null = null;
  const c = (client ??= createCheckerClient(
    createWorkerTransport(createIsolatedWorker(checkerWorkerUrl) as CheckerWorker, (message) => {
      crash = message;
      drop(c);
    }),
  ));
  let last: { progress: CheckProgress; elapsedMs: number } | null = null;
  let fired: ((result: WireResult) => void) | null = null;
  const watchdogResult = new Promise<WireResult>((resolve) => (fired = resolve));
  let timer = setTimeout(bark, WATCHDOG_MS);
  function bark() {
    fired?.(stuckVerdict(job, last)); // first: the verdict wins the race against the disposal
    drop(c);
  }
  const run = c.check(job.model, {
    limits: job.limits,
    onProgress: (progress, elapsedMs) => {
      last = { progress, elapsedMs };
      clearTimeout(timer);
      timer = setTimeout(bark, WATCHDOG_MS);
      onProgress(progress, elapsedMs);
    },
  });
  const finished = run.result.then(
    (result) => result,
    (error: unknown) => {
      throw new Error(
        crash
          ? `The checker stopped unexpectedly: ${crash}`
          : error instanceof Error
            ? error.message
            : String(error),
      );
    },
  );
  return {
    result: Promise.race([finished, watchdogResult]).finally(() => clearTimeout(timer)),
    cancel: run.cancel,
    abort: () => {
      clearTimeout(timer);
      drop(c);
    },
  };
};

/** The verdict of a check the watchdog stopped: the learner's code did not finish one step. */
function stuckVerdict(
  job: CheckJob,
  last: { progress: CheckProgress; elapsedMs: number } | null,
): WireResult {
  const file = job.model.kind === 'exercise' ? job.model.file : 'your file';
  return {
    verdict: 'learner-error',
    kind: 'timeout',
    file,
    message: `Your code did not finish one step within ${WATCHDOG_MS / 1000} s and was stopped. Inside a single step the step budget cannot count: look for a regular expression that backtracks a lot, or one huge built-in call.`,
    distinctStates: last?.progress.distinctStates ?? 0,
    generatedStates: last?.progress.generatedStates ?? 0,
    depth: last?.progress.depth ?? 0,
    terminalStates: 0,
    elapsedMs: (last?.elapsedMs ?? 0) + WATCHDOG_MS,
  };
}

function drop(c: CheckerClient) {
  if (client === c) client = null;
  c.dispose();
}
