import { describe, expect, it } from 'vitest';
import { doc } from '../../src/sim';
import { pinExercise } from '../../src/workshop/testing';
import { checkVariant } from '../../src/workshop/verify';

const { bundle, check, counterexample, variant } = await pinExercise('11-deterministic-ids');

describe('11-deterministic-ids', () => {
  it('starter: a duplicate command is re-published under a second, fresh id', () => {
    const { events, check: c } = counterexample('starter');
    expect(c.invariant).toBe('consistentOutput');
    const dup = events.find((e) => e.type === 'duplicate');
    expect(dup).toBeDefined();
    const republished = events.flatMap((e) =>
      e.type === 'enqueue' && dup?.type === 'duplicate' && e.producedBy.incomingId === dup.messageId
        ? [e.messageId]
        : [],
    );
    expect(republished).toHaveLength(2);
    expect(new Set(republished).size).toBe(2);
  });

  it('starter: left to run, Marketing counts the event twice', () => {
    const manifest = {
      ...bundle.manifest,
      invariants: bundle.manifest.invariants.filter((i) => i.name !== 'consistentOutput'),
    };
    const r = checkVariant({ ...bundle, manifest }, variant('starter'));
    expect(r).toMatchObject({ verdict: 'violated', invariant: 'marketingTotalMatchesPayments' });
    if (r.result.verdict !== 'violated') throw new Error('expected a violation');
    const last = r.result.counterexample.states.at(-1)!;
    const total = doc<{ total: number }>(last, 'payments', 'alice')?.total;
    expect(Math.abs(total ?? 0)).toBe(100); // 0 expected: one payment counted twice
  });

  it('order-id-as-message-id: two different events share the id cart-1', () => {
    const { world } = counterexample('order-id-as-message-id');
    expect(world.history.inconsistent[0]).toMatchObject({ messageId: 'cart-1' });
  });

  it('no-republish: the failed publish is never repeated, Marketing misses it', () => {
    const { events, world } = counterexample('no-republish');
    expect(events.some((e) => e.type === 'sendFail')).toBe(true);
    // 50 expected (100 booked, 100 cancelled, 50 booked): one payment never reached Marketing.
    expect(doc<{ total: number }>(world, 'payments', 'alice')?.total).not.toBe(50);
  });

  it('state counts and counterexample depths', () => {
    expect(check('solution')).toMatchObject({ verdict: 'passed', distinctStates: 841 });
    expect(check('starter')).toMatchObject({ depth: 19 });
    expect(check('order-id-as-message-id')).toMatchObject({ depth: 9 });
    expect(check('no-republish')).toMatchObject({ depth: 25 });
  });
});
