/** What the checker does at and past its limits: random walks past the bound, bounded memory. */
import { describe, expect, it } from 'vitest';
import { checkModel } from './explorer';
import { SearchLimitReached } from './limitReached';
import { Swarm, shrink } from './swarm';
import { replay } from './trace';
import type { Model } from './types';

type Grid = { a: number; b: number };

/** Two counters up to `max`; the invariant forbids one cell (a bug far from the start). */
function grid(max: number, forbidden: Grid | null): Model<Grid, 'a' | 'b'> {
  return {
    initialStates: () => [{ a: 0, b: 0 }],
    enabled: (s) => [
      ...(s.a < max ? (['a'] as const) : []),
      ...(s.b < max ? (['b'] as const) : []),
    ],
    step: (s, c) => (c === 'a' ? { a: s.a + 1, b: s.b } : { a: s.a, b: s.b + 1 }),
    fingerprint: (s) => ({ hi: s.a, lo: s.b }),
    invariants: [
      {
        name: 'avoidsTheCell',
        kind: 'always',
        holds: (s) => forbidden === null || s.a !== forbidden.a || s.b !== forbidden.b,
      },
    ],
    describeChoice: (c) => c,
  };
}

describe('sampling past the bound', () => {
  it('a walk finds a violation beyond the explored states, shrunk to a shortest run that replays', () => {
    const model = grid(12, { a: 7, b: 3 });
    const swarm = new Swarm(model, { maxDepth: 100 });
    const finding = swarm.runSome(1_000_000);
    expect(finding).not.toBeNull();
    expect(finding!.walkDepth).toBeGreaterThanOrEqual(10);
    const path = shrink(model, finding!);
    const trace = replay(model, path.initial, path.choiceIndices);
    expect(trace.depth).toBe(10);
    expect(trace.states.at(-1)).toEqual({ a: 7, b: 3 });
  });

  it('shrinking stops at its step budget, keeping the shortest run found so far (still a violation)', () => {
    // A counter that walks up and down: a random walk wanders long before it reaches 7.
    const model: Model<number, 'up' | 'down'> = {
      initialStates: () => [0],
      enabled: (n) => [...(n < 20 ? (['up'] as const) : []), ...(n > 0 ? (['down'] as const) : [])],
      step: (n, c) => (c === 'up' ? n + 1 : n - 1),
      fingerprint: (n) => ({ hi: 0, lo: n }),
      invariants: [{ name: 'neverSeven', kind: 'always', holds: (n) => n !== 7 }],
      describeChoice: (c) => c,
    };
    const finding = new Swarm(model, { maxDepth: 500, seed: 3 }).runSome(1_000_000)!;
    expect(finding.choiceIndices.length).toBeGreaterThan(7);
    expect(shrink(model, finding).choiceIndices).toHaveLength(7);
    // No steps to spend: the run is kept as found, and it still breaks the invariant.
    const kept = shrink(model, finding, 2_000, 0);
    expect(kept.choiceIndices).toEqual(finding.choiceIndices);
    expect(replay(model, kept.initial, kept.choiceIndices).states.at(-1)).toBe(7);
  });

  it('walks vary how often they inject a fault, so a fault late in a run is found too', () => {
    // Twenty steps; at each, five ways to fail and one way on. One fault in all; only a fault at
    // step 15 or later breaks the invariant. Uniform walks spend the fault in the first steps.
    type Run = { at: number; faultAt: number | null };
    const late = (isFault?: (c: string) => boolean): Model<Run, string> => ({
      initialStates: () => [{ at: 0, faultAt: null }],
      enabled: (s) =>
        s.at >= 20 ? [] : ['on', ...(s.faultAt === null ? ['f1', 'f2', 'f3', 'f4', 'f5'] : [])],
      step: (s, c) => ({ at: s.at + 1, faultAt: c === 'on' ? s.faultAt : s.at }),
      fingerprint: (s) => ({ hi: s.at, lo: s.faultAt ?? -1 }),
      invariants: [
        { name: 'noLateFault', kind: 'always', holds: (s) => s.faultAt === null || s.faultAt < 15 },
      ],
      describeChoice: (c) => c,
      ...(isFault ? { isFault } : {}),
    });
    const walksToFind = (model: Model<Run, string>) => {
      const swarm = new Swarm(model, { maxDepth: 100, maxWalks: 300 });
      return swarm.runSome(1_000_000)?.walk ?? null;
    };
    // Uniform: the fault lands late with chance (1/6)^15: never in 300 walks.
    expect(walksToFind(late())).toBeNull();
    // Walks that take a fault one time in five or twenty: found within the same 300 walks.
    expect(walksToFind(late((c) => c !== 'on'))).not.toBeNull();
  });

  it('the same seed walks the same way', () => {
    const model = grid(12, { a: 7, b: 3 });
    const first = new Swarm(model, { maxDepth: 100, seed: 5 }).runSome(1_000_000);
    const again = new Swarm(model, { maxDepth: 100, seed: 5 }).runSome(1_000_000);
    expect(again).toEqual(first);
  });

  it('the checker turns a limit into a sampled violation, with what it explored and sampled', () => {
    const result = checkModel(grid(12, { a: 7, b: 3 }), { maxStates: 20, sample: {} });
    expect(result.verdict).toBe('violated');
    if (result.verdict !== 'violated') return;
    expect(result.invariant).toBe('avoidsTheCell');
    expect(result.distinctStates).toBeLessThan(40);
    expect(result.sampled?.found?.walk).toBeGreaterThan(0);
    expect(result.counterexample.states.at(-1)).toEqual({ a: 7, b: 3 });
  });

  it('finding nothing, it stays a limit and says how much it sampled', () => {
    const result = checkModel(grid(12, null), { maxStates: 20, sample: { maxWalks: 50 } });
    expect(result).toMatchObject({ verdict: 'limit-reached', limit: 'states' });
    if (result.verdict !== 'limit-reached') return;
    expect(result.sampled).toMatchObject({ walks: 50, maxDepth: 100 });
    expect(result.sampled!.steps).toBe(50 * 24);
  });

  it('without the option a limit is reported at once, as before', () => {
    const result = checkModel(grid(12, { a: 7, b: 3 }), { maxStates: 20 });
    expect(result).toMatchObject({ verdict: 'limit-reached', limit: 'states' });
    expect(result.verdict === 'limit-reached' && result.sampled).toBeFalsy();
  });
});

