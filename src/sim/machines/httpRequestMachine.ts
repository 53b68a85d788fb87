/**
 * One logical HTTP request made by a client with a retry policy. Each retry is a new attempt on
 * the wire; a lost response or a 5xx is indistinguishable, for the client, from a lost request,
 * although the server may have committed.
 */
import { assign, setup } from 'xstate';

export interface HttpRequestInput {
  /** Attempts allowed in total, the first included (>= 1). */
  maxAttempts: number;
}

export interface HttpRequestContext {
  maxAttempts: number;
  /** The current attempt, starting at 1. */
  attempt: number;
}

export const HTTP_REQUEST_EVENT_TYPES = [
  'ARRIVE',
  'REQUEST_LOST',
  'RESPOND',
  'RESPONSE_LOST',
  'SERVER_ERROR',
] as const;
export type HttpRequestEventType = (typeof HTTP_REQUEST_EVENT_TYPES)[number];
export type HttpRequestEvent = { type: HttpRequestEventType };

/** Retry while attempts are left, else give up: shared by every way an attempt can fail. */
const retryOrFail = [
  { guard: 'attemptLeft', target: 'sending', actions: 'nextAttempt' },
  { target: 'failed' },
] as const;

export const httpRequestMachine = setup({
  types: {
    input: {} as HttpRequestInput,
    context: {} as HttpRequestContext,
    events: {} as HttpRequestEvent,
  },
  guards: {
    attemptLeft: ({ context }) => context.attempt < context.maxAttempts,
  },
  actions: {
    nextAttempt: assign({ attempt: ({ context }) => context.attempt + 1 }),
  },
}).createMachine({
  id: 'httpRequest',
  context: ({ input }) => ({ maxAttempts: input.maxAttempts, attempt: 1 }),
  initial: 'sending',
  states: {
    sending: {
      on: {
        ARRIVE: 'processing',
        REQUEST_LOST: [...retryOrFail],
      },
    },
    processing: {
      on: {
        RESPOND: 'succeeded',
        RESPONSE_LOST: [...retryOrFail],
        SERVER_ERROR: [...retryOrFail],
      },
    },
    succeeded: { type: 'final' },
    failed: { type: 'final' },
  },
});
