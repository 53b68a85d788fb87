import { describe, expect, it } from 'vitest';
import { docs } from '../../src/sim';
import { counterexampleOf, loadBundle } from '../../src/workshop/testing';
import { checkVariant, variantsOf } from '../../src/workshop/verify';

const bundle = await loadBundle('03-going-async');
const variant = (name: string) => variantsOf(bundle).find((v) => v.variant === name)!;

describe('03 going asynchronous', () => {
  it("the starter's counterexample: SubmitOrder is delivered and acknowledged, and no order exists", () => {
    const { events, world } = counterexampleOf(bundle);
    expect(events.filter((e) => e.type === 'ack').length).toBeGreaterThan(0);
    expect(docs(world, 'orders')).toEqual([]);
  });

  it('pins the state counts and counterexample lengths', () => {
    expect(checkVariant(bundle, variant('starter'))).toMatchObject({
      invariant: 'oneOrderPerSubmittedCart',
      depth: 16,
    });
    expect(checkVariant(bundle, variant('solution'))).toMatchObject({
      verdict: 'passed',
      distinctStates: 157,
    });
    expect(checkVariant(bundle, variant('order-per-item'))).toMatchObject({
      invariant: 'oneOrderPerSubmittedCart',
      depth: 20,
    });
    expect(checkVariant(bundle, variant('forgets-the-order'))).toMatchObject({
      invariant: 'oneOrderPerSubmittedCart',
      depth: 18,
    });
  });
});
