import { describe, expect, it } from 'vitest';
import { docs } from '../../src/sim';
import { pinExercise } from '../../src/workshop/testing';
import type { Order } from '../types';

const { check, counterexample } = await pinExercise('01-double-submit');

describe('01 double submit', () => {
  it("the starter's counterexample is a second click that makes a second order", () => {
    const { world, events, check } = counterexample();
    expect(check.invariant).toBe('atMostOneOrderPerCart');
    // Nothing failed: two clicks, two requests, two commits.
    expect(events.filter((e) => e.type === 'userAct')).toHaveLength(2);
    expect(events.some((e) => e.type === 'reject')).toBe(false);
    const orders = docs<Order>(world, 'orders');
    expect(orders.map(([, o]) => o.cartId)).toEqual(['cart-1', 'cart-1']);
    expect(new Set(orders.map(([id]) => id)).size).toBe(2);
  });

  it('the solution passes exhaustively', () => {
    expect(check('solution')).toMatchObject({ verdict: 'passed', distinctStates: 106 });
  });

  it('each variant fails with its invariant at its depth', () => {
    expect(check('starter')).toMatchObject({ invariant: 'atMostOneOrderPerCart', depth: 9 });
    expect(check('order-then-flag')).toMatchObject({ invariant: 'submittedIffOrder', depth: 4 });
    expect(check('flag-then-order')).toMatchObject({ invariant: 'submittedIffOrder', depth: 4 });
    expect(check('look-up-the-order')).toMatchObject({
      invariant: 'atMostOneOrderPerCart',
      depth: 11,
    });
  });
});
