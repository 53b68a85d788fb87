import { describe, expect, it } from 'vitest';
import { docs } from '../../src/sim';
import { pinExercise } from '../../src/workshop/testing';
import type { Order } from '../types';

const { check, counterexample } = await pinExercise('02-lost-update');

describe('02 lost update', () => {
  it("the starter's counterexample: both tabs read version 1, both commit an order", () => {
    const { world, events, check } = counterexample();
    expect(check.invariant).toBe('atMostOneOrderPerCart');
    const reads = events.filter((e) => e.type === 'read');
    expect(reads.map((e) => e.type === 'read' && e.version)).toEqual([1, 1]);
    // Both reads happen before the first commit: a check-then-act race, not a retry.
    const firstCommit = events.findIndex((e) => e.type === 'commit');
    const lastRead = events.map((e) => e.type).lastIndexOf('read');
    expect(lastRead).toBeLessThan(firstCommit);
    expect(docs<Order>(world, 'orders')).toHaveLength(2);
    // The second batch overwrote version 2 on the strength of reading version 1.
    expect(world.history.lostUpdates).toMatchObject([
      { collection: 'carts', id: 'cart-1', readVersion: 1, currentVersion: 2 },
    ]);
  });

  it('the solution passes exhaustively', () => {
    expect(check('solution')).toMatchObject({ verdict: 'passed', distinctStates: 56 });
  });

  it('each variant fails with its invariant at its depth', () => {
    expect(check('starter')).toMatchObject({ invariant: 'atMostOneOrderPerCart', depth: 8 });
    expect(check('version-on-order-only')).toMatchObject({
      invariant: 'atMostOneOrderPerCart',
      depth: 8,
    });
    expect(check('check-again-before-writing')).toMatchObject({
      invariant: 'atMostOneOrderPerCart',
      depth: 10,
    });
    expect(check('versioned-separate-writes')).toMatchObject({
      invariant: 'submittedIffOrder',
      depth: 4,
    });
  });
});
