/**
 * The search with helpers (expansion.ts, pool.ts) ends exactly as the sequential one: same
 * verdict, counts, depths and counterexamples, whatever the number of helpers and the order their
 * answers come in. Each model below is chosen to reach one kind of ending.
 */
import { describe, expect, it } from 'vitest';
import { checkModel, checkModelAsync } from './explorer';
import { createExpansionHelper } from './expansion';
import { createExpansionPool, inThreadPool, withHelperHere, type HelperPort } from './pool';
import { graphModel as textGraphModel } from './testModels';
import type { CheckOptions, CheckResult, Invariant, Model } from './types';

/** A graph model (testModels.ts) whose states are their own text. */
function graphModel(
  edges: Record<string, string[]>,
  invariants: Invariant<string>[] = [],
  extra: Partial<Model<string, number>> = {},
): Model<string, number> {
  return textGraphModel(edges, invariants, {
    serialize: (s) => s,
    deserialize: (t) => t,
    ...extra,
  });
}

/** A w x h grid walked right or down, its states as "x,y". */
function gridModel(w: number, h: number, invariants: Invariant<string>[] = []) {
  const at = (s: string) => s.split(',').map(Number) as [number, number];
  const model: Model<string, 0 | 1> = {
    initialStates: () => ['0,0'],
    enabled: (s) => {
      const [x, y] = at(s);
      return [...(x + 1 < w ? [0 as const] : []), ...(y + 1 < h ? [1 as const] : [])];
    },
    step: (s, c) => {
      const [x, y] = at(s);
      return c === 0 ? `${x + 1},${y}` : `${x},${y + 1}`;
    },
    fingerprint: (s, hasher) => hasher.string(s),
    invariants,
    serialize: (s) => s,
    deserialize: (t) => t,
  };
  return model;
}

const helpers = <S, C>(model: Model<S, C>, n: number) =>
  Array.from({ length: n }, () => createExpansionHelper(model));

/** Both searches' results, the clock's readings left out. */
async function bothWays<S, C>(model: Model<S, C>, options: CheckOptions = {}, n = 3) {
  const alone = checkModel(model, options);
  const results: CheckResult<S, C>[] = [];
  for (const seed of [1, 2, 3]) {
    const pool = inThreadPool(helpers(model, n), seed);
    results.push(await checkModelAsync(model, { ...options, pool }));
  }
  return { alone: withoutTime(alone), withHelpers: results.map(withoutTime) };
}

/** A result without the clock's readings and the helpers' count. */
function withoutTime<S, C>(r: CheckResult<S, C>): unknown {
  const { helpers: _helpers, ...rest } = r;
  return { ...rest, elapsedMs: 0 };
}

const notAt = (cell: string): Invariant<string> => ({
  name: `Not${cell}`,
  kind: 'always',
  holds: (s) => s !== cell,
});

