import { describe, expect, it } from 'vitest';
import { docs } from '../../src/sim';
import { pinExercise } from '../../src/workshop/testing';

const { check, counterexample } = await pinExercise('03-going-async');

describe('03 going asynchronous', () => {
  it("the starter's counterexample: SubmitOrder is delivered and acknowledged, and no order exists", () => {
    const { events, world } = counterexample();
    expect(events.filter((e) => e.type === 'ack').length).toBeGreaterThan(0);
    expect(docs(world, 'orders')).toEqual([]);
  });

  it('pins the state counts and counterexample lengths', () => {
    expect(check('starter')).toMatchObject({
      invariant: 'oneOrderPerSubmittedCart',
      depth: 16,
    });
    expect(check('solution')).toMatchObject({
      verdict: 'passed',
      distinctStates: 139,
    });
    expect(check('order-per-item')).toMatchObject({
      invariant: 'oneOrderPerSubmittedCart',
      depth: 20,
    });
    expect(check('forgets-the-order')).toMatchObject({
      invariant: 'oneOrderPerSubmittedCart',
      depth: 18,
    });
  });
});
