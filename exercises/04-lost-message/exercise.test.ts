import { describe, expect, it } from 'vitest';
import { doc, docs } from '../../src/sim';
import { counterexampleOf, loadBundle } from '../../src/workshop/testing';
import { checkVariant, variantsOf } from '../../src/workshop/verify';

const bundle = await loadBundle('04-lost-message');
const variant = (name: string) => variantsOf(bundle).find((v) => v.variant === name)!;

describe('04 lost message', () => {
  it("the starter's counterexample: the cart is saved as submitted, the send fails, the retry sends nothing", () => {
    const { events, world } = counterexampleOf(bundle);
    expect(events.some((e) => e.type === 'commit')).toBe(true);
    expect(events.some((e) => e.type === 'sendFail')).toBe(true);
    expect(events.some((e) => e.type === 'enqueue')).toBe(false);
    expect(doc<{ submitted?: boolean }>(world, 'carts', 'cart-1')?.submitted).toBe(true);
    expect(docs(world, 'orders')).toEqual([]);
  });

  it('pins the state counts and counterexample lengths', () => {
    expect(checkVariant(bundle, variant('starter'))).toMatchObject({
      verdict: 'violated',
      invariant: 'noLostMessages',
      depth: 8,
    });
    expect(checkVariant(bundle, variant('solution'))).toMatchObject({
      verdict: 'passed',
      distinctStates: 44,
    });
    expect(checkVariant(bundle, variant('swallow-send-error'))).toMatchObject({
      invariant: 'noLostMessages',
      depth: 6,
    });
    expect(checkVariant(bundle, variant('retry-says-done'))).toMatchObject({
      invariant: 'noLostMessages',
      depth: 8,
    });
  });
});
