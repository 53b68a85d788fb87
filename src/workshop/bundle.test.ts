import { describe, expect, it } from 'vitest';
import { defineExercise, invariant } from '../sim';
import type { StoreSpec } from '../sim';
import { validateBundle } from './bundle';

/** A minimal valid bundle whose `stores` the test chooses. */
function bundleWith(stores: Record<string, StoreSpec>) {
  const manifest = defineExercise({
    id: 'x',
    title: 'x',
    summary: 'x',
    block: 'x',
    endpoints: { History: { kind: 'messages', handles: { OrderEvent: 'onOrderEvent' } } },
    stores,
    workload: { messages: [{ destination: 'History', type: 'OrderEvent' }] },
    dispatch: 'immediate',
    faults: { total: 0, perKind: {} },
    invariants: [invariant('ok', 'always', 'holds', () => true)],
    limits: { maxStates: 10, maxDepth: 10, maxTimeMs: 10 },
    files: { starter: 'starter.ts', solution: 'starter.ts', variants: {} },
  });
  return {
    folder: '99-x',
    order: 99,
    manifest,
    readme: '# x',
    sources: { 'starter.ts': 'export {};' },
  };
}

describe('validateBundle: initial events', () => {
  it('accepts streams of events', () => {
    const b = bundleWith({ orders: { kind: 'events', initial: { 'orders-alice': [{ a: 1 }] } } });
    expect(validateBundle(b)).toEqual([]);
  });

  it('names the stream that is not a list, and an initial that is not a map', () => {
    const notList = { kind: 'events', initial: { 'orders-alice': { a: 1 } } } as unknown;
    const notMap = { kind: 'events', initial: [{ a: 1 }] } as unknown;
    expect(validateBundle(bundleWith({ orders: notList as StoreSpec }))).toEqual([
      'exercises/99-x/manifest.ts: stores.orders.initial.orders-alice must be a list of events',
    ]);
    expect(validateBundle(bundleWith({ orders: notMap as StoreSpec }))).toEqual([
      'exercises/99-x/manifest.ts: stores.orders.initial must map stream names to lists of events',
    ]);
  });
});

describe('validateBundle: hints tied to a counterexample', () => {
  it('need words and a condition on an invariant and a fault that exist', () => {
    const b = bundleWith({});
    const invariant = b.manifest.invariants[0]!.name;
    const withHints = (hints: unknown) =>
      validateBundle({ ...b, manifest: { ...b.manifest, hints } as typeof b.manifest });
    expect(
      withHints([
        { when: { invariant, fault: 'sendFail' }, text: 'Look at the send.' },
        { when: { lineRanTwice: true, invariant: 'exactlyOnce' }, text: 'Twice.' },
      ]),
    ).toEqual([]);
    expect(
      withHints([
        { when: {}, text: ' ' },
        { when: { invariant: 'noSuch', fault: 'meteorStrike' }, text: 'x' },
      ]),
    ).toEqual([
      'exercises/99-x/manifest.ts: hints[0].text must be a non-empty string',
      'exercises/99-x/manifest.ts: hints[0].when needs an invariant, a fault or lineRanTwice',
      'exercises/99-x/manifest.ts: hints[1].when.invariant: "noSuch" is not an invariant here',
      'exercises/99-x/manifest.ts: hints[1].when.fault: "meteorStrike" is not a fault kind',
    ]);
    expect(withHints('read the README')).toEqual([
      'exercises/99-x/manifest.ts: hints must be a list',
    ]);
  });
});

describe('validateBundle: the opening run', () => {
  it('takes a whole-number seed and names the field otherwise', () => {
    const b = bundleWith({});
    expect(validateBundle({ ...b, manifest: { ...b.manifest, opening: { seed: 1 } } })).toEqual([]);
    for (const seed of [-1, 1.5, 2 ** 32, '3'] as unknown as number[]) {
      expect(validateBundle({ ...b, manifest: { ...b.manifest, opening: { seed } } })).toEqual([
        'exercises/99-x/manifest.ts: opening.seed must be a whole number from 0 to 4294967295',
      ]);
    }
  });
});
