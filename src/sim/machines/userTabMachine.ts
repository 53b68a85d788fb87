/**
 * A scripted user in one browser tab: a list of actions (clicks that make a request), each of
 * which either waits for a response before the next action or not (a double click).
 *
 * Responses are anonymous: the user reacts to "a response", not to the response of a given
 * action. The rules, in terms of the context BEFORE the event (n = actionCount):
 *
 * - `ACT` is enabled only in `ready` and only while `next < n`. It does next+1, outstanding+1,
 *   then goes to `waiting` if action `next` waits; else to `ready` if another action is left
 *   (next+1 < n); else to `waiting` (nothing left to do but await the responses).
 * - `RESPONSE` is enabled in `ready` and `waiting` only while `outstanding > 0`. It does
 *   outstanding-1, then goes to `done` if next = n and outstanding = 1 (that was the last one);
 *   else to `ready` if an action is left (next < n); else to `waiting`.
 * - An empty script starts (and stays) in `done`.
 *
 * So `ready` always has an action left, `waiting` always has a response outstanding, and `done`
 * (final) means every action was taken and every response received.
 *
 * The script is kept in the context as numbers (XState v5 guards see only context and event,
 * and compiled contexts are records of integers): `waitMask` bit i is set when action i waits.
 */
import { assign, setup } from 'xstate';

/** At most this many actions per script (they are packed into the bits of `waitMask`). */
export const USER_TAB_ACTIONS_MAX = 30;

export interface UserTabAction {
  /** Whether the user waits for this action's response before acting again. */
  wait: boolean;
}

export interface UserTabInput {
  actions: readonly UserTabAction[];
}

export interface UserTabContext {
  actionCount: number;
  /** Bit i set = action i waits for a response. */
  waitMask: number;
  /** Index of the next action to take. */
  next: number;
  /** Requests sent whose response has not arrived. */
  outstanding: number;
}

export const USER_TAB_EVENT_TYPES = ['ACT', 'RESPONSE'] as const;
export type UserTabEventType = (typeof USER_TAB_EVENT_TYPES)[number];
export type UserTabEvent = { type: UserTabEventType };

/** Packs the script into a bit mask (bit i = action i waits). */
export function toWaitMask(actions: readonly UserTabAction[]): number {
  return actions.reduce((mask, action, i) => (action.wait ? mask | (1 << i) : mask), 0);
}

const onResponse = [
  { guard: 'lastResponse', target: 'done', actions: 'receive' },
  { guard: 'responseWithActionLeft', target: 'ready', actions: 'receive' },
  { guard: 'responseOutstanding', target: 'waiting', actions: 'receive' },
] as const;

export const userTabMachine = setup({
  types: {
    input: {} as UserTabInput,
    context: {} as UserTabContext,
    events: {} as UserTabEvent,
  },
  guards: {
    scriptDone: ({ context }) => context.next === context.actionCount && context.outstanding === 0,
    actionLeft: ({ context }) => context.next < context.actionCount,
    nextActionWaits: ({ context }) =>
      context.next < context.actionCount && ((context.waitMask >>> context.next) & 1) === 1,
    anotherActionAfterNext: ({ context }) => context.next + 1 < context.actionCount,
    lastResponse: ({ context }) =>
      context.next === context.actionCount && context.outstanding === 1,
    responseWithActionLeft: ({ context }) =>
      context.outstanding > 0 && context.next < context.actionCount,
    responseOutstanding: ({ context }) => context.outstanding > 0,
  },
  actions: {
    act: assign({
      next: ({ context }) => context.next + 1,
      outstanding: ({ context }) => context.outstanding + 1,
    }),
    receive: assign({ outstanding: ({ context }) => context.outstanding - 1 }),
  },
}).createMachine({
  id: 'userTab',
  context: ({ input }) => ({
    actionCount: input.actions.length,
    waitMask: toWaitMask(input.actions),
    next: 0,
    outstanding: 0,
  }),
  initial: 'ready',
  states: {
    ready: {
      // Only for an empty script: every other way into `ready` leaves an action to take.
      always: { guard: 'scriptDone', target: 'done' },
      on: {
        ACT: [
          { guard: 'nextActionWaits', target: 'waiting', actions: 'act' },
          { guard: 'anotherActionAfterNext', target: 'ready', actions: 'act' },
          { guard: 'actionLeft', target: 'waiting', actions: 'act' },
        ],
        RESPONSE: [...onResponse],
      },
    },
    waiting: { on: { RESPONSE: [...onResponse] } },
    done: { type: 'final' },
  },
});
