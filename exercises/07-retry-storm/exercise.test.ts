import { describe, expect, it } from 'vitest';
import { externalRecords } from '../../src/sim';
import { pinExercise } from '../../src/workshop/testing';

const { check, counterexample } = await pinExercise('07-retry-storm');

describe('07 retry storm', () => {
  it("the starter's counterexample: a burst of failed calls at one tick, a retry storm", () => {
    const { world, events, check } = counterexample();
    expect(check.invariant).toBe('noRetryStorm');
    const calls = events.filter((e) => e.type === 'external');
    expect(calls).toHaveLength(4);
    expect(calls.every((e) => e.type === 'external' && e.outcome === 'failed')).toBe(true);
    expect(events.every((e) => e.tick === 0)).toBe(true);
    expect(world.external.PierogiPay?.callsWhileDown).toEqual([0, 0, 0, 0]);
    expect(externalRecords(world, 'PierogiPay')).toHaveLength(0);
  });

  it('ten quick retries before the backoff still storm, although the message survives', () => {
    expect(check('storm-then-backoff')).toMatchObject({ invariant: 'noRetryStorm', depth: 12 });
  });

  it('backoff without an idempotency key: the retry after a lost answer charges again', () => {
    const { world, events } = counterexample('backoff-without-key');
    expect(world.tick).toBe(30);
    expect(events.some((e) => e.type === 'external' && e.outcome === 'committedResponseLost')).toBe(
      true,
    );
    const charges = externalRecords<{ orderId: string }>(world, 'PierogiPay');
    expect(charges.map(([, c]) => c.orderId)).toEqual(['order-1', 'order-1']);
  });

  it('the solution passes exhaustively', () => {
    expect(check('solution')).toMatchObject({ verdict: 'passed', distinctStates: 43 });
  });

  it('each variant fails with its invariant at its depth', () => {
    expect(check('starter')).toMatchObject({ invariant: 'noRetryStorm', depth: 12 });
    expect(check('more-immediate-retries')).toMatchObject({ invariant: 'noRetryStorm', depth: 12 });
    expect(check('gives-up-too-soon')).toMatchObject({ invariant: 'noDeadLetters', depth: 13 });
    expect(check('retry-loop-in-handler')).toMatchObject({ invariant: 'noRetryStorm', depth: 8 });
    expect(check('swallow-the-error')).toMatchObject({ invariant: 'everyOrderPaid', depth: 4 });
    expect(check('backoff-without-key')).toMatchObject({
      invariant: 'oneChargePerPayment',
      depth: 20,
    });
  });
});
