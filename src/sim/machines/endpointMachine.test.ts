import { describe, expect, it } from 'vitest';
import { MachineCompileError, getCompiledMachine } from './index';
import { enabledEvents, runEvents, stateAfter } from './testUtils';

const endpoint = (concurrency: number) => getCompiledMachine('endpoint', { concurrency });

describe('endpoint machine', () => {
  it('follows the number of running invocations', () => {
    const e = endpoint(2);
    expect(e.states[e.initial]).toEqual({ value: 'idle', context: { concurrency: 2, running: 0 } });
    expect(stateAfter(e, ['START']).value).toBe('busy');
    expect(stateAfter(e, ['START', 'START']).value).toBe('saturated');
    expect(stateAfter(e, ['START', 'START', 'FINISH']).value).toBe('busy');
    expect(runEvents(e, ['START', 'START', 'FINISH', 'FINISH'])).toBe(e.initial);
  });

  it('saturates at once with a concurrency of 1', () => {
    expect(stateAfter(endpoint(1), ['START']).value).toBe('saturated');
  });

  it('refuses START when saturated and FINISH when idle', () => {
    const e = endpoint(1);
    expect(enabledEvents(e, e.initial)).toEqual(['START']);
    expect(enabledEvents(e, runEvents(e, ['START']))).toEqual(['FINISH']);
  });

  it('has concurrency + 1 states and needs a concurrency of at least 1', () => {
    for (const c of [1, 2, 3]) expect(endpoint(c).states).toHaveLength(c + 1);
    expect(() => endpoint(0)).toThrow(MachineCompileError);
  });
});
