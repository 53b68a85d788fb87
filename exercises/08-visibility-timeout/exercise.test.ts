import { describe, expect, it } from 'vitest';
import { doc } from '../../src/sim';
import { pinExercise } from '../../src/workshop/testing';

const { check, counterexample } = await pinExercise('08-visibility-timeout');

describe('08 visibility timeout', () => {
  it("the starter's counterexample: the lease expires, a second consumer processes the same message", () => {
    const { events, world } = counterexample();
    expect(events.some((e) => e.type === 'leaseExpire')).toBe(true);
    const deliveries = events.filter((e) => e.type === 'deliver');
    expect(deliveries.map((e) => e.type === 'deliver' && e.messageId)).toEqual(['m1', 'm1']);
    expect(doc<{ lines: string[] }>(world, 'orders', 'order-1')?.lines).toEqual(['Meat', 'Meat']);
  });

  it('pins the state counts and counterexample lengths', () => {
    expect(check('starter')).toMatchObject({
      invariant: 'oneLinePerAddItem',
      depth: 7,
    });
    expect(check('solution')).toMatchObject({
      verdict: 'passed',
      distinctStates: 29,
    });
    expect(check('check-without-version')).toMatchObject({
      invariant: 'noDuplicateProcessing',
      depth: 7,
    });
    expect(check('version-without-check')).toMatchObject({
      invariant: 'oneLinePerAddItem',
      depth: 7,
    });
  });
});
