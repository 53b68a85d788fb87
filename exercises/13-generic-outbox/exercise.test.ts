import { describe, expect, it } from 'vitest';
import { doc } from '../../src/sim';
import { pinExercise } from '../../src/workshop/testing';
import type { Order } from '../types';

const { check, counterexample } = await pinExercise('13-generic-outbox');

describe('13 generic outbox', () => {
  it("the starter's counterexample: a crash after the write, the redelivery adds a second line", () => {
    const { events, world } = counterexample();
    const commits = events.filter((e) => e.type === 'commit');
    expect(commits).toHaveLength(2);
    expect(new Set(commits.map((e) => e.attemptId)).size).toBe(2);
    expect(events.some((e) => e.type === 'crash')).toBe(true);
    expect(doc<Order>(world, 'orders', 'order-1')?.lines).toEqual(['Meat', 'Meat']);
  });

  it('entry-means-done loses the event of a crashed attempt, which the core noLostMessages cannot see', () => {
    const { world, check } = counterexample('entry-means-done');
    expect(check.invariant).toBe('exactlyOnce');
    expect(doc<Order & { paid?: boolean }>(world, 'orders', 'order-1')?.paid).toBe(true);
    expect(Object.values(world.history.enqueued).some((e) => e.type === 'PaymentBooked')).toBe(
      false,
    );
    expect(check.explanation).toMatch(/PaymentBooked: 0 distinct messages sent here, 1 in/);
  });

  it('pins the state counts and counterexample lengths', () => {
    expect(check('starter')).toMatchObject({
      invariant: 'noDuplicateProcessing',
      depth: 6,
    });
    expect(check('solution')).toMatchObject({
      verdict: 'passed',
      distinctStates: 357,
    });
    expect(check('dispatch-before-commit')).toMatchObject({
      invariant: 'noGhostMessages',
      depth: 4,
    });
    expect(check('entry-means-done')).toMatchObject({
      invariant: 'exactlyOnce',
      depth: 16,
    });
    expect(check('ids-at-dispatch')).toMatchObject({
      invariant: 'consistentOutput',
      depth: 8,
    });
  });
});
