/**
 * Holds the engine to `cloneWorld`'s rule (src/sim/cloneWorld.ts): a step shares every value it
 * does not copy with the world it came from, so it must never mutate one. Every world here is
 * frozen deeply before it is stepped, for the starter, the solution and every known-bad variant
 * of every messaging exercise, along a breadth-first prefix of its state space and seeded walks to
 * the end: a mutation of shared data throws (modules are strict), and the parent's fingerprint
 * must not change.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../core/random';
import { cloneWorld, createFingerprint } from '../sim';
import { ownCopy } from '../sim/cloneWorld';
import type { World } from '../sim';
import { isMessaging } from './bundle';
import { loadExercisesFromDisk } from './loadNode';
import { createProgram } from './program';
import { createSimModel } from './simModel';
import { variantsOf } from './verify';

const exercises = (await loadExercisesFromDisk()).filter(isMessaging);
const BFS_STATES = 150;
const WALKS = 6;

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}

describe('a step never mutates the world it came from', () => {
  it.each(exercises.map((e) => [e.folder, e] as const))('%s', (_folder, bundle) => {
    let steps = 0;
    for (const v of variantsOf(bundle)) {
      const prepared = createProgram(bundle.manifest, bundle.sources[v.file] ?? '', v.file);
      if (!prepared.ok) continue; // a variant that does not compile has no worlds to step
      const model = createSimModel(prepared.program);
      const fingerprint = createFingerprint(undefined, 'all');
      const expand = (w: World): World[] => {
        deepFreeze(w);
        const before = fingerprint(w);
        let next: World[];
        try {
          next = model.enabled(w).map((c) => model.step(w, c));
        } catch (e) {
          // A learner error (a variant's bug) ends this branch; a TypeError is a shared mutation.
          if (e instanceof TypeError)
            throw new Error(`${bundle.folder} ${v.variant}: ${e.message}`);
          return [];
        }
        expect(fingerprint(w), `${bundle.folder} ${v.variant}`).toEqual(before);
        steps += next.length;
        return next;
      };
      const queue = [...model.initialStates()];
      for (let n = 0; n < BFS_STATES && queue.length > 0; n++)
        queue.push(...expand(queue.shift()!));
      const rng = createRng(7);
      for (let walk = 0; walk < WALKS; walk++) {
        let w: World | undefined = model.initialStates()[0]!;
        for (let depth = 0; w && depth < 200; depth++) {
          const next = expand(w);
          w = next[Math.floor(rng.next() * next.length)];
        }
      }
    }
    expect(steps).toBeGreaterThan(100);
  });

  it('catches an engine that mutates shared data', () => {
    const bundle = exercises.find((e) => (e.manifest.workload.messages ?? []).length > 0)!;
    const prepared = createProgram(
      bundle.manifest,
      bundle.sources[bundle.manifest.files.solution]!,
      bundle.manifest.files.solution,
    );
    if (!prepared.ok) throw new Error(`${bundle.folder}: the solution does not compile`);
    const w = deepFreeze(createSimModel(prepared.program).initialStates()[0]!);
    const next = cloneWorld(w);
    const shared = next.copies[0]!;
    // A write that bypasses `ownCopy` would change the parent: the frozen parent catches it.
    expect(() => shared.deliveries++).toThrow(TypeError);
    const mine = ownCopy(next, shared.copyId)!;
    expect(() => mine.deliveries++).not.toThrow();
    expect(() => ((mine.payload as Record<string, unknown>).extra = 'x')).toThrow(TypeError);
    expect(next.copies[0]).toBe(mine);
    expect(w.copies[0]!.deliveries).toBe(mine.deliveries - 1);
  });
});
