/**
 * A scripted user in one browser tab: a list of actions (clicks that make a request), each of
 * which either waits for a response before the next action or not (a double click).
 *
 * The machine does not know the script: the engine keeps the script position
 * (`UserTabState.next`) and picks the event of the next action (`tabEvent` in `../actors.ts`), so
 * the compiled table does not grow with the script (a 10,000-action script is a handful of
 * states). The input only bounds the open requests and says whether the script is empty.
 *
 * Responses are anonymous: the user reacts to "a response", not to the response of a given
 * action. The rules, in terms of the context BEFORE the event (m = maxOutstanding):
 *
 * - `ACT_WAIT`, `ACT_CONTINUE` and `ACT_LAST` are enabled only in `ready`, only while
 *   `finished = 0` and `outstanding < m`. Each does outstanding+1; then `ACT_WAIT` (an action
 *   that waits for a response) goes to `waiting`, `ACT_CONTINUE` (one that does not, e.g. the
 *   first click of a double click) stays in `ready`, and `ACT_LAST` (the script's last action,
 *   whether it waits or not) sets finished := 1 and goes to `waiting`.
 * - `RESPONSE` is enabled in `ready` and `waiting` only while `outstanding > 0`. It does
 *   outstanding-1, then goes to `done` if finished = 1 and the new outstanding is 0 (that was the
 *   last one); else to `waiting` if finished = 1 (nothing left to do but await the responses);
 *   else to `ready`.
 * - An empty script (`empty: true`) starts (and stays) in `done`, with finished = 1.
 *
 * So `waiting` always has a response outstanding, `ready` never has finished = 1, and `done`
 * (final) means the last action was taken and every response received.
 *
 * `maxOutstanding` is only there to make the reachable state set finite (3m+2 states, or 1 for
 * an empty script): it must be an upper bound on the requests the script can have open at once,
 * so that the guard never refuses an action the script takes. `userTabInputFor` computes it.
 */
import { assign, setup } from 'xstate';

export interface UserTabAction {
  /** Whether the user waits for this action's response before acting again. */
  wait: boolean;
}

export interface UserTabInput {
  /** The most requests the script can have open at once (>= 1). */
  maxOutstanding: number;
  /** The script has no action: the machine starts in `done`. */
  empty: boolean;
}

export interface UserTabContext {
  /** Requests sent whose response has not arrived. */
  outstanding: number;
  /** 1 once the script's last action was taken, else 0. */
  finished: number;
  /** The input's bound, copied in for the guards (never changes). */
  maxOutstanding: number;
}

export const USER_TAB_EVENT_TYPES = ['ACT_WAIT', 'ACT_CONTINUE', 'ACT_LAST', 'RESPONSE'] as const;
export type UserTabEventType = (typeof USER_TAB_EVENT_TYPES)[number];
export type UserTabEvent = { type: UserTabEventType };

/**
 * The input of a script's machine. `maxOutstanding` is the most requests the script can have open
 * at once: 1 + the actions before the last that do not wait. Responses are anonymous, so any
 * response after a waiting action lets the user act again; at most one response is needed per
 * waiting action, so after action i (0-based) at most i + 1 - (waiting actions before i) are
 * open, which grows with i and is largest after the last action. (A bound from the longest run
 * of consecutive no-wait actions is too small: `no-wait, wait, no-wait, wait` can have 3 open.)
 */
export function userTabInputFor(actions: readonly UserTabAction[]): UserTabInput {
  let noWaitBeforeLast = 0;
  for (let i = 0; i < actions.length - 1; i++) if (!actions[i]!.wait) noWaitBeforeLast++;
  return { maxOutstanding: 1 + noWaitBeforeLast, empty: actions.length === 0 };
}

const onResponse = [
  { guard: 'lastResponse', target: 'done', actions: 'receive' },
  { guard: 'responseWhenFinished', target: 'waiting', actions: 'receive' },
  { guard: 'responseOutstanding', target: 'ready', actions: 'receive' },
] as const;

export const userTabMachine = setup({
  types: {
    input: {} as UserTabInput,
    context: {} as UserTabContext,
    events: {} as UserTabEvent,
  },
  guards: {
    finishedAndIdle: ({ context }) => context.finished === 1 && context.outstanding === 0,
    canAct: ({ context }) => context.finished === 0 && context.outstanding < context.maxOutstanding,
    lastResponse: ({ context }) => context.finished === 1 && context.outstanding === 1,
    responseWhenFinished: ({ context }) => context.finished === 1 && context.outstanding > 0,
    responseOutstanding: ({ context }) => context.outstanding > 0,
  },
  actions: {
    act: assign({ outstanding: ({ context }) => context.outstanding + 1 }),
    actLast: assign({ outstanding: ({ context }) => context.outstanding + 1, finished: 1 }),
    receive: assign({ outstanding: ({ context }) => context.outstanding - 1 }),
  },
}).createMachine({
  id: 'userTab',
  context: ({ input }) => ({
    outstanding: 0,
    finished: input.empty ? 1 : 0,
    maxOutstanding: input.maxOutstanding,
  }),
  initial: 'ready',
  states: {
    ready: {
      // Only for an empty script: `ready` is otherwise never entered with finished = 1.
      always: { guard: 'finishedAndIdle', target: 'done' },
      on: {
        ACT_WAIT: { guard: 'canAct', target: 'waiting', actions: 'act' },
        ACT_CONTINUE: { guard: 'canAct', target: 'ready', actions: 'act' },
        ACT_LAST: { guard: 'canAct', target: 'waiting', actions: 'actLast' },
        RESPONSE: [...onResponse],
      },
    },
    waiting: { on: { RESPONSE: [...onResponse] } },
    done: { type: 'final' },
  },
});
