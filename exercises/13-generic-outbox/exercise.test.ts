import { describe, expect, it } from 'vitest';
import { doc } from '../../src/sim';
import { counterexampleOf, loadBundle } from '../../src/workshop/testing';
import { checkVariant, variantsOf } from '../../src/workshop/verify';
import type { Order } from '../types';

const bundle = await loadBundle('13-generic-outbox');
const variant = (name: string) => variantsOf(bundle).find((v) => v.variant === name)!;

describe('13 generic outbox', () => {
  it("the starter's counterexample: a crash after the write, the redelivery adds a second line", () => {
    const { events, world } = counterexampleOf(bundle);
    const commits = events.filter((e) => e.type === 'commit');
    expect(commits).toHaveLength(2);
    expect(new Set(commits.map((e) => e.attemptId)).size).toBe(2);
    expect(events.some((e) => e.type === 'crash')).toBe(true);
    expect(doc<Order>(world, 'orders', 'order-1')?.lines).toEqual(['Meat', 'Meat']);
  });

  it('entry-means-done loses the event of a crashed attempt, which the core noLostMessages cannot see', () => {
    const { world, check } = counterexampleOf(bundle, 'entry-means-done');
    expect(check.invariant).toBe('exactlyOnce');
    expect(doc<Order & { paid?: boolean }>(world, 'orders', 'order-1')?.paid).toBe(true);
    expect(Object.values(world.history.enqueued).some((e) => e.type === 'PaymentBooked')).toBe(
      false,
    );
    expect(check.explanation).toMatch(/PaymentBooked: 0 distinct messages sent here, 1 in/);
  });

  it('pins the state counts and counterexample lengths', () => {
    expect(checkVariant(bundle, variant('starter'))).toMatchObject({
      invariant: 'noDuplicateProcessing',
      depth: 6,
    });
    expect(checkVariant(bundle, variant('solution'))).toMatchObject({
      verdict: 'passed',
      distinctStates: 777,
    });
    expect(checkVariant(bundle, variant('dispatch-before-commit'))).toMatchObject({
      invariant: 'noGhostMessages',
      depth: 4,
    });
    expect(checkVariant(bundle, variant('entry-means-done'))).toMatchObject({
      invariant: 'exactlyOnce',
      depth: 16,
    });
    expect(checkVariant(bundle, variant('ids-at-dispatch'))).toMatchObject({
      invariant: 'consistentOutput',
      depth: 8,
    });
  });
});
