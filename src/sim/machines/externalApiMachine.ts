/**
 * The display state of a third-party API (e.g. a payment provider) after its last call. The
 * provider's real state (charges, idempotency keys) lives in the world; this machine only says
 * how the last call ended, so it has no context (a call counter would multiply the checker's
 * state space for nothing).
 *
 * Every call event is enabled in every state, including a repeat of the same outcome. Such a
 * self-transition changes nothing, so `xstate.transition` returns the very same snapshot for it:
 * enabledness is therefore `snapshot.can(event)`, not "a new snapshot came back" (see
 * `xstateStep.ts`).
 */
import { setup } from 'xstate';

export type ExternalApiInput = Record<string, never>;
export type ExternalApiContext = Record<string, never>;

export const EXTERNAL_API_EVENT_TYPES = [
  'CALL_OK',
  'CALL_FAILED',
  'CALL_COMMITTED_RESPONSE_LOST',
] as const;
export type ExternalApiEventType = (typeof EXTERNAL_API_EVENT_TYPES)[number];
export type ExternalApiEvent = { type: ExternalApiEventType };

export const externalApiMachine = setup({
  types: {
    input: {} as ExternalApiInput,
    context: {} as ExternalApiContext,
    events: {} as ExternalApiEvent,
  },
}).createMachine({
  id: 'externalApi',
  context: {},
  initial: 'ready',
  // From any state to the named one.
  on: {
    CALL_OK: '.responded',
    CALL_FAILED: '.failed',
    CALL_COMMITTED_RESPONSE_LOST: '.responseLost',
  },
  states: {
    ready: {},
    responded: {},
    // The call was rejected before the provider committed anything.
    failed: {},
    // The provider committed, then its response was lost: the caller cannot tell it from `failed`.
    responseLost: {},
  },
});
