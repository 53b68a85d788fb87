/**
 * The "Check" workflow of the exercise page: idle → checking (progress events) → done (a verdict)
 * or failed (the checker could not run). CANCEL asks the checker to stop at its next slice; if it
 * does not answer within `CANCEL_GRACE_MS` (a handler stuck inside one step) the run is aborted,
 * which terminates its worker. A new CHECK restarts (the old run is aborted). The runner is
 * injected: the checker worker client in the app, an in-thread transport in tests.
 */
import { assign, fromCallback, sendTo, setup } from 'xstate';
import type { ModelRequest, WireResult } from '../checker/protocol';
import type { CheckLimits, CheckProgress } from '../checker/types';

export const CANCEL_GRACE_MS = 3_000;

export interface CheckJob {
  model: ModelRequest;
  limits: CheckLimits;
}

export interface RunningCheck {
  result: Promise<WireResult>;
  /** Asks the checker to stop at its next slice (the result is then `cancelled`). */
  cancel(): void;
  /** Stops at once (terminates the worker). */
  abort(): void;
}

export type CheckRunner = (
  job: CheckJob,
  onProgress: (progress: CheckProgress, elapsedMs: number) => void,
) => RunningCheck;

interface CheckContext {
  job: CheckJob | null;
  progress: CheckProgress | null;
  elapsedMs: number;
  result: WireResult | null;
  failure: string | null;
}

type CheckEvent =
  | { type: 'CHECK'; job: CheckJob }
  | { type: 'CANCEL' }
  | { type: 'PROGRESS'; progress: CheckProgress; elapsedMs: number }
  | { type: 'RESULT'; result: WireResult }
  | { type: 'FAILED'; message: string };

export function createCheckMachine(runner: CheckRunner) {
  return setup({
    types: {} as { context: CheckContext; events: CheckEvent },
    actors: {
      check: fromCallback<CheckEvent, CheckJob>(({ input, sendBack, receive }) => {
        let settled = false;
        const run = runner(input, (progress, elapsedMs) =>
          sendBack({ type: 'PROGRESS', progress, elapsedMs }),
        );
        run.result.then(
          (result) => {
            settled = true;
            sendBack({ type: 'RESULT', result });
          },
          (error: unknown) => {
            settled = true;
            sendBack({
              type: 'FAILED',
              message: error instanceof Error ? error.message : String(error),
            });
          },
        );
        receive((event) => {
          if (event.type === 'CANCEL') run.cancel();
        });
        return () => {
          if (!settled) run.abort();
        };
      }),
    },
    delays: { cancelGrace: CANCEL_GRACE_MS },
  }).createMachine({
    id: 'check',
    context: { job: null, progress: null, elapsedMs: 0, result: null, failure: null },
    initial: 'idle',
    on: {
      CHECK: {
        target: '.checking',
        reenter: true,
        actions: assign({
          job: ({ event }) => event.job,
          progress: null,
          elapsedMs: 0,
          result: null,
          failure: null,
        }),
      },
    },
    states: {
      idle: {},
      checking: {
        invoke: { id: 'run', src: 'check', input: ({ context }) => context.job! },
        on: {
          PROGRESS: {
            actions: assign({
              progress: ({ event }) => event.progress,
              elapsedMs: ({ event }) => event.elapsedMs,
            }),
          },
          RESULT: { target: 'done', actions: assign({ result: ({ event }) => event.result }) },
          FAILED: { target: 'failed', actions: assign({ failure: ({ event }) => event.message }) },
        },
        initial: 'running',
        states: {
          running: {
            on: { CANCEL: { target: 'cancelling', actions: sendTo('run', { type: 'CANCEL' }) } },
          },
          cancelling: {
            after: {
              cancelGrace: {
                target: '#check.done',
                actions: assign({
                  result: ({ context }): WireResult => ({
                    verdict: 'cancelled',
                    distinctStates: context.progress?.distinctStates ?? 0,
                    generatedStates: context.progress?.generatedStates ?? 0,
                    depth: context.progress?.depth ?? 0,
                    terminalStates: 0,
                    elapsedMs: context.elapsedMs,
                  }),
                }),
              },
            },
          },
        },
      },
      done: {},
      failed: {},
    },
  });
}
