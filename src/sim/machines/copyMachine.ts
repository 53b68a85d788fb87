/**
 * The broker's lifecycle of ONE copy of a message: queued, leased to a handler, waiting for a
 * delayed retry, acknowledged, or parked in the error queue.
 *
 * The retry policy (`input`) is copied into the context because XState v5 guards see only
 * `context` and `event`; those two fields never change after creation.
 */
import { assign, setup } from 'xstate';

/** The retry policy of the endpoint that owns the copy. */
export interface CopyInput {
  /** Immediate retries allowed before a delayed retry (0 = none). */
  immediateRetries: number;
  /** Delayed retries allowed before the copy goes to the error queue (0 = none). */
  delayedRetries: number;
}

export interface CopyContext {
  immediateRetries: number;
  delayedRetries: number;
  /** Immediate retries used since the last delayed retry. */
  immediateUsed: number;
  /** Delayed retries used since the copy was first queued (or replayed from the error queue). */
  delayedUsed: number;
}

/** Event types in their canonical order (the compiled table's event indexes follow it). */
export const COPY_EVENT_TYPES = [
  'DELIVER',
  'ACK',
  'LEASE_EXPIRED',
  'CRASH',
  'FAIL',
  'TIMER',
  'RETRY_FROM_ERROR_QUEUE',
] as const;
export type CopyEventType = (typeof COPY_EVENT_TYPES)[number];
export type CopyEvent = { type: CopyEventType };

export const copyMachine = setup({
  types: {
    input: {} as CopyInput,
    context: {} as CopyContext,
    events: {} as CopyEvent,
  },
  guards: {
    immediateRetryLeft: ({ context }) => context.immediateUsed < context.immediateRetries,
    delayedRetryLeft: ({ context }) => context.delayedUsed < context.delayedRetries,
  },
  actions: {
    useImmediateRetry: assign({ immediateUsed: ({ context }) => context.immediateUsed + 1 }),
    useDelayedRetry: assign({
      immediateUsed: 0,
      delayedUsed: ({ context }) => context.delayedUsed + 1,
    }),
    resetRetries: assign({ immediateUsed: 0, delayedUsed: 0 }),
  },
}).createMachine({
  id: 'copy',
  context: ({ input }) => ({
    immediateRetries: input.immediateRetries,
    delayedRetries: input.delayedRetries,
    immediateUsed: 0,
    delayedUsed: 0,
  }),
  initial: 'queued',
  states: {
    queued: { on: { DELIVER: 'leased' } },
    leased: {
      on: {
        ACK: 'acked',
        // The lease ran out or the handler process died: the copy is redelivered, and neither
        // counts as a failed attempt (no retry is used up).
        LEASE_EXPIRED: 'queued',
        CRASH: 'queued',
        FAIL: [
          { guard: 'immediateRetryLeft', target: 'queued', actions: 'useImmediateRetry' },
          { guard: 'delayedRetryLeft', target: 'delayed', actions: 'useDelayedRetry' },
          { target: 'deadLettered' },
        ],
      },
    },
    delayed: { on: { TIMER: 'queued' } },
    acked: { type: 'final' },
    // Not final: an operator can replay a parked message from the error queue.
    deadLettered: { on: { RETRY_FROM_ERROR_QUEUE: { target: 'queued', actions: 'resetRetries' } } },
  },
});
