import { describe, expect, it } from 'vitest';
import { doc } from '../../src/sim';
import { pinExercise } from '../../src/workshop/testing';

const { check, counterexample } = await pinExercise('12-outbox');

describe('12-outbox', () => {
  it('starter: the publish fails, add-2 commits, and the retry of add-1 re-derives nothing', () => {
    const { events, world } = counterexample('starter');
    const failed = events.findIndex(
      (e) => e.type === 'sendFail' && e.messageType === 'FirstItemAdded',
    );
    const add2 = events.findIndex((e) => e.type === 'commit' && e.incomingId === 'add-2');
    const retry = events.findIndex(
      (e) => e.type === 'deliver' && e.messageId === 'add-1' && e.delivery === 2,
    );
    expect(failed).toBeGreaterThanOrEqual(0);
    expect(add2).toBeGreaterThan(failed);
    expect(retry).toBeGreaterThan(add2);
    expect(events.some((e) => e.type === 'enqueue' && e.messageType === 'FirstItemAdded')).toBe(
      false,
    );
    expect(doc<{ lines: string[] }>(world, 'orders', 'cart-1')?.lines).toEqual([
      'Strawberry',
      'Meat',
    ]);
  });

  it('ids-at-dispatch: the repeated dispatch publishes FirstItemAdded under a second id', () => {
    const { events } = counterexample('ids-at-dispatch');
    const ids = events.flatMap((e) =>
      e.type === 'enqueue' && e.messageType === 'FirstItemAdded' ? [e.messageId] : [],
    );
    expect(new Set(ids).size).toBe(2);
  });

  it('state counts and counterexample depths', () => {
    expect(check('solution')).toMatchObject({ verdict: 'passed', distinctStates: 262 });
    expect(check('starter')).toMatchObject({ depth: 12 });
    expect(check('clear-before-dispatch')).toMatchObject({ depth: 14 });
    expect(check('outbox-in-second-write')).toMatchObject({ depth: 14 });
    expect(check('ids-at-dispatch')).toMatchObject({ depth: 14 });
  });
});
