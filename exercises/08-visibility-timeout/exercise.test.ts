import { describe, expect, it } from 'vitest';
import { doc } from '../../src/sim';
import { counterexampleOf, loadBundle } from '../../src/workshop/testing';
import { checkVariant, variantsOf } from '../../src/workshop/verify';

const bundle = await loadBundle('08-visibility-timeout');
const variant = (name: string) => variantsOf(bundle).find((v) => v.variant === name)!;

describe('08 visibility timeout', () => {
  it("the starter's counterexample: the lease expires, a second consumer processes the same message", () => {
    const { events, world } = counterexampleOf(bundle);
    expect(events.some((e) => e.type === 'leaseExpire')).toBe(true);
    const deliveries = events.filter((e) => e.type === 'deliver');
    expect(deliveries.map((e) => e.type === 'deliver' && e.messageId)).toEqual(['m1', 'm1']);
    expect(doc<{ lines: string[] }>(world, 'orders', 'order-1')?.lines).toEqual(['Meat', 'Meat']);
  });

  it('pins the state counts and counterexample lengths', () => {
    expect(checkVariant(bundle, variant('starter'))).toMatchObject({
      invariant: 'oneLinePerAddItem',
      depth: 7,
    });
    expect(checkVariant(bundle, variant('solution'))).toMatchObject({
      verdict: 'passed',
      distinctStates: 37,
    });
    expect(checkVariant(bundle, variant('check-without-version'))).toMatchObject({
      invariant: 'noDuplicateProcessing',
      depth: 7,
    });
    expect(checkVariant(bundle, variant('version-without-check'))).toMatchObject({
      invariant: 'oneLinePerAddItem',
      depth: 7,
    });
  });
});
