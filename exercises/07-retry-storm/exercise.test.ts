import { describe, expect, it } from 'vitest';
import { externalRecords } from '../../src/sim';
import { checkVariant, variantsOf } from '../../src/workshop/verify';
import { counterexampleOf, loadBundle } from '../../src/workshop/testing';

const bundle = await loadBundle('07-retry-storm');
const check = (variant: string) =>
  checkVariant(
    bundle,
    variantsOf(bundle).find((v) => v.variant === variant)!,
  );

describe('07 retry storm', () => {
  it("the starter's counterexample: six attempts in no time, then the error queue", () => {
    const { world, events, check } = counterexampleOf(bundle);
    expect(check.invariant).toBe('noDeadLetters');
    const calls = events.filter((e) => e.type === 'external');
    expect(calls).toHaveLength(6);
    expect(calls.every((e) => e.type === 'external' && e.outcome === 'failed')).toBe(true);
    expect(events.every((e) => e.tick === 0)).toBe(true);
    expect(events.some((e) => e.type === 'deadLetter')).toBe(true);
    expect(world.errorQueue.map((c) => c.messageId)).toEqual(['book-payment-1']);
    expect(externalRecords(world, 'PierogiPay')).toHaveLength(0);
  });

  it('backoff without an idempotency key: the retry after a lost answer charges again', () => {
    const { world, events } = counterexampleOf(bundle, 'backoff-without-key');
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
    expect(check('starter')).toMatchObject({ invariant: 'noDeadLetters', depth: 18 });
    expect(check('more-immediate-retries')).toMatchObject({
      invariant: 'noDeadLetters',
      depth: 33,
    });
    expect(check('gives-up-too-soon')).toMatchObject({ invariant: 'noDeadLetters', depth: 13 });
    expect(check('retry-loop-in-handler')).toMatchObject({
      invariant: 'noDeadLetters',
      depth: 30,
    });
    expect(check('swallow-the-error')).toMatchObject({ invariant: 'everyOrderPaid', depth: 4 });
    expect(check('backoff-without-key')).toMatchObject({
      invariant: 'oneChargePerPayment',
      depth: 20,
    });
  });
});
