import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MachineCompileError, getCompiledMachine, userTabInputFor } from './index';
import { enabledEvents, runEvents, stateAfter } from './testUtils';

const W = { wait: true };
const N = { wait: false };
const tab = (maxOutstanding: number, empty = false) =>
  getCompiledMachine('userTab', { maxOutstanding, empty });

describe('userTab machine', () => {
  it('waits for the response of a waiting action, then acts again', () => {
    const t = tab(1);
    expect(stateAfter(t, ['ACT_WAIT'])).toMatchObject({
      value: 'waiting',
      context: { outstanding: 1, finished: 0 },
    });
    expect(enabledEvents(t, runEvents(t, ['ACT_WAIT']))).toEqual(['RESPONSE']);
    expect(stateAfter(t, ['ACT_WAIT', 'RESPONSE'])).toMatchObject({
      value: 'ready',
      context: { outstanding: 0 },
      final: false,
    });
  });

  it('is done after the last action and its response', () => {
    const t = tab(1);
    expect(stateAfter(t, ['ACT_LAST'])).toMatchObject({
      value: 'waiting',
      context: { outstanding: 1, finished: 1 },
    });
    expect(stateAfter(t, ['ACT_LAST', 'RESPONSE'])).toMatchObject({ value: 'done', final: true });
    expect(stateAfter(t, ['ACT_WAIT', 'RESPONSE', 'ACT_LAST', 'RESPONSE']).value).toBe('done');
  });

  it('double click: acts again without waiting, then waits for both responses', () => {
    const t = tab(2);
    expect(stateAfter(t, ['ACT_CONTINUE'])).toMatchObject({
      value: 'ready',
      context: { outstanding: 1 },
    });
    expect(stateAfter(t, ['ACT_CONTINUE', 'ACT_LAST'])).toMatchObject({
      value: 'waiting',
      context: { outstanding: 2, finished: 1 },
    });
    expect(stateAfter(t, ['ACT_CONTINUE', 'ACT_LAST', 'RESPONSE']).value).toBe('waiting');
    expect(stateAfter(t, ['ACT_CONTINUE', 'ACT_LAST', 'RESPONSE', 'RESPONSE']).value).toBe('done');
  });

  it('goes back to ready on any response before the last action', () => {
    const t = tab(2);
    expect(stateAfter(t, ['ACT_CONTINUE', 'RESPONSE'])).toMatchObject({
      value: 'ready',
      context: { outstanding: 0, finished: 0 },
    });
    expect(stateAfter(t, ['ACT_CONTINUE', 'ACT_WAIT', 'RESPONSE'])).toMatchObject({
      value: 'ready',
      context: { outstanding: 1 },
    });
  });

  it('refuses actions beyond maxOutstanding open requests and after the last action', () => {
    const t = tab(2);
    expect(enabledEvents(t, t.initial)).toEqual(['ACT_WAIT', 'ACT_CONTINUE', 'ACT_LAST']);
    expect(enabledEvents(t, runEvents(t, ['ACT_CONTINUE']))).toEqual([
      'ACT_WAIT',
      'ACT_CONTINUE',
      'ACT_LAST',
      'RESPONSE',
    ]);
    expect(enabledEvents(t, runEvents(t, ['ACT_CONTINUE', 'ACT_CONTINUE']))).toEqual(['RESPONSE']);
    expect(enabledEvents(t, runEvents(t, ['ACT_CONTINUE', 'ACT_LAST', 'RESPONSE']))).toEqual([
      'RESPONSE',
    ]);
  });

  it('is done at once with an empty script', () => {
    const t = tab(1, true);
    expect(t.states).toHaveLength(1);
    expect(t.isFinal(t.initial)).toBe(true);
    expect(t.states[t.initial]).toMatchObject({ value: 'done', context: { finished: 1 } });
  });

  it('pins the reachable state counts (3m+2, or 1 when empty), whatever the script length', () => {
    expect(tab(1).states).toHaveLength(5);
    expect(tab(2).states).toHaveLength(8);
    expect(tab(3).states).toHaveLength(11);
    expect(tab(1, true).states).toHaveLength(1);
    const long = userTabInputFor(Array.from({ length: 10_000 }, () => W));
    expect(long).toEqual({ maxOutstanding: 1, empty: false });
    expect(getCompiledMachine('userTab', long).states).toHaveLength(5);
  });

  it('rejects invalid inputs', () => {
    expect(() => tab(0)).toThrow(MachineCompileError);
    expect(() => tab(1.5)).toThrow(MachineCompileError);
    expect(() => getCompiledMachine('userTab', { maxOutstanding: 1 } as never)).toThrow(
      /empty must be a boolean/,
    );
  });
});

describe('userTabInputFor', () => {
  it('bounds the open requests by 1 + the no-wait actions before the last', () => {
    expect(userTabInputFor([])).toEqual({ maxOutstanding: 1, empty: true });
    expect(userTabInputFor([W])).toEqual({ maxOutstanding: 1, empty: false });
    expect(userTabInputFor([N])).toEqual({ maxOutstanding: 1, empty: false });
    expect(userTabInputFor([N, W])).toEqual({ maxOutstanding: 2, empty: false });
    expect(userTabInputFor([N, N, W, N])).toEqual({ maxOutstanding: 3, empty: false });
    // Responses are anonymous: the response to the first click lets the user act again while
    // the second is still open, so 3 can be open though no two no-wait actions are adjacent.
    expect(userTabInputFor([N, W, N, W])).toEqual({ maxOutstanding: 3, empty: false });
  });

  /**
   * The script-aware reference (the rules before the engine kept the script position): in
   * `ready` the user takes action `next`; any response goes back to `ready` while an action is
   * left. Every interleaving it allows must be allowed by the machine compiled for
   * `userTabInputFor(script)`, with the engine's choice of event, and end in the same state.
   * After the drawn choices the user acts whenever it can, which opens the most requests.
   */
  it('never refuses an action or response the script allows', () => {
    const script = fc.array(
      fc.boolean().map((wait) => ({ wait })),
      { maxLength: 8 },
    );
    const choices = fc.array(fc.boolean(), { maxLength: 40 });
    fc.assert(
      fc.property(script, choices, (actions, preferAct) => {
        const t = getCompiledMachine('userTab', userTabInputFor(actions));
        let state = t.initial;
        let value = actions.length === 0 ? 'done' : 'ready';
        let next = 0;
        let outstanding = 0;
        for (const act of [...preferAct, ...Array<boolean>(2 * actions.length).fill(true)]) {
          const canAct = value === 'ready';
          const canRespond = outstanding > 0;
          if (canAct && (act || !canRespond)) {
            const event =
              next === actions.length - 1
                ? 'ACT_LAST'
                : actions[next]!.wait
                  ? 'ACT_WAIT'
                  : 'ACT_CONTINUE';
            const last = next === actions.length - 1;
            value = actions[next]!.wait || last ? 'waiting' : 'ready';
            next++;
            outstanding++;
            state = t.next(state, event);
          } else if (canRespond) {
            outstanding--;
            value =
              next === actions.length && outstanding === 0
                ? 'done'
                : next < actions.length
                  ? 'ready'
                  : 'waiting';
            state = t.next(state, 'RESPONSE');
          } else break;
          expect(state).not.toBe(-1);
          expect(t.states[state]).toMatchObject({ value, context: { outstanding } });
        }
        expect(value).toBe('done');
        expect(t.isFinal(state)).toBe(true);
      }),
      { seed: 20_240_611, numRuns: 300 },
    );
  });
});
