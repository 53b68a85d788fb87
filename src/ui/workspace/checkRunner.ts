/**
 * The check runner of the app: one checker worker per page, created on the first check and
 * replaced after an abort (Cancel that did not stop in time), a crash, or the watchdog.
 *
 * The watchdog: the checker posts progress once the model is built and then after every slice
 * (~50 ms). When nothing comes for `WATCHDOG_MS` (`PREPARING_WATCHDOG_MS` while the model is
 * built or a grown workload prepared), learner code is stuck inside one step where the step budget cannot count (a
 * catastrophic regular expression, one huge built-in call): the worker is terminated and the check
 * ends with a verdict that says so, instead of "0 states" until the learner presses Cancel. To
 * name the handler and line, a fresh worker first runs the same check in its diagnostic mode
 * (every call into learner code announced): the last handler announced before it falls silent is
 * the stuck one.
 */
import { createCheckerClient } from '../../checker/client';
import type { CheckerClient } from '../../checker/client';
import type { EnteringLearnerCode, ModelRequest, WireResult } from '../../checker/protocol';
import type { CheckProgress } from '../../checker/types';
import { createWorkerTransport, type CheckerWorker } from '../../checker/workerClient';
import checkerWorkerUrl from '../../workers/checker.worker.ts?worker&url';
import { createIsolatedWorker } from '../../workers/isolatedWorker';
import type { CheckJob, CheckRunner } from '../../machines/checkMachine';

/** Silence from the checker, while it explores, after which it is stopped. */
export const WATCHDOG_MS = 5_000;
/**
 * Silence allowed while the checker builds the model (compiles the learner's module, computes
 * the oracle's reference outcomes) or prepares a grown workload past the bounds: seconds of
 * honest work without progress in between, the first time.
 */
export const PREPARING_WATCHDOG_MS = 20_000;
/** In the diagnostic run, silence after which the last handler entered is the stuck one. */
const LOCATE_SILENCE_MS = 1_500;
/** The diagnostic run gives up after this long (the stuck step is then not located). */
const LOCATE_MAX_MS = 6_000;

/**
 * Helpers on other cores for a check that grows: one less than the cores (the checker's own
 * thread is the last, and the page needs some), none below three cores, where one helper beside
 * the checker's thread only adds its start.
 */
export function helperCount(cores = navigator.hardwareConcurrency || 1): number {
  return cores >= 3 ? Math.min(cores - 1, MAX_HELPERS) : 0;
}
/**
 * Each helper loads the exercises and builds its own model (about 100 MB per worker thread
 * measured in Node): on an attendee's laptop, four helpers double a big check's speed for a few
 * hundred MB at most.
 */
const MAX_HELPERS = 4;

let client: CheckerClient | null = null;
/** Why the page's checker worker died, for the check that was running then. */
let crash: string | null = null;

function newClient(onCrash: (message: string) => void): CheckerClient {
  return createCheckerClient(
    createWorkerTransport(createIsolatedWorker(checkerWorkerUrl) as CheckerWorker, onCrash),
  );
}

/** The page's checker, started on the first check or warm-up. */
function pageClient(): CheckerClient {
  if (client) return client;
  crash = null;
  const c = newClient((message) => {
    crash = message;
    drop(c);
  });
  return (client = c);
}