describe('bounded memory', () => {
  const serialised = (max: number): Model<Grid, 'a' | 'b'> => ({
    ...grid(max, null),
    serialize: (s) => JSON.stringify(s),
    deserialize: (text) => JSON.parse(text) as Grid,
  });

  it('a search that would outgrow its memory stops with "limit reached (memory)", at the same state every time', () => {
    const first = checkModel(serialised(300), { maxMemoryMB: 1 });
    expect(first).toMatchObject({ verdict: 'limit-reached', limit: 'memory' });
    expect(first.distinctStates).toBeGreaterThan(10_000);
    expect(first.distinctStates).toBeLessThan(300 * 300);
    expect(checkModel(serialised(300), { maxMemoryMB: 1 }).distinctStates).toBe(
      first.distinctStates,
    );
  });

  it('within its memory the same search completes, with the serialised frontier', () => {
    expect(checkModel(serialised(60), { maxMemoryMB: 1 })).toMatchObject({
      verdict: 'passed',
      distinctStates: 61 * 61,
    });
  });
});

describe('a model that reaches a limit of its own', () => {
  it('ends the check as limit-reached with its reason, and walks nothing past it', () => {
    const model = grid(12, null);
    model.invariants = [
      {
        name: 'needsMoreTime',
        kind: 'always',
        holds: (s) => {
          if (s.a + s.b === 5) throw new SearchLimitReached('time', 'the reference took the time');
          return true;
        },
      },
    ];
    const result = checkModel(model, { sample: {} });
    expect(result).toMatchObject({
      verdict: 'limit-reached',
      limit: 'time',
      reason: 'the reference took the time',
    });
    expect(result.verdict === 'limit-reached' && result.sampled).toBeFalsy();
    // Without the throw the same model passes.
    expect(checkModel(grid(12, null)).verdict).toBe('passed');
  });
});
