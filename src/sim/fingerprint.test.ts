import { describe, expect, it } from 'vitest';
import { createEngine, createFingerprint, fingerprintWorld, invariant } from './index';
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

const sameHash = (a: { hi: number; lo: number }, b: { hi: number; lo: number }) =>
  a.hi === b.hi && a.lo === b.lo;

function run(engine: Engine, choices: Choice[]): World {
  const world = engine.initialWorld();
  for (const c of choices) engine.stepInPlace(world, c, null);
  return world;
}

const act = (tab: string): Choice => ({ t: 'act', tab });
const arrive = (requestId: string): Choice => ({ t: 'arrive', requestId });

/** Two copies bound for Orders, with two invocations running. */
function busy(): World {
  const engine = twoTabs();
  let world = run(engine, [act('alice'), act('bob'), arrive('alice.r1'), arrive('bob.r1')]);
  for (let i = 0; world.copies.length < 2 && i < 20; i++) {
    const next = engine.enabledSteps(world).find((c) => c.t === 'run');
    if (!next) break;
    world = engine.step(world, next).world;
  }
  expect(world.copies.map((c) => c.destination)).toEqual(['Orders', 'Orders']);
  return world;
}

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
});

describe("the checker's fingerprints (combined from cached section digests)", () => {
  const fingerprints = {
    all: () => createFingerprint(undefined, 'all'),
    outcomes: () => createFingerprint(undefined, 'outcomes'),
    'whole world': () => fingerprintWorld,
  };

  // The whole world's fingerprint too: each queue is FIFO, so its order matters, and nothing else's.
  for (const [name, make] of Object.entries(fingerprints)) {
    it(`${name}: orders copies within a queue only, and invocations not at all`, () => {
      const world = busy();
      const fingerprint = make();
      const swapped = structuredClone(world);
      swapped.copies.reverse();
      expect(fingerprint(swapped)).not.toEqual(fingerprint(world));
      const elsewhere = structuredClone(world);
      elsewhere.copies[1]!.destination = 'Billing';
      const reordered = structuredClone(elsewhere);
      reordered.copies.reverse();
      expect(fingerprint(reordered)).toEqual(fingerprint(elsewhere));
      expect(fingerprint(elsewhere)).not.toEqual(fingerprint(world));
      const running = structuredClone(world);
      running.invocations.reverse();
      expect(fingerprint(running)).toEqual(fingerprint(world));
      const one = structuredClone(world);
      one.invocations.pop();
      expect(fingerprint(one)).not.toEqual(fingerprint(world));
      const later = structuredClone(world);
      later.tick += 1;
      expect(fingerprint(later)).not.toEqual(fingerprint(world));
    });
  }

  it('all: a member of the world it does not know still enters the fingerprint', () => {
    const world = busy();
    const fingerprint = createFingerprint(undefined, 'all');
    const extra = { ...structuredClone(world), someday: { more: 1 } } as World;
    const other = { ...structuredClone(world), someday: { more: 2 } } as World;
    expect(fingerprint(extra)).not.toEqual(fingerprint(world));
    expect(fingerprint(extra)).not.toEqual(fingerprint(other));
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

  it('gives each world the fingerprint a fresh function gives it, whatever was hashed before', () => {
    // Sections met before (and contents equal to them) keep what they gave under each renaming:
    // whatever was hashed before, a world's fingerprint must be the one a fresh function gives.
    const engine = sameCarts();
    const worlds: World[] = [engine.initialWorld()];
    for (let i = 0; i < worlds.length && worlds.length < 400; i++) {
      for (const c of engine.enabledSteps(worlds[i]!))
        worlds.push(engine.step(worlds[i]!, c).world);
    }
    const warm = createFingerprint([['alice', 'bob']], 'all');
    const differ = [...worlds, ...worlds.slice().reverse()].filter(
      (w) => !sameHash(warm(w), createFingerprint([['alice', 'bob']], 'all')(w)),
    );
    expect(worlds.length).toBeGreaterThanOrEqual(400);
    expect(differ).toHaveLength(0);
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

describe('provenance', () => {
  /** A world where a handler wrote a document and enqueued a message that is still in flight. */
  function attributed(): World {
    const engine = twoTabs();
    let world = run(engine, [act('alice'), arrive('alice.r1')]);
    for (let i = 0; i < 40; i++) {
      const written = Object.values(world.stores).some(
        (s) =>
          s.kind === 'documents' &&
          Object.values(s.collections).some((c) =>
            Object.values(c).some((d) => d.writtenBy !== 'initial'),
          ),
      );
      if (written && world.copies.some((c) => c.producedBy.attemptId !== 'start')) return world;
      const next = engine.enabledSteps(world)[0];
      if (!next) break;
      world = engine.step(world, next).world;
    }
    throw new Error('the scenario never wrote a document and enqueued a message');
  }

  /** Every provenance field of `w` renamed to another attempt. */
  function reattributed(w: World): World {
    const other = structuredClone(w);
    for (const s of Object.values(other.stores))
      if (s.kind === 'documents')
        for (const c of Object.values(s.collections))
          for (const d of Object.values(c)) d.writtenBy = 'someone-else';
    for (const c of other.copies) c.producedBy.attemptId = 'someone-else';
    for (const e of Object.values(other.history.enqueued)) e.producedBy.attemptId = 'someone-else';
    return other;
  }

  it('leaves out which attempt wrote a document or enqueued a message', () => {
    const world = attributed();
    const other = reattributed(world);
    expect(fingerprintWorld(other)).toEqual(fingerprintWorld(world));
    expect(createFingerprint(undefined, 'all')(other)).toEqual(
      createFingerprint(undefined, 'all')(world),
    );
    expect(createFingerprint(undefined, 'outcomes')(other)).toEqual(
      createFingerprint(undefined, 'outcomes')(world),
    );
    expect(createFingerprint([['alice', 'bob']], 'all')(other)).toEqual(
      createFingerprint([['alice', 'bob']], 'all')(world),
    );
  });

  it('keeps what a document holds, its version, and who produced a message', () => {
    const world = attributed();
    const changed = (edit: (w: World) => void) => {
      const w = structuredClone(world);
      edit(w);
      return fingerprintWorld(w);
    };
    const docOf = (w: World) => {
      for (const s of Object.values(w.stores))
        if (s.kind === 'documents')
          for (const c of Object.values(s.collections))
            for (const d of Object.values(c)) if (d.writtenBy !== 'initial') return d;
      throw new Error('no document written');
    };
    const base = fingerprintWorld(world);
    expect(changed((w) => (docOf(w).version += 1))).not.toEqual(base);
    expect(changed((w) => (docOf(w).value = { other: true }))).not.toEqual(base);
    expect(changed((w) => (w.copies[0]!.producedBy.incomingId = 'other'))).not.toEqual(base);
    expect(changed((w) => (w.copies[0]!.producedBy.endpoint = 'Other'))).not.toEqual(base);
  });

  it('is out of what invariants can read (by type: worlds still carry it, for the diagram)', () => {
    const world = attributed();
    const byWriter = invariant('byWriter', 'always', 'reads who wrote a document', (w) => {
      const s = w.stores.db;
      if (s?.kind !== 'documents') return true;
      const written = Object.values(s.collections).flatMap((c) => Object.values(c));
      // @ts-expect-error who wrote a document is provenance, left out of the checker's states
      return written.every((d) => d.writtenBy === 'initial') || 'written by an attempt';
    });
    const bySender = invariant(
      'bySender',
      'always',
      'reads which attempt sent a copy',
      (w) =>
        // @ts-expect-error which attempt enqueued a message is provenance too
        w.copies.every((c) => c.producedBy.attemptId === 'start') || 'sent by an attempt',
    );
    expect(bySender.check(world)).toBe('sent by an attempt');
    expect(byWriter.check(world)).toBe('written by an attempt');
  });
});
