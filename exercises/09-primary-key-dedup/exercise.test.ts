import { describe, expect, it } from 'vitest';
import { docs } from '../../src/sim';
import { pinExercise } from '../../src/workshop/testing';
import type { Order } from '../types';

const { check, counterexample } = await pinExercise('09-primary-key-dedup');

describe('09-primary-key-dedup', () => {
  it('starter: two copies of one SubmitOrder become two orders for cart-1', () => {
    const { events, world, check: c } = counterexample('starter');
    expect(c.invariant).toBe('atMostOneOrderPerCart');
    expect(events.some((e) => e.type === 'duplicate')).toBe(true);
    const orders = docs<Order>(world, 'orders');
    expect(orders.map(([, o]) => o.cartId)).toEqual(['cart-1', 'cart-1']);
    // Both orders were created for the SAME logical message.
    const creators = events.filter((e) => e.type === 'commit' && e.endpoint === 'Orders');
    expect(new Set(creators.map((e) => (e.type === 'commit' ? e.incomingId : '')))).toHaveLength(1);
    expect(c.depth).toBe(10);
  });

  it('message-id-as-order-id: the frontend re-send is a new message, so a second order', () => {
    const { events, world } = counterexample('message-id-as-order-id');
    expect(events.some((e) => e.type === 'httpLost' && e.which === 'response')).toBe(true);
    const submits = events.filter((e) => e.type === 'enqueue' && e.messageType === 'SubmitOrder');
    expect(new Set(submits.map((e) => (e.type === 'enqueue' ? e.messageId : ''))).size).toBe(2);
    expect(docs<Order>(world, 'orders')).toHaveLength(2);
  });

  it('check-without-create-only: the second concurrent copy overwrites the first order', () => {
    const { world } = counterexample('check-without-create-only');
    expect(world.history.lostUpdates[0]).toMatchObject({ id: 'cart-1', readVersion: 0 });
  });

  it('create-only-without-check: the duplicate is parked in the error queue', () => {
    const { world } = counterexample('create-only-without-check');
    expect(world.errorQueue.map((c) => c.type)).toEqual(['SubmitOrder']);
  });

  it('state counts and counterexample depths', () => {
    expect(check('solution')).toMatchObject({ verdict: 'passed', distinctStates: 142 });
    expect(check('starter')).toMatchObject({ depth: 10 });
    expect(check('message-id-as-order-id')).toMatchObject({ depth: 15 });
    expect(check('check-without-create-only')).toMatchObject({ depth: 12 });
    expect(check('create-only-without-check')).toMatchObject({ depth: 14 });
  });
});
