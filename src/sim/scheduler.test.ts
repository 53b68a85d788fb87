import { describe, expect, it } from 'vitest';
import type { Choice } from './choices';
import { createEngine } from './engine';
import { FAULT_WEIGHT, HAPPY_PATH_SEED, pickSeeded, playSeeded } from './scheduler';
import { l3Program } from './testing/scenarios';
import type { World } from './world';

// Neither choice is a `run`, so the world is not consulted.
const world = { invocations: [] } as unknown as World;
const fault: Choice = { t: 'duplicate', copyId: 'c1' };
const normal: Choice = { t: 'timer' };

describe('the seeded schedule', () => {
  it(`draws a fault step ${1 / FAULT_WEIGHT} times less often than a normal step`, () => {
    // One fault and one normal step: the fault gets FAULT_WEIGHT / (1 + FAULT_WEIGHT) of [0, 1).
    const edge = FAULT_WEIGHT / (1 + FAULT_WEIGHT);
    expect(FAULT_WEIGHT).toBe(0.1);
    expect(pickSeeded([fault, normal], world, edge * 0.99)).toBe(fault);
    expect(pickSeeded([fault, normal], world, edge * 1.01)).toBe(normal);
    expect(pickSeeded([normal, fault], world, 0.99)).toBe(fault);
    expect(pickSeeded([normal, fault], world, 0.9)).toBe(normal);
  });

  it('never draws a fault with weight 0', () => {
    for (const r of [0, 0.5, 0.999]) expect(pickSeeded([fault, normal], world, r, 0)).toBe(normal);
  });
});

describe('the happy path', () => {
  it('is seed 0: its run never takes a fault, where other seeds do', () => {
    const program = l3Program(2);
    const faulty = {
      ...program,
      manifest: {
        ...program.manifest,
        faults: { total: 2, perKind: { sendFail: 1, storeFail: 1 } },
      },
    };
    const faultsOf = (seed: number) =>
      playSeeded(createEngine(faulty), { seed }).world.faults.total;
    expect(HAPPY_PATH_SEED).toBe(0);
    expect(faultsOf(HAPPY_PATH_SEED)).toBe(0);
    expect(Array.from({ length: 20 }, (_, i) => faultsOf(i + 1)).some((n) => n > 0)).toBe(true);
  });
});
