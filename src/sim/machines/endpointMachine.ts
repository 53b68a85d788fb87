/**
 * A message endpoint's worker pool: how many handler invocations run at once. The state is a
 * function of `running` (idle = 0, saturated = concurrency, busy in between), kept as a state so
 * the UI can highlight it.
 */
import { assign, setup } from 'xstate';

export interface EndpointInput {
  /** Handler invocations allowed at once (>= 1). */
  concurrency: number;
}

export interface EndpointContext {
  concurrency: number;
  running: number;
}

export const ENDPOINT_EVENT_TYPES = ['START', 'FINISH'] as const;
export type EndpointEventType = (typeof ENDPOINT_EVENT_TYPES)[number];
export type EndpointEvent = { type: EndpointEventType };

const onStart = [
  { guard: 'startFillsPool', target: 'saturated', actions: 'start' },
  { guard: 'slotFree', target: 'busy', actions: 'start' },
] as const;
const onFinish = [
  { guard: 'finishEmptiesPool', target: 'idle', actions: 'finish' },
  { guard: 'anyRunning', target: 'busy', actions: 'finish' },
] as const;

export const endpointMachine = setup({
  types: {
    input: {} as EndpointInput,
    context: {} as EndpointContext,
    events: {} as EndpointEvent,
  },
  guards: {
    slotFree: ({ context }) => context.running < context.concurrency,
    startFillsPool: ({ context }) => context.running + 1 === context.concurrency,
    anyRunning: ({ context }) => context.running > 0,
    finishEmptiesPool: ({ context }) => context.running === 1,
  },
  actions: {
    start: assign({ running: ({ context }) => context.running + 1 }),
    finish: assign({ running: ({ context }) => context.running - 1 }),
  },
}).createMachine({
  id: 'endpoint',
  context: ({ input }) => ({ concurrency: input.concurrency, running: 0 }),
  initial: 'idle',
  states: {
    idle: { on: { START: [...onStart] } },
    busy: { on: { START: [...onStart], FINISH: [...onFinish] } },
    saturated: { on: { FINISH: [...onFinish] } },
  },
});
