import { describe, expect, it } from 'vitest';
import { getCompiledMachine } from './index';
import { enabledEvents, runEvents, stateAfter } from './testUtils';

const copy = (immediateRetries: number, delayedRetries: number) =>
  getCompiledMachine('copy', { immediateRetries, delayedRetries });

describe('copy machine', () => {
  it('starts queued and is acked after one delivery', () => {
    const c = copy(2, 1);
    expect(c.states[c.initial]?.value).toBe('queued');
    expect(enabledEvents(c, c.initial)).toEqual(['DELIVER']);
    expect(stateAfter(c, ['DELIVER', 'ACK'])).toMatchObject({ value: 'acked', final: true });
  });

  it('uses the immediate retries, then a delayed one (resetting immediate), then dead-letters', () => {
    const c = copy(1, 1);
    const fail = ['DELIVER', 'FAIL'];
    const after = (...events: string[]) => stateAfter(c, events);
    expect(after(...fail)).toMatchObject({
      value: 'queued',
      context: { immediateUsed: 1, delayedUsed: 0 },
    });
    expect(after(...fail, ...fail)).toMatchObject({
      value: 'delayed',
      context: { immediateUsed: 0, delayedUsed: 1 },
    });
    expect(after(...fail, ...fail, 'TIMER', ...fail)).toMatchObject({
      value: 'queued',
      context: { immediateUsed: 1, delayedUsed: 1 },
    });
    expect(after(...fail, ...fail, 'TIMER', ...fail, ...fail)).toMatchObject({
      value: 'deadLettered',
      final: false,
    });
  });

  it('dead-letters on the first failure without retries', () => {
    expect(stateAfter(copy(0, 0), ['DELIVER', 'FAIL']).value).toBe('deadLettered');
  });

  it('redelivers after a lease expiry or a crash without using a retry', () => {
    const c = copy(1, 0);
    for (const event of ['LEASE_EXPIRED', 'CRASH']) {
      expect(stateAfter(c, ['DELIVER', event, 'DELIVER', event, 'DELIVER'])).toMatchObject({
        value: 'leased',
        context: { immediateUsed: 0, delayedUsed: 0 },
      });
    }
  });

  it('replays a dead-lettered copy from the error queue with fresh counters', () => {
    const c = copy(0, 1);
    const parked = ['DELIVER', 'FAIL', 'TIMER', 'DELIVER', 'FAIL'];
    expect(stateAfter(c, parked).value).toBe('deadLettered');
    const replayed = runEvents(c, [...parked, 'RETRY_FROM_ERROR_QUEUE']);
    expect(replayed).toBe(c.initial);
  });

  it('enables only the events of the current state', () => {
    const c = copy(1, 1);
    expect(enabledEvents(c, runEvents(c, ['DELIVER']))).toEqual([
      'ACK',
      'LEASE_EXPIRED',
      'CRASH',
      'FAIL',
    ]);
    expect(enabledEvents(c, runEvents(c, ['DELIVER', 'ACK']))).toEqual([]);
    expect(enabledEvents(c, runEvents(c, ['DELIVER', 'FAIL', 'DELIVER', 'FAIL']))).toEqual([
      'TIMER',
    ]);
  });

  it('has 3(i+1)(d+1) + d + 1 reachable states', () => {
    for (const [i, d] of [
      [0, 0],
      [2, 1],
      [5, 3],
    ] as const) {
      expect(copy(i, d).states.length).toBe(3 * (i + 1) * (d + 1) + d + 1);
    }
  });
});
