import { describe, expect, it } from 'vitest';
import { docs } from '../../src/sim';
import { pinExercise } from '../../src/workshop/testing';

const { check, counterexample } = await pinExercise('20-consistency-token');

type World = ReturnType<typeof counterexample>['world'];
const responsesOf = (world: World) => world.tabs.find((t) => t.tab === 'alice')!.responses!;
const historyOf = (world: World) =>
  docs<{ orders: string[]; checkpoint: number }>(world, 'history', 'views')[0]![1];

describe('20 consistency token', () => {
  it('the starter: Submit accepts cart-1, then "My orders" answers before the projection', () => {
    const { events, world } = counterexample('starter');
    expect(responsesOf(world)).toEqual([
      { route: 'submit', body: { status: 'accepted', cartId: 'cart-1', token: 1 } },
      { route: 'myOrders', body: { orders: [] } },
    ]);
    // The projection's message is still waiting in the broker when the page is answered.
    expect(events.some((e) => e.type === 'enqueue')).toBe(true);
    expect(events.some((e) => e.type === 'deliver')).toBe(false);
    expect(historyOf(world)).toEqual({ orders: [], checkpoint: 0 });
  });

  it('the token carried by the browser is the one Submit returned', () => {
    const { world } = counterexample('token-before-append');
    const [submit] = responsesOf(world);
    expect(submit).toEqual({
      route: 'submit',
      body: { status: 'accepted', cartId: 'cart-1', token: 0 },
    });
  });

  it('a query that writes the history races the projection: My orders fails with a conflict', () => {
    const { events, check } = counterexample('catch-up-without-checkpoint');
    expect(check.invariant).toBe('readYourWrites');
    expect(events.some((e) => e.type === 'reject' && e.reason === 'conflict')).toBe(true);
    expect(events.some((e) => e.type === 'httpGiveUp')).toBe(true);
  });

  it('pins the state counts and counterexample lengths', () => {
    const figures: [string, number, number][] = [
      // [variant, distinct states, depth]
      ['starter', 31, 10],
      ['solution', 208, 32],
      ['pending-only-when-empty', 167, 24],
      ['token-before-append', 31, 10],
      ['catch-up-without-checkpoint', 71, 15],
    ];
    for (const [name, distinctStates, depth] of figures) {
      const r = check(name);
      expect(r, name).toMatchObject({ ok: true, distinctStates, depth });
    }
  });
});