describe('the search with helpers', () => {
  it('passes as the sequential search does, with the same counts', async () => {
    const { alone, withHelpers } = await bothWays(gridModel(40, 30));
    expect(alone).toMatchObject({ verdict: 'passed', distinctStates: 1200, depth: 68 });
    const pool = inThreadPool(helpers(gridModel(40, 30), 3));
    expect(await checkModelAsync(gridModel(40, 30), { pool })).toMatchObject({ helpers: 3 });
    for (const r of withHelpers) expect(r).toEqual(alone);
  });

  it('finds the same shortest counterexample, among many of that length', async () => {
    const { alone, withHelpers } = await bothWays(gridModel(30, 30, [notAt('9,9'), notAt('3,15')]));
    expect(alone).toMatchObject({ verdict: 'violated', invariant: 'Not9,9' });
    for (const r of withHelpers) expect(r).toEqual(alone);
  });

  it('reports stuck, atQuiescence and a missing sometimes exactly', async () => {
    const edges = { init: ['a', 'b'], a: ['c'], b: ['stop'], c: [], stop: [] };
    const stuck = graphModel(edges, [], { isQuiescent: (s) => s !== 'stop' });
    const atEnd = graphModel(edges, [
      { name: 'EndsAtC', kind: 'atQuiescence', holds: (s) => s === 'c' },
    ]);
    const never = graphModel(edges, [
      { name: 'SeesA', kind: 'sometimes', holds: (s) => s === 'a' },
      { name: 'SeesZ', kind: 'sometimes', holds: (s) => s === 'z' },
    ]);
    for (const model of [stuck, atEnd, never]) {
      const { alone, withHelpers } = await bothWays(model);
      for (const r of withHelpers) expect(r).toEqual(alone);
    }
    expect((await bothWays(stuck)).alone).toMatchObject({
      verdict: 'violated',
      invariant: 'stuck',
    });
    expect((await bothWays(never)).alone).toMatchObject({
      verdict: 'violated',
      invariant: 'SeesZ',
    });
  });

  it('finds the same cycles, through the BFS tree and across it', async () => {
    const through = graphModel({ init: ['a'], a: ['b'], b: ['c', 'a'], c: [] });
    const across = graphModel({ init: ['x', 'y'], x: ['y'], y: ['x'] });
    for (const model of [through, across]) {
      const { alone, withHelpers } = await bothWays(model);
      expect(alone).toMatchObject({ verdict: 'cycle' });
      for (const r of withHelpers) expect(r).toEqual(alone);
    }
  });

  it('stops at the same state at the states and depth limits', async () => {
    for (const limits of [{ maxStates: 100 }, { maxDepth: 10 }]) {
      const { alone, withHelpers } = await bothWays(gridModel(50, 50), limits);
      expect(alone).toMatchObject({ verdict: 'limit-reached' });
      for (const r of withHelpers) expect(r).toEqual(alone);
    }
  });

  it('counts what the helpers hold: a memory limit stops the search with helpers sooner', async () => {
    // Long texts, so that the frontier (not the per-state tables) fills a 1 MB budget.
    const padded = gridModel(200, 200);
    const model: Model<string, 0 | 1> = {
      ...padded,
      serialize: (s) => s.padEnd(2_000, ' '),
      deserialize: (t) => t.trimEnd(),
    };
    const alone = checkModel(model, { maxMemoryMB: 1, pool: undefined });
    const pool = inThreadPool(helpers(model, 2));
    const withHelpers = await checkModelAsync(model, { maxMemoryMB: 1, pool });
    expect(alone).toMatchObject({ verdict: 'limit-reached', limit: 'memory' });
    expect(withHelpers).toMatchObject({ verdict: 'limit-reached', limit: 'memory' });
    expect(withHelpers.distinctStates).toBeLessThan(alone.distinctStates);
  });

  it("reports the learner's error where the sequential search meets it", async () => {
    const learnerError = { kind: 'runtime', file: 'handler.ts', line: 7, message: 'boom' };
    const model = gridModel(20, 20);
    const failing: Model<string, 0 | 1> = {
      ...model,
      step: (s, c) => {
        if (s === '4,5' && c === 1) throw Object.assign(new Error('boom'), { learnerError });
        return model.step(s, c);
      },
    };
    const { alone, withHelpers } = await bothWays(failing);
    expect(alone).toMatchObject({ verdict: 'learner-error', line: 7, message: 'boom' });
    for (const r of withHelpers) expect(r).toEqual(alone);
  });

  it('expands the first of states with equal fingerprints, as the sequential search does', async () => {
    // Fingerprints ignore the order of the pair (a symmetry), but the steps do not: which of two
    // equal-looking states is expanded changes what is found.
    const pair = (s: string) => s.split(',').map(Number) as [number, number];
    const lopsided: Model<string, 0 | 1> = {
      initialStates: () => ['0,0'],
      enabled: (s) => {
        const [a, b] = pair(s);
        return [...(a < 9 ? [0 as const] : []), ...(b < 5 ? [1 as const] : [])];
      },
      step: (s, c) => {
        const [a, b] = pair(s);
        return c === 0 ? `${a + 1},${b}` : `${a},${b + 1}`;
      },
      fingerprint: (s, h) => h.string(pair(s).sort().join(',')),
      invariants: [],
      serialize: (s) => s,
      deserialize: (t) => t,
    };
    const { alone, withHelpers } = await bothWays(lopsided, {}, 2);
    for (const r of withHelpers) expect(r).toEqual(alone);
  });

  it('is the same with one helper as with five', async () => {
    const model = gridModel(25, 25, [notAt('20,20')]);
    const one = await bothWays(model, {}, 1);
    const five = await bothWays(model, {}, 5);
    expect(five.withHelpers).toEqual(one.withHelpers);
    expect(one.withHelpers[0]).toEqual(one.alone);
  });

  it('sends a state it already sent as its fingerprint alone, and keeps what it produced for one level', () => {
    const expand = createExpansionHelper(gridModel(3, 3));
    const request = (level: number, fingerprints: Int32Array, texts: (string | null)[]) => ({
      level,
      fingerprints,
      texts,
      countOnly: false,
      wanted: [],
    });
    const first = expand(request(1, new Int32Array(4), ['0,1', '1,0']));
    // Both reach 1,1: the second time without its text.
    expect(first.texts).toEqual(['1,1', '0,2', '2,0', null]);
    expect([...first.successors]).toEqual([2, 2]);
    // Level 2: 1,1 comes back as its fingerprint alone, and is expanded from the kept object.
    const again = expand(request(2, first.fingerprints.slice(0, 2), [null]));
    expect(again.texts).toEqual(['2,1', '1,2']);
    // A state it never produced, without its text: an operating error, not a verdict.
    const unknown = expand(request(2, Int32Array.of(7, 7), [null]));
    expect(unknown.failure).toMatchObject({
      at: 0,
      failure: { kind: 'internal', message: 'A helper was sent a state it does not hold.' },
    });
  });

  it("has a helper in the search's own thread, which works only when asked", async () => {
    const model = gridModel(3, 3);
    const pool = withHelperHere(inThreadPool(helpers(model, 1)), createExpansionHelper(model));
    expect(pool.size).toBe(2);
    expect(pool.workHere!()).toBe(false);
    const request = {
      level: 1,
      fingerprints: new Int32Array(2),
      texts: ['1,1'],
      countOnly: false,
      wanted: [],
    };
    let answered = false;
    const answer = pool.expand(request, 1).then((chunk) => {
      answered = true;
      return chunk;
    });
    expect(pool.outstanding(1)).toBe(1);
    await Promise.resolve();
    expect(answered).toBe(false);
    expect(pool.workHere!()).toBe(true);
    expect((await answer).texts).toEqual(['2,1', '1,2']);
    expect(pool.outstanding(1)).toBe(0);
  });

  it('goes on alone where no helper can start', async () => {
    const model = gridModel(30, 30, [notAt('20,20')]);
    let asked = 0;
    const r = await checkModelAsync(model, {
      pool: () => {
        asked++;
        return undefined;
      },
      poolFromStates: 10,
    });
    expect(asked).toBe(1);
    expect(r).not.toHaveProperty('helpers');
    expect(withoutTime(r)).toEqual(withoutTime(checkModel(model)));
  });

  it('ends with an operating error when a helper dies, never a verdict', async () => {
    const dead: HelperPort = {
      post() {},
      listen(_onMessage, onFailure) {
        queueMicrotask(() => onFailure('out of memory'));
      },
      terminate() {},
    };
    const pool = createExpansionPool([dead]);
    await expect(checkModelAsync(gridModel(5, 5), { pool })).rejects.toThrow(
      'A checker helper stopped: out of memory',
    );
  });
});
