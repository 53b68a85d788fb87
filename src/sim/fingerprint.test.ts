import { describe, expect, it } from 'vitest';
import { cloneWorld, createEngine, createFingerprint, fingerprintWorld } from './index';
import type { Choice, Engine, World } from './index';
import { mintedBy } from './naming';
import { l3Program } from './testing/scenarios';

/** Two tabs, each submitting its own cart once. */
function twoTabs(): Engine {
  const submit = (cartId: string) => ({ endpoint: 'Frontend', route: 'submit', body: { cartId } });
  return createEngine(
    l3Program(2, {
      tabs: [
        { name: 'alice', actions: [submit('cart-1')] },
        { name: 'bob', actions: [submit('cart-2')] },
      ],
    }),
  );
}

function run(engine: Engine, choices: Choice[]): World {
  const world = engine.initialWorld();
  for (const c of choices) engine.stepInPlace(world, c, null);
  return world;
}

const act = (tab: string): Choice => ({ t: 'act', tab });
const arrive = (requestId: string): Choice => ({ t: 'arrive', requestId });

describe('canonical names', () => {
  it('name requests, attempts and copies by what they are', () => {
    const engine = twoTabs();
    const world = run(engine, [act('bob'), arrive('bob.r1')]);
    expect(world.requests.map((r) => r.requestId)).toEqual(['bob.r1']);
    expect(world.invocations.map((i) => i.attemptId)).toEqual(['bob.r1@Frontend']);
    expect(mintedBy('bob.r1@Frontend.2')).toBe('bob.r1@Frontend');
    expect(mintedBy('bob.r1@Frontend#2.1@Orders.1')).toBe('bob.r1@Frontend#2.1@Orders');
    expect(mintedBy('m1')).toBeNull();
  });

  it('two runs that differ only in the order of independent steps reach one state', () => {
    const engine = twoTabs();
    const a = run(engine, [act('alice'), act('bob'), arrive('alice.r1'), arrive('bob.r1')]);
    const b = run(engine, [act('bob'), act('alice'), arrive('bob.r1'), arrive('alice.r1')]);
    // The lists are in a different order, yet every request and attempt has the same name...
    expect(a.invocations.map((i) => i.attemptId)).toEqual(['alice.r1@Frontend', 'bob.r1@Frontend']);
    expect(b.invocations.map((i) => i.attemptId)).toEqual(['bob.r1@Frontend', 'alice.r1@Frontend']);
    // ...so the checker sees one state.
    expect(fingerprintWorld(a)).toEqual(fingerprintWorld(b));
  });

  it('keeps the order of copies within one queue, where it matters', () => {
    const engine = twoTabs();
    let world = run(engine, [act('alice'), act('bob'), arrive('alice.r1'), arrive('bob.r1')]);
    for (let i = 0; world.copies.length < 2 && i < 20; i++) {
      const next = engine.enabledSteps(world).find((c) => c.t === 'run');
      if (!next) break;
      world = engine.step(world, next).world;
    }
    expect(world.copies.map((c) => c.destination)).toEqual(['Orders', 'Orders']);
    const swapped = cloneWorld(world);
    swapped.copies.reverse();
    expect(fingerprintWorld(swapped)).not.toEqual(fingerprintWorld(world));
    // Copies bound for different queues are not ordered with respect to each other.
    const elsewhere = cloneWorld(world);
    elsewhere.copies[1]!.destination = 'Billing';
    const reordered = cloneWorld(elsewhere);
    reordered.copies.reverse();
    expect(fingerprintWorld(reordered)).toEqual(fingerprintWorld(elsewhere));
  });
});

describe('the fingerprint under interchangeable tabs', () => {
  /** Two tabs doing the same: a world and its renaming (alice ↔ bob) are one state. */
  function sameCarts(): Engine {
    const submit = { endpoint: 'Frontend', route: 'submit', body: { cartId: 'cart-1' } };
    return createEngine(
      l3Program(1, {
        tabs: [
          { name: 'alice', actions: [submit] },
          { name: 'bob', actions: [submit] },
        ],
      }),
    );
  }

  it('gives a world and its renaming one fingerprint, whichever is hashed first', () => {
    const engine = sameCarts();
    const a = run(engine, [act('alice'), arrive('alice.r1')]);
    const b = run(engine, [act('bob'), arrive('bob.r1')]);
    expect(fingerprintWorld(a)).not.toEqual(fingerprintWorld(b));
    // Sections' digests are cached per renaming: hashing one world first must not change the other's.
    const first = createFingerprint([['alice', 'bob']], 'all');
    const second = createFingerprint([['alice', 'bob']], 'all');
    const fa = first(a);
    expect(first(b)).toEqual(fa);
    expect(second(b)).toEqual(fa);
    expect(second(a)).toEqual(fa);
  });

  it('gives renamings one fingerprint when they share sections with their parent', () => {
    const engine = sameCarts();
    const parent = run(engine, [act('alice'), act('bob')]);
    const a = engine.step(parent, arrive('alice.r1')).world;
    const b = engine.step(parent, arrive('bob.r1')).world;
    const fingerprint = createFingerprint([['alice', 'bob']], 'all');
    fingerprint(parent);
    expect(fingerprint(b)).toEqual(fingerprint(a));
  });

  it('keeps worlds that are not renamings of each other apart', () => {
    const engine = sameCarts();
    const fingerprint = createFingerprint([['alice', 'bob']], 'all');
    const one = run(engine, [act('alice'), arrive('alice.r1')]);
    const both = run(engine, [act('alice'), arrive('alice.r1'), act('bob')]);
    const other = run(engine, [act('alice')]);
    expect(fingerprint(both)).not.toEqual(fingerprint(one));
    expect(fingerprint(other)).not.toEqual(fingerprint(one));
  });
});