export const checkInWorker: CheckRunner = (job, onProgress) => {
  const c = pageClient();
  let last: { progress: CheckProgress; elapsedMs: number } | null = null;
  let fired: ((result: WireResult) => void) | null = null;
  let stopLocating = () => {};
  const watchdogResult = new Promise<WireResult>((resolve) => (fired = resolve));
  let silenceMs = PREPARING_WATCHDOG_MS;
  let timer = setTimeout(bark, silenceMs);
  let barked = false;
  function bark() {
    barked = true;
    drop(c);
    // Where is it stuck? A fresh worker runs the same check announcing every handler it enters.
    const located = locateStuckStep(job);
    stopLocating = located.stop;
    void located.where.then((where) => fired?.(stuckVerdict(job, last, where, silenceMs)));
  }
  const run = c.check(job.model, {
    limits: job.limits,
    helpers: helperCount(),
    onProgress: (progress, elapsedMs) => {
      last = { progress, elapsedMs };
      clearTimeout(timer);
      silenceMs = progress.preparing ? PREPARING_WATCHDOG_MS : WATCHDOG_MS;
      timer = setTimeout(bark, silenceMs);
      onProgress(progress, elapsedMs);
    },
  });
  const finished = run.result.then(
    (result) => result,
    (error: unknown) => {
      // Stopped by the watchdog: its verdict comes once the stuck step is located.
      if (barked) return watchdogResult;
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
    cancel: () => {
      stopLocating();
      run.cancel();
    },
    abort: () => {
      clearTimeout(timer);
      stopLocating();
      drop(c);
    },
  };
};

/**
 * Starts the checker worker (if need be) and has it prepare what a check of `model` will need
 * (the reference runs of the workloads past the bounds), while the learner reads.
 */
export function warmChecker(model: ModelRequest): void {
  pageClient().warm(model);
}

/**
 * Runs `job` again in its own worker with every call into learner code announced; the last one
 * announced before the worker falls silent is where the step is stuck. Resolves null when it
 * cannot tell (the run ends, fails, or takes too long).
 */
function locateStuckStep(job: CheckJob): {
  where: Promise<EnteringLearnerCode | null>;
  stop: () => void;
} {
  let finish: (where: EnteringLearnerCode | null) => void = () => {};
  const where = new Promise<EnteringLearnerCode | null>((resolve) => (finish = resolve));
  const probe = newClient(() => done(null));
  let lastEntered: EnteringLearnerCode | null = null;
  let silence: ReturnType<typeof setTimeout> | undefined;
  const giveUp = setTimeout(() => done(null), LOCATE_MAX_MS);
  function done(found: EnteringLearnerCode | null) {
    clearTimeout(silence);
    clearTimeout(giveUp);
    probe.dispose();
    finish(found);
  }
  // Building the model or preparing a grown workload is silent work, not the stuck step.
  let preparing = true;
  const heard = () => {
    clearTimeout(silence);
    if (!preparing) silence = setTimeout(() => done(lastEntered), LOCATE_SILENCE_MS);
  };
  const run = probe.check(job.model, {
    limits: job.limits,
    onProgress: (progress) => {
      preparing = progress.preparing === true;
      heard();
    },
    onEnter: (entered) => {
      lastEntered = entered;
      heard();
    },
  });
  run.result.then(
    () => done(null),
    () => done(null),
  );
  return { where, stop: () => done(null) };
}

/** The verdict of a check the watchdog stopped: the learner's code did not finish one step. */
function stuckVerdict(
  job: CheckJob,
  last: { progress: CheckProgress; elapsedMs: number } | null,
  where: EnteringLearnerCode | null,
  silenceMs: number,
): WireResult {
  const file = job.model.kind === 'exercise' ? job.model.file : 'your file';
  const place = where
    ? ` It was stuck in ${where.handler} (${where.endpoint}, ${where.attemptId}), ${where.afterLine !== undefined ? `after the ctx call on line ${where.afterLine}` : 'before its first ctx call'}.`
    : '';
  return {
    verdict: 'learner-error',
    kind: 'timeout',
    file,
    ...(where?.afterLine !== undefined ? { line: where.afterLine } : {}),
    message: `Your code did not finish one step within ${silenceMs / 1000} s and was stopped.${place} Inside a single step the step budget cannot count: look for a regular expression that backtracks a lot, or one huge built-in call.`,
    distinctStates: last?.progress.distinctStates ?? 0,
    generatedStates: last?.progress.generatedStates ?? 0,
    depth: last?.progress.depth ?? 0,
    terminalStates: 0,
    elapsedMs: (last?.elapsedMs ?? 0) + silenceMs,
  };
}

function drop(c: CheckerClient) {
  if (client === c) client = null;
  c.dispose();
}
