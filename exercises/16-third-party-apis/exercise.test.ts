import { describe, expect, it } from 'vitest';
import { pinExercise } from '../../src/workshop/testing';

const { check, counterexample } = await pinExercise('16-third-party-apis');

describe('16 third-party APIs', () => {
  it('the starter charges alice twice after a lost answer', () => {
    const { events, world } = counterexample('starter');
    expect(
      events.some(
        (e) =>
          e.type === 'external' && e.api === 'PierogiPay' && e.outcome === 'committedResponseLost',
      ),
    ).toBe(true);
    const charges = Object.values(world.external.PierogiPay!.records);
    expect(charges).toHaveLength(2);
    expect(charges.every((c) => (c.data as { orderId: string }).orderId === 'order-1')).toBe(true);
  });

  it('with a key per attempt, PierogiPay sees two different keys', () => {
    const { world } = counterexample('key-per-attempt');
    const keys = Object.values(world.external.PierogiPay!.records).map((c) => c.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(2);
  });

  it('marking before charging leaves the order never charged after a crash', () => {
    const { events, world } = counterexample('mark-before-charging');
    expect(events.some((e) => e.type === 'crash' && e.after === 'batch')).toBe(true);
    expect(Object.keys(world.external.PierogiPay!.records)).toHaveLength(0);
  });

  it('without find-or-create the courier books two shipments', () => {
    for (const name of ['keys-only', 'fresh-reference']) {
      const { world } = counterexample(name);
      expect(Object.keys(world.external.Courier!.records), name).toHaveLength(2);
    }
  });

  it('pins the state counts and counterexample lengths', () => {
    const figures: [string, number, number][] = [
      // [variant, distinct states, depth]
      ['starter', 145, 6],
      ['solution', 374, 15],
      ['key-per-attempt', 154, 6],
      ['mark-before-charging', 511, 13],
      ['keys-only', 149, 6],
      ['fresh-reference', 272, 8],
    ];
    for (const [name, distinctStates, depth] of figures) {
      const r = check(name);
      expect(r, name).toMatchObject({ ok: true, distinctStates, depth });
    }
  });
});
