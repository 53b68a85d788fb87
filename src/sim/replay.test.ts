import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { awaitValue, createEngine, defineExercise } from './index';
import type { HandlerContext, HandlerGenerator } from './index';
import { createRng } from '../core/random';
import { kitchenSinkProgram } from './testing/scenarios';
import type { TraceEvent } from './index';

const $ = awaitValue;

const faults = {
  total: 3,
  perKind: {
    crash: 1,
    storeFail: 1,
    duplicate: 1,
    leaseExpire: 1,
    externalCommitLost: 1,
    responseLost: 1,
  },
};

describe('restoring handlers by replay', () => {
  it('a copied world (handlers restored by replay) continues exactly like the live one', () => {
    // Property: for random schedules, stepping in place (live generators) and stepping copies
    // (every in-flight handler rebuilt by replaying its recorded results) give equal worlds and traces.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const live = createEngine(kitchenSinkProgram(faults));
        const copied = createEngine(kitchenSinkProgram(faults));
        const rng = createRng(seed);
        const liveWorld = live.initialWorld();
        let copyWorld = copied.initialWorld();
        const liveEvents: TraceEvent[] = [];
        for (let i = 0; i < 200; i++) {
          const enabled = live.enabledSteps(liveWorld);
          expect(copied.enabledSteps(copyWorld)).toEqual(enabled);
          if (enabled.length === 0) break;
          const choice = enabled[rng.int(enabled.length)]!;
          const before = liveEvents.length;
          live.stepInPlace(liveWorld, choice, liveEvents, i);
          const r = copied.step(copyWorld, choice);
          expect(r.events).toEqual(liveEvents.slice(before).map((e) => ({ ...e, step: 0 })));
          copyWorld = r.world;
          expect(copyWorld).toEqual(liveWorld);
        }
      }),
      { numRuns: 60, seed: 20261122 },
    );
  });

  it('step never changes the world it was given', () => {
    const engine = createEngine(kitchenSinkProgram(faults));
    const w0 = engine.initialWorld();
    const snapshot = JSON.stringify(w0);
    let w = w0;
    for (let i = 0; i < 30; i++) {
      const enabled = engine.enabledSteps(w);
      if (!enabled.length) break;
      const before = JSON.stringify(w);
      const next = engine.step(w, enabled[enabled.length - 1]!).world;
      expect(JSON.stringify(w)).toBe(before);
      w = next;
    }
    expect(JSON.stringify(w0)).toBe(snapshot);
  });
});

describe('values handed to handlers', () => {
  it('a handler that changes a loaded document or its message changes neither its recorded results nor the world', () => {
    const manifest = defineExercise({
      id: 'mutating-handler',
      title: 'mutating handler',
      summary: '',
      block: 'Test',
      endpoints: { Orders: { kind: 'messages', handles: { Work: 'onWork' } } },
      stores: { db: { kind: 'documents', initial: { orders: { o1: { n: 1 } } } } },
      workload: {
        messages: [{ destination: 'Orders', type: 'Work', id: 'm1', payload: { k: 1 } }],
      },
      dispatch: 'immediate',
      faults: { total: 0, perKind: {} },
      invariants: [],
      limits: { maxStates: 100, maxDepth: 100, maxTimeMs: 1000 },
      files: { starter: 's.ts', solution: 's.ts', variants: {} },
    });
    function* onWork(msg: unknown, ctx: HandlerContext): HandlerGenerator {
      const m = msg as { k: number };
      const doc = (yield* $(ctx.load('orders', 'o1'))) as { value: { n: number } };
      doc.value.n += m.k; // the learner edits what they loaded, the natural way
      m.k += 10;
      if (doc.value.n !== 2) throw new Error(`saw n = ${doc.value.n}`);
      yield* $(ctx.load('orders', 'o1'));
      yield* $(ctx.store('orders', 'o1', doc.value));
      return undefined;
    }
    const engine = createEngine({ manifest, file: 'scenario.ts', handlers: { onWork } });
    // Every step on a copy: the handler is restored by replaying its recorded results.
    let world = engine.initialWorld();
    for (let enabled = engine.enabledSteps(world); enabled.length;) {
      world = engine.step(world, enabled[0]!).world;
      for (const inv of world.invocations) {
        expect(inv.input).toMatchObject({ payload: { k: 1 } });
        expect(inv.results.slice(0, 1)).toEqual(
          inv.results.length ? [{ ok: true, value: { value: { n: 1 }, version: 1 } }] : [],
        );
      }
      enabled = engine.enabledSteps(world);
    }
    expect(world.errorQueue).toEqual([]);
    const s = world.stores.db;
    expect(s?.kind === 'documents' && s.collections.orders?.o1?.value).toEqual({ n: 2 });
  });
});
