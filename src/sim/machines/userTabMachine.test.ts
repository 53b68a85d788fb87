import { describe, expect, it } from 'vitest';
import { MachineCompileError, getCompiledMachine } from './index';
import { enabledEvents, runEvents, stateAfter } from './testUtils';

const W = { wait: true };
const N = { wait: false };
const tab = (...actions: { wait: boolean }[]) => getCompiledMachine('userTab', { actions });

describe('userTab machine', () => {
  it('waits for the response of a waiting action, then is done', () => {
    const t = tab(W);
    expect(stateAfter(t, ['ACT'])).toMatchObject({ value: 'waiting', context: { outstanding: 1 } });
    expect(enabledEvents(t, runEvents(t, ['ACT']))).toEqual(['RESPONSE']);
    expect(stateAfter(t, ['ACT', 'RESPONSE'])).toMatchObject({ value: 'done', final: true });
  });

  it('double click: acts again without waiting, then waits for both responses', () => {
    const t = tab(N, W);
    expect(stateAfter(t, ['ACT'])).toMatchObject({ value: 'ready', context: { next: 1 } });
    expect(stateAfter(t, ['ACT', 'ACT'])).toMatchObject({
      value: 'waiting',
      context: { next: 2, outstanding: 2 },
    });
    expect(stateAfter(t, ['ACT', 'ACT', 'RESPONSE']).value).toBe('waiting');
    expect(stateAfter(t, ['ACT', 'ACT', 'RESPONSE', 'RESPONSE']).value).toBe('done');
  });

  it('goes back to ready on any response while an action is left', () => {
    const t = tab(N, W);
    expect(stateAfter(t, ['ACT', 'RESPONSE'])).toMatchObject({
      value: 'ready',
      context: { next: 1, outstanding: 0 },
    });
  });

  it('waits for the responses after a last action that does not wait', () => {
    expect(stateAfter(tab(W, W, N), ['ACT', 'RESPONSE', 'ACT', 'RESPONSE', 'ACT'])).toMatchObject({
      value: 'waiting',
      context: { next: 3, outstanding: 1 },
    });
  });

  it('enables RESPONSE only with a response outstanding', () => {
    const t = tab(W, N);
    expect(enabledEvents(t, t.initial)).toEqual(['ACT']);
  });

  it('is done at once with an empty script', () => {
    const t = tab();
    expect(t.states).toHaveLength(1);
    expect(t.isFinal(t.initial)).toBe(true);
  });

  it('pins the reachable state counts', () => {
    expect(tab(W).states).toHaveLength(3);
    expect(tab(N, W).states).toHaveLength(6);
    expect(tab(W, W, N).states).toHaveLength(7);
  });

  it('rejects scripts beyond 30 actions', () => {
    expect(() => tab(...Array.from({ length: 31 }, () => W))).toThrow(MachineCompileError);
  });
});
