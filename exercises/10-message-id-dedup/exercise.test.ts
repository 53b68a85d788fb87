import { describe, expect, it } from 'vitest';
import { doc } from '../../src/sim';
import { pinExercise } from '../../src/workshop/testing';
import { checkVariant } from '../../src/workshop/verify';

const { bundle, check, counterexample, variant } = await pinExercise('10-message-id-dedup');

describe('10-message-id-dedup', () => {
  it('starter: a late copy of BookPayment, after the cancellation, books the payment again', () => {
    const { events, world } = counterexample('starter');
    const delivered = events.flatMap((e) => (e.type === 'deliver' ? [e.messageId] : []));
    expect(delivered).toEqual(['submit-1', 'book-1', 'cancel-1', 'book-2', 'book-1']);
    expect(events.some((e) => e.type === 'duplicate' && e.messageId === 'book-1')).toBe(true);
    expect(doc<{ paymentBooked: boolean }>(world, 'orders', 'cart-1')?.paymentBooked).toBe(true);
    expect(world.history.effects['Orders|book-1']).toHaveLength(2);
  });

  it('starter: the business invariant alone also catches it (cancelled, yet booked)', () => {
    const manifest = {
      ...bundle.manifest,
      invariants: bundle.manifest.invariants.filter((i) => i.name !== 'noDuplicateProcessing'),
    };
    const r = checkVariant({ ...bundle, manifest }, variant('starter'));
    expect(r).toMatchObject({ verdict: 'violated', invariant: 'paymentMatchesLastCommand' });
    expect(r.explanation).toContain('should be cancelled');
  });

  it('marker-in-second-write: the failed marker write makes the retry apply cancel-1 again', () => {
    const { events } = counterexample('marker-in-second-write');
    expect(events.some((e) => e.type === 'reject' && e.reason === 'fault')).toBe(true);
  });

  it('state counts and counterexample depths', () => {
    expect(check('solution')).toMatchObject({ verdict: 'passed', distinctStates: 444 });
    expect(check('starter')).toMatchObject({ depth: 20 });
    expect(check('remember-last-id')).toMatchObject({ depth: 20 });
    expect(check('marker-in-second-write')).toMatchObject({ depth: 26 });
  });
});
