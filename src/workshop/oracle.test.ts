/**
 * The exactly-once oracle on real exercises: what it catches (nothing done, done twice, a lost or
 * a ghost message, undone work without faults), what it lets through (correct code in another
 * shape: other ids, extra fields, work in doubt either way), and that it explains itself in the
 * shop's words.
 */
import { describe, expect, it } from 'vitest';
import { classifyIntents, createCanonicaliser, createOutcomeObserver, schemaOf } from '../sim';
import type { ExerciseBundle } from './bundle';
import { loadBundle } from './testing';
import { checkVariant } from './verify';

const lost = await loadBundle('04-lost-message');
// The oracle alone: exercise 03 without its own invariants (they would report these first).
const loaded = await loadBundle('03-going-async');
const async: ExerciseBundle = { ...loaded, manifest: { ...loaded.manifest, invariants: [] } };

function check(bundle: ExerciseBundle, edit: (solution: string) => string) {
  const solution = bundle.sources[bundle.manifest.files.solution]!;
  const source = edit(solution);
  expect(source, 'the edit applies').not.toBe(solution);
  return checkVariant(
    bundle,
    { variant: 'probe', file: 'mine.ts', expected: null },
    () => 0,
    source,
  );
}

describe('the oracle catches', () => {
  it('an answered submit that creates no order, in the shop’s words, without any fault', () => {
    const r = check(async, (s) =>
      s.replace(/await ctx\.store\('orders', ctx\.newId\(\), \{[^}]*\}\);/, 'return;'),
    );
    expect(r).toMatchObject({ verdict: 'violated', invariant: 'exactlyOnce' });
    expect(r.explanation).toMatch(/with 0 faults/);
    expect(r.explanation).toMatch(/db\/orders: 0 entries here, 2 in the fault-free system/);
    expect(r.explanation).toMatch(/Took effect \(answered or processed\): alice's submit/);
  });

  it('an order created twice for one submit', () => {
    const r = check(async, (s) =>
      s.replace(
        'ctx.log(`received SubmitOrder for ${msg.cartId}`);',
        "await ctx.store('orders', ctx.newId(), { cartId: msg.cartId, customer: msg.customer, items: msg.items });",
      ),
    );
    expect(r).toMatchObject({ verdict: 'violated', invariant: 'exactlyOnce' });
    expect(r.explanation).toMatch(/db\/orders: 4 entries here, 2 in the fault-free system/);
  });

  it('a handler that throws on purpose on every message (no fault: nothing may be left undone)', () => {
    const r = check(async, (s) =>
      s.replace(
        'ctx.log(`received SubmitOrder for ${msg.cartId}`);',
        "throw new Error('not today');",
      ),
    );
    expect(r).toMatchObject({ verdict: 'violated', invariant: 'everyIntentTakesEffect' });
    expect(r.explanation).toMatch(/No fault was injected, yet the SubmitOrder|did not take effect/);
  });
});

describe('the oracle lets correct code in another shape pass', () => {
  it('the order named after its cart instead of a minted id', () => {
    const r = check(async, (s) =>
      s.replace(
        "ctx.store('orders', ctx.newId(), {",
        "ctx.store('orders', `order-${msg.cartId}`, {",
      ),
    );
    expect(r.verdict).toBe('passed');
  });

  it('an extra field the reference does not write', () => {
    const r = check(async, (s) =>
      s.replace(
        'items: msg.items,\n  });',
        'items: msg.items,\n    receivedBy: ctx.attemptId,\n  });',
      ),
    );
    expect(r.verdict).toBe('passed');
  });

  it('a submit in doubt may have taken effect or not (the browser gave up after failures)', () => {
    const r = checkVariant(
      {
        ...lost,
        manifest: {
          ...lost.manifest,
          faults: { total: 2, perKind: { sendFail: 2 } },
          workload: { tabs: [{ ...lost.manifest.workload.tabs![0]!, maxAttempts: 2 }] },
        },
      },
      { variant: 'solution', file: 'solution.ts', expected: null },
    );
    // Two failed sends and no third try: the cart stays submitted without an order. The
    // lesson's own invariant says so; the oracle alone would accept "in doubt".
    expect(r).toMatchObject({ verdict: 'violated', invariant: 'noLostMessages' });
  });
});

describe('the reference outcomes are cached per workload', () => {
  it('a changed exercise in the same process never reuses another reference', async () => {
    const doubleSubmit = await loadBundle('01-double-submit');
    const solution = { variant: 'solution', file: 'solution.ts', expected: null };
    expect(checkVariant(doubleSubmit, solution).verdict).toBe('passed');
    // Same intents, other carts: the orders differ, so the first reference would not match.
    const db = doubleSubmit.manifest.stores.db!;
    if (db.kind !== 'documents') throw new Error('01: db is not a document store');
    const otherCarts = {
      ...doubleSubmit,
      manifest: {
        ...doubleSubmit.manifest,
        stores: {
          db: {
            ...db,
            initial: {
              carts: {
                'cart-1': { customer: 'alice', items: ['Strawberry'] },
                'cart-2': { customer: 'bob', items: ['Meat'] },
              },
            },
          },
        },
      },
    };
    expect(checkVariant(otherCarts, solution).verdict).toBe('passed');
  });
});

describe('outcome and intents', () => {
  it('mask minted ids, keep only the fields and sections the reference writes', () => {
    const manifest = async.manifest;
    const canonical = createCanonicaliser(manifest);
    const doc = (value: unknown) => ({ id: null, value });
    const reference = {
      'db/orders': { ordered: false, entries: [doc({ cartId: 'cart-1', by: 'r1@Frontend.1' })] },
    };
    const schema = schemaOf([reference]);
    const mine = {
      'db/orders': {
        ordered: false,
        entries: [doc({ cartId: 'cart-1', by: 'r2@Frontend#2.1', extra: 1 })],
      },
      'db/mine': { ordered: false, entries: [doc({ anything: true })] },
    };
    expect(canonical(mine, schema).key).toBe(canonical(reference, schema).key);
  });

  it('classify an answered request as definite and a lost one as in doubt', () => {
    const observe = createOutcomeObserver(lost.manifest);
    expect(typeof observe).toBe('function');
    const r = checkVariant(lost, { variant: 'starter', file: 'starter.ts', expected: null });
    if (r.result.verdict !== 'violated') throw new Error('expected a violation');
    const last = r.result.counterexample.states.at(-1)!;
    expect(classifyIntents(last, lost.manifest).get('alice#0')).toBe('definite');
  });
});
