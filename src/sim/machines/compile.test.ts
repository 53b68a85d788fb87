import { setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import {
  COPY_EVENT_TYPES,
  MachineCompileError,
  compileMachine,
  getCompiledMachine,
  machines,
  toXStateSnapshot,
} from './index';
import { runEvents } from './testUtils';

describe('getCompiledMachine', () => {
  it('compiles once per input, whatever the key order', () => {
    const a = getCompiledMachine('copy', { immediateRetries: 1, delayedRetries: 2 });
    const b = getCompiledMachine('copy', { delayedRetries: 2, immediateRetries: 1 });
    expect(b).toBe(a);
    expect(getCompiledMachine('copy', { immediateRetries: 2, delayedRetries: 1 })).not.toBe(a);
  });

  it('rejects invalid inputs with an error naming the machine and the input', () => {
    const bad = [
      () => getCompiledMachine('copy', { immediateRetries: -1, delayedRetries: 0 }),
      () => getCompiledMachine('copy', { immediateRetries: 1.5, delayedRetries: 0 }),
      () => getCompiledMachine('httpRequest', { maxAttempts: 0 }),
      () => getCompiledMachine('endpoint', { concurrency: 0 }),
      () => getCompiledMachine('userTab', { maxOutstanding: 0, empty: false }),
      () => getCompiledMachine('userTab', { maxOutstanding: 2, empty: 'no' as never }),
    ];
    for (const compile of bad) expect(compile).toThrow(MachineCompileError);
    const long = { maxOutstanding: 1, empty: 'x'.repeat(1000) as never };
    expect(() => getCompiledMachine('userTab', long)).toThrow(
      /empty must be a boolean .*\.\.\. \(1031 chars\)/,
    );
    expect(() => getCompiledMachine('httpRequest', { maxAttempts: 0 })).toThrow(
      "Invalid input for machine 'httpRequest': maxAttempts must be an integer >= 1",
    );
  });
});

describe('compileMachine', () => {
  const input = { immediateRetries: 2, delayedRetries: 1 };

  it('numbers states in breadth-first order from the initial state (id 0)', () => {
    const c = compileMachine('copy', machines.copy, input, COPY_EVENT_TYPES);
    expect(c.initial).toBe(0);
    expect(c.states.slice(0, 4).map((s) => s.value)).toEqual([
      'queued',
      'leased',
      'acked',
      'queued',
    ]);
    const again = compileMachine('copy', machines.copy, input, COPY_EVENT_TYPES);
    expect(again.states).toEqual(c.states);
  });

  it('throws beyond the state limit', () => {
    expect(() =>
      compileMachine('copy', machines.copy, input, COPY_EVENT_TYPES, { stateCountMax: 10 }),
    ).toThrow(/more than 10 reachable states \(stateCountMax\)/);
  });

  it('throws when the declared event types are not the machine events', () => {
    expect(() => compileMachine('copy', machines.copy, input, ['DELIVER', 'ACK'])).toThrow(
      MachineCompileError,
    );
  });

  it('rejects a machine whose disabled events still move it (root `on` next to a final state)', () => {
    const quirky = setup({}).createMachine({
      initial: 'a',
      on: { RESET: '.a' },
      states: { a: { on: { END: 'b' } }, b: { type: 'final' } },
    });
    expect(() => compileMachine('externalApi', quirky, {}, ['RESET', 'END'])).toThrow(
      /not enabled .* but XState moved it/,
    );
  });
});

describe('CompiledMachine', () => {
  const c = getCompiledMachine('copy', { immediateRetries: 1, delayedRetries: 1 });

  it('answers next() and nextByIndex() alike, and refuses unknown events', () => {
    for (let s = 0; s < c.states.length; s++) {
      c.eventTypes.forEach((type, e) => {
        expect(c.nextByIndex(s, e)).toBe(c.next(s, type));
        expect(c.eventIndex(type)).toBe(e);
      });
    }
    expect(() => c.next(0, 'DELIVERED')).toThrow(/unknown event DELIVERED/);
    expect(() => c.nextByIndex(c.states.length, 0)).toThrow();
  });

  it('finds a state by value and context', () => {
    const leased = runEvents(c, ['DELIVER']);
    const { value, context } = c.states[leased]!;
    expect(c.findState(value, { ...context })).toBe(leased);
    expect(c.findState('leased', { ...context, immediateUsed: 9 })).toBe(-1);
  });

  it('gives the XState snapshot of a state, for the UI', () => {
    const acked = runEvents(c, ['DELIVER', 'ACK']);
    const snapshot = toXStateSnapshot(c, acked);
    expect(snapshot.value).toBe('acked');
    expect(snapshot.status).toBe('done');
    expect(snapshot.context).toEqual(c.states[acked]!.context);
  });

  it('is immutable', () => {
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.states[0])).toBe(true);
    expect(Object.isFrozen(c.states[0]!.context)).toBe(true);
  });
});
