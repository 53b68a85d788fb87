import { describe, expect, it } from 'vitest';
import { doc } from '../../src/sim';
import type { World } from '../../src/sim';
import { pinExercise } from '../../src/workshop/testing';

const { check, counterexample } = await pinExercise('22-http-edges');

interface Line {
  filling: string;
  stamp: string;
}
const lines = (w: World) => doc<{ lines: Line[] }>(w, 'orders', 'order-1')?.lines ?? [];
const receiptKeys = (w: World) => {
  const s = w.stores.receipts;
  return s?.kind === 'kv' ? Object.keys(s.entries) : [];
};

describe('22 exactly once at the HTTP edge', () => {
  it("the starter's retry of one tap adds a second line with a new stamp", () => {
    const { events, world, check } = counterexample();
    expect(check.invariant).toBe('oneLinePerRequest');
    // One tap, lost in doubt (a crash right after the commit), retried under the same id.
    expect(events.filter((e) => e.type === 'userAct')).toHaveLength(1);
    expect(events.some((e) => e.type === 'crash' && e.after === 'batch')).toBe(true);
    const arrivals = events.filter((e) => e.type === 'httpArrive');
    expect(arrivals.map((e) => [e.requestId, e.attempt])).toEqual([
      ['r1', 1],
      ['r1', 2],
    ]);
    expect(lines(world)).toEqual([
      { filling: 'Meat', stamp: 'clock-1' },
      { filling: 'Meat', stamp: 'clock-2' },
    ]);
    expect(world.history.effects['OrderApi|r1']).toEqual(['r1@OrderApi', 'r1@OrderApi#2']);
  });

  it('result-not-stored: the order is changed once, but the repeat answers a new stamp', () => {
    const { world } = counterexample('result-not-stored');
    expect(lines(world)).toEqual([{ filling: 'Meat', stamp: 'clock-1' }]);
    const answer = world.invocations.find((i) => i.attemptId === 'r1@OrderApi#2')?.pending;
    expect(answer).toMatchObject({ phase: 'respond', body: { stamp: 'clock-2' } });
  });

  it('emit-from-fresh-call: the same message id goes out with a stamp the order never stored', () => {
    const { events, world } = counterexample('emit-from-fresh-call');
    const sent = events
      .filter((e) => e.type === 'enqueue')
      .filter((e) => e.messageId === 'item-added-r1');
    expect(sent.map((e) => (e.payload as Line).stamp)).toEqual(['clock-2']);
    expect(lines(world).map((l) => l.stamp)).toEqual(['clock-1']);
  });

  it('blob-with-random-name: two receipts for one line', () => {
    const { world } = counterexample('blob-with-random-name');
    expect(lines(world)).toHaveLength(1);
    expect(receiptKeys(world)).toHaveLength(2);
  });

  it("dedup-by-content: Alice's second tap gets the first tap's line", () => {
    const { events, world } = counterexample('dedup-by-content');
    expect(events.filter((e) => e.type === 'userAct')).toHaveLength(2);
    expect(lines(world)).toEqual([{ filling: 'Meat', stamp: 'clock-1' }]);
    const second = events.find((e) => e.type === 'enqueue' && e.messageId === 'item-added-r2');
    expect(second).toMatchObject({ payload: { stamp: 'clock-1' } });
  });

  it('pins the state counts and counterexample lengths', () => {
    const figures: [string, number, number][] = [
      // [variant, distinct states, depth]
      ['starter', 64, 9],
      ['solution', 577, 27],
      ['result-not-stored', 48, 8],
      ['emit-from-fresh-call', 58, 9],
      ['blob-with-random-name', 106, 11],
      ['return-early-on-repeat', 317, 18],
      ['receipt-as-dedup-record', 84, 11],
      ['dedup-by-content', 130, 12],
    ];
    for (const [name, distinctStates, depth] of figures) {
      const r = check(name);
      expect(r, name).toMatchObject({ ok: true, distinctStates, depth });
    }
  });
});
