/**
 * The "seeded run" workflow of the exercise page: idle → running → shown. A new RUN while one is
 * running restarts (the stale answer is ignored). The runner is injected (the worker client in
 * the app, an in-thread function in tests). Operating errors (worker crashed) land in `failed`.
 */
import { assign, fromPromise, setup } from 'xstate';
import type { SimulationOutcome, SimulationRequest } from '../workers/simulationProtocol';

export type SimulationRunner = (request: SimulationRequest) => Promise<SimulationOutcome>;

interface RunContext {
  request: SimulationRequest | null;
  outcome: SimulationOutcome | null;
  /** Why the worker could not answer (it crashed or could not start). */
  failure: string | null;
}

type RunEvent = { type: 'RUN'; request: SimulationRequest };

export function createRunMachine(runner: SimulationRunner) {
  return setup({
    types: {} as { context: RunContext; events: RunEvent },
    actors: {
      simulate: fromPromise<SimulationOutcome, SimulationRequest>(({ input }) => runner(input)),
    },
    actions: {
      rememberRequest: assign({
        request: (_, params: { request: SimulationRequest }) => params.request,
      }),
    },
  }).createMachine({
    id: 'seededRun',
    context: { request: null, outcome: null, failure: null },
    initial: 'idle',
    on: {
      RUN: {
        target: '.running',
        reenter: true,
        actions: { type: 'rememberRequest', params: ({ event }) => ({ request: event.request }) },
      },
    },
    states: {
      idle: {},
      running: {
        invoke: {
          src: 'simulate',
          input: ({ context }) => context.request!,
          onDone: {
            target: 'shown',
            actions: assign({ outcome: ({ event }) => event.output, failure: null }),
          },
          onError: {
            target: 'failed',
            actions: assign({
              outcome: null,
              failure: ({ event }) =>
                event.error instanceof Error ? event.error.message : String(event.error),
            }),
          },
        },
      },
      shown: {},
      failed: {},
    },
  });
}
