import { describe, expect, it } from 'vitest';
import { createEngine, playSeeded, replayChoices, describeEvent } from './index';
import type { HandlerGenerator, HttpRequest } from './index';
import { l3Manifest, l3Program } from './testing/scenarios';

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

describe('a tab carries a field of one response into its next request', () => {
  /** Answers with a token derived from the request, and echoes the body it got. */
  function* issueToken(req: unknown): HandlerGenerator {
    const { body } = req as HttpRequest<{ cartId: string }>;
    yield* [];
    return { token: `token-for-${body.cartId}`, got: body };
  }
  const tabs = [
    {
      name: 'alice',
      actions: [
        { endpoint: 'Frontend', route: 'submit', body: { cartId: 'cart-1' } },
        {
          endpoint: 'Frontend',
          route: 'submit',
          body: {
            cartId: 'cart-2',
            token: { $fromResponse: 'token' },
            none: { $fromResponse: 'x' },
          },
        },
      ],
    },
  ];
  const program = {
    manifest: l3Manifest(2, { tabs }),
    file: 'scenario.ts',
    handlers: { submitCart: issueToken },
  };

  it('fills $fromResponse fields from the last response and keeps the responses', () => {
    const run = playSeeded(createEngine(program), { seed: 1 });
    expect(run.end).toBe('quiescent');
    expect(run.world.tabs[0]!.responses).toEqual([
      { route: 'submit', body: { token: 'token-for-cart-1', got: { cartId: 'cart-1' } } },
      {
        route: 'submit',
        body: {
          token: 'token-for-cart-2',
          got: { cartId: 'cart-2', token: 'token-for-cart-1', none: null },
        },
      },
    ]);
  });

  it('tabs that read no response keep none', () => {
    const run = playSeeded(createEngine(l3Program(1)), { seed: 1 });
    expect(run.world.tabs[0]).not.toHaveProperty('responses');
  });

  it('a lost response leaves null behind, and the next request gets null', () => {
    const lossy = {
      ...program,
      manifest: { ...program.manifest, faults: { total: 1, perKind: { responseLost: 1 } } },
    };
    const engine = createEngine(lossy);
    let world = engine.initialWorld();
    // Lose the first response (the handler makes no calls, so its only failure is the response).
    for (let i = 0; i < 50; i++) {
      const choices = engine.enabledSteps(world);
      if (choices.length === 0) break;
      const pick = choices.find((c) => c.t === 'run' && c.outcome === 'fail') ?? choices[0]!;
      world = engine.step(world, pick).world;
    }
    const bodies = world.tabs[0]!.responses!.map((r) => r.body);
    expect(bodies[0]).toBeNull();
    expect(bodies.at(-1)).toMatchObject({ got: { token: null } });
  });
});
