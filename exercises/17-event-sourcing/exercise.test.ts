import { describe, expect, it } from 'vitest';
import { pinExercise } from '../../src/workshop/testing';

const { check, counterexample } = await pinExercise('17-event-sourcing');

function streamOf(world: ReturnType<typeof counterexample>['world']) {
  const s = world.stores.marketing!;
  if (s.kind !== 'events') throw new Error('marketing is not an event store');
  return (s.streams['payments-alice'] ?? []).map((e) => e.data as { type: string });
}

describe('17 event sourcing', () => {
  it('the starter: both threads read version 0, both append a coupon', () => {
    const { events, world } = counterexample('starter');
    const reads = events.filter((e) => e.type === 'readStream');
    expect(reads).toHaveLength(2);
    expect(reads.every((e) => e.type === 'readStream' && e.version === 0)).toBe(true);
    expect(streamOf(world).filter((e) => e.type === 'CouponGranted')).toHaveLength(2);
  });

  it('without the message id check, a crash after the append counts a payment twice', () => {
    const { events, world } = counterexample('expected-version-only');
    expect(events.some((e) => e.type === 'crash' && e.after === 'append')).toBe(true);
    expect(streamOf(world).filter((e) => e.type === 'PaymentCounted')).toHaveLength(2);
  });

  it('re-appending after a conflict without deciding again grants two coupons', () => {
    const { events, world } = counterexample('retry-without-rereading');
    expect(events.some((e) => e.type === 'append' && e.outcome === 'conflict')).toBe(true);
    expect(streamOf(world).filter((e) => e.type === 'CouponGranted')).toHaveLength(2);
  });

  it('pins the state counts and counterexample lengths', () => {
    const figures: [string, number, number][] = [
      // [variant, distinct states, depth]
      ['starter', 122, 6],
      ['solution', 460, 18],
      ['expected-version-only', 150, 6],
      ['dedup-only', 122, 6],
      ['retry-without-rereading', 247, 8],
    ];
    for (const [name, distinctStates, depth] of figures) {
      const r = check(name);
      expect(r, name).toMatchObject({ ok: true, distinctStates, depth });
    }
  });
});
