import { describe, expect, it } from 'vitest';
import { createEngine } from './engine';
import { describeStep } from './describeStep';
import { l3Program } from './testing/scenarios';

describe('a step in words', () => {
  it('says who calls what, and with which outcome, for every step of a run with faults', () => {
    const program = l3Program(1);
    const faulty = {
      ...program,
      manifest: { ...program.manifest, faults: { total: 1, perKind: { sendFail: 1 } } },
    };
    const engine = createEngine(faulty);
    let world = engine.initialWorld();
    const seen: string[] = [];
    for (let i = 0; i < 40; i++) {
      const enabled = engine.enabledSteps(world);
      if (enabled.length === 0) break;
      for (const c of enabled) seen.push(describeStep(world, c));
      world = engine.step(world, enabled[0]!).world;
    }
    expect(seen).toContain("Frontend: ctx.load('carts', 'cart-1') → ok");
    expect(seen).toContain("Frontend: ctx.send('Orders', SubmitOrder) → fails (sendFail)");
    expect(seen.some((s) => /acts$/.test(s))).toBe(true);
  });
});
