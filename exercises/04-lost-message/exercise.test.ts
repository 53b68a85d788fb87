import { describe, expect, it } from 'vitest';
import { doc, docs } from '../../src/sim';
import { pinExercise } from '../../src/workshop/testing';

const { check, counterexample } = await pinExercise('04-lost-message');

describe('04 lost message', () => {
  it("the starter's counterexample: the cart is saved as submitted, the send fails, the retry sends nothing", () => {
    const { events, world } = counterexample();
    expect(events.some((e) => e.type === 'commit')).toBe(true);
    expect(events.some((e) => e.type === 'sendFail')).toBe(true);
    expect(events.some((e) => e.type === 'enqueue')).toBe(false);
    expect(doc<{ submitted?: boolean }>(world, 'carts', 'cart-1')?.submitted).toBe(true);
    expect(docs(world, 'orders')).toEqual([]);
  });

  it('pins the state counts and counterexample lengths', () => {
    expect(check('starter')).toMatchObject({
      verdict: 'violated',
      invariant: 'noLostMessages',
      depth: 8,
    });
    expect(check('solution')).toMatchObject({
      verdict: 'passed',
      distinctStates: 41,
    });
    expect(check('swallow-send-error')).toMatchObject({
      invariant: 'noLostMessages',
      depth: 6,
    });
    expect(check('retry-says-done')).toMatchObject({
      invariant: 'noLostMessages',
      depth: 8,
    });
  });
});
