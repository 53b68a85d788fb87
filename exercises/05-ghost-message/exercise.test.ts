import { describe, expect, it } from 'vitest';
import { counterexampleOf, loadBundle } from '../../src/workshop/testing';
import { checkVariant, variantsOf } from '../../src/workshop/verify';

const bundle = await loadBundle('05-ghost-message');
const variant = (name: string) => variantsOf(bundle).find((v) => v.variant === name)!;

describe('05 ghost message', () => {
  it("the starter's counterexample: SubmitOrder is enqueued before anything was committed", () => {
    const { events } = counterexampleOf(bundle);
    const ghost = events.find((e) => e.type === 'enqueue');
    expect(ghost).toMatchObject({ type: 'enqueue', ghost: true, messageType: 'SubmitOrder' });
    expect(events.some((e) => e.type === 'commit')).toBe(false);
  });

  it('pins the state counts and counterexample lengths', () => {
    expect(checkVariant(bundle, variant('starter'))).toMatchObject({
      invariant: 'noGhostMessages',
      depth: 4,
    });
    expect(checkVariant(bundle, variant('solution'))).toMatchObject({
      verdict: 'passed',
      distinctStates: 44,
    });
    expect(checkVariant(bundle, variant('save-then-send-once'))).toMatchObject({
      invariant: 'noLostMessages',
      depth: 8,
    });
    expect(checkVariant(bundle, variant('send-twice'))).toMatchObject({
      invariant: 'atMostOneOrderPerCart',
      depth: 11,
    });
  });
});
