import { describe, expect, it } from 'vitest';
import { createEngine, playSeeded, replayChoices, describeEvent } from './index';
import { l3Program } from './testing/scenarios';

describe('engine on the L3 scenario', () => {
  it('a seeded run reaches quiescence with one order per cart', () => {
    const engine = createEngine(l3Program(3));
    const run = playSeeded(engine, { seed: 42 });
    expect(run.end).toBe('quiescent');
    const orders = (
      run.world.stores.db as { kind: 'documents'; collections: Record<string, object> }
    ).collections.orders;
    expect(Object.keys(orders ?? {})).toHaveLength(3);
    for (const inv of engine.manifest.invariants) expect(inv.check(run.world)).toBe(true);
    expect(run.events.map(describeEvent).join('\n')).toContain('SubmitOrder');
  });

  it('the same seed gives an identical trace; another seed may not', () => {
    const a = playSeeded(createEngine(l3Program(3)), { seed: 7 });
    const b = playSeeded(createEngine(l3Program(3)), { seed: 7 });
    expect(b.events).toEqual(a.events);
    expect(b.choices).toEqual(a.choices);
  });

  it('replaying the choices of a run reproduces its trace and world', () => {
    const engine = createEngine(l3Program(3));
    const run = playSeeded(engine, { seed: 3 });
    const replay = replayChoices(createEngine(l3Program(3)), run.choices);
    expect(replay.events).toEqual(run.events);
    expect(replay.world).toEqual(run.world);
  });
});
