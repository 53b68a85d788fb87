import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createEngine } from './index';
import { createRng } from '../core/random';
import { kitchenSinkProgram } from './testing/scenarios';
import type { TraceEvent } from './index';

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
