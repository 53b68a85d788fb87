import { describe, expect, it } from 'vitest';
import { doc } from '../../src/sim';
import { pinExercise } from '../../src/workshop/testing';
import type { Order } from '../types';

const { check, counterexample } = await pinExercise('14-inbox');

describe('14 inbox', () => {
  it("the starter's counterexample: all went well, and the order's outbox keeps m1 for ever", () => {
    const { world } = counterexample();
    expect(doc(world, 'outbox', 'order-1')).toEqual({ m1: 'dispatched' });
    expect(doc<Order>(world, 'orders', 'order-1')?.lines).toEqual(['Meat']);
  });

  it('check-inbox-first: the second copy passes the inbox check just before the first copy finishes', () => {
    const { events, world } = counterexample('check-inbox-first');
    const kv = events.filter((e) => e.type === 'kv');
    // The second attempt asks the inbox (missing), the first writes it afterwards, the second
    // still commits.
    const a2Check = kv.findIndex((e) => e.attemptId === 'm1@Orders#2' && e.op === 'get');
    const a1Put = kv.findIndex((e) => e.attemptId === 'm1@Orders' && e.op === 'put');
    expect(a2Check).toBeGreaterThanOrEqual(0);
    expect(a1Put).toBeGreaterThan(a2Check);
    expect(doc<Order>(world, 'orders', 'order-1')?.lines).toEqual(['Meat', 'Meat']);
  });

  it('pins the state counts and counterexample lengths', () => {
    expect(check('starter')).toMatchObject({
      invariant: 'outboxOnlyInProgress',
      depth: 9,
    });
    expect(check('solution')).toMatchObject({
      verdict: 'passed',
      distinctStates: 479,
    });
    expect(check('check-inbox-first')).toMatchObject({
      invariant: 'noDuplicateProcessing',
      depth: 14,
    });
    expect(check('no-cleanup')).toMatchObject({
      invariant: 'outboxOnlyInProgress',
      depth: 13,
    });
    expect(check('remove-then-mark')).toMatchObject({
      invariant: 'idAlwaysSomewhere',
      depth: 7,
    });
    expect(check('mark-before-dispatch')).toMatchObject({
      invariant: 'everyLineAnnounced',
      depth: 11,
    });
  });
});
