/** Past the bound after a pass (beyond.ts): grown workloads walked once the bounds are proven. */
import { describe, expect, it } from 'vitest';
import { checkModel, explore } from './explorer';
import type { BeyondBound, Model } from './types';

type Count = { n: number };

/**
 * Counts up to `max`; the invariant breaks at `breaksAt` (a fix that holds only up to some
 * workload), and `grown` lists the workloads one step past.
 */
function counter(max: number, breaksAt: number | null, grown: BeyondBound<Count, 'up'>[] = []) {
  const model: Model<Count, 'up'> = {
    initialStates: () => [{ n: 0 }],
    enabled: (s) => (s.n < max ? ['up'] : []),
    step: (s) => ({ n: s.n + 1 }),
    fingerprint: (s) => ({ hi: 0, lo: s.n }),
    invariants: [
      { name: 'belowTheBreak', kind: 'always', holds: (s) => breaksAt === null || s.n < breaksAt },
    ],
    describeChoice: (c) => c,
    beyond: grown,
  };
  return model;
}

const grownTo = (max: number, breaksAt: number | null, calls: number[] = []) => ({
  name: 'one more message',
  settings: { 'workload.extraMessages': '1' },
  prepare: (walks: { walks: number }) => {
    calls.push(walks.walks);
    return { model: counter(max, breaksAt) };
  },
});

describe('past the bound after a pass', () => {
  it('a fix that holds only within the bounds fails on the grown workload, with where and how', () => {
    const result = checkModel(counter(3, 5, [grownTo(5, 5)]), { sample: {} });
    expect(result.verdict).toBe('violated');
    if (result.verdict !== 'violated') return;
    expect(result.invariant).toBe('belowTheBreak');
    expect(result.beyond).toEqual({
      name: 'one more message',
      settings: { 'workload.extraMessages': '1' },
    });
    expect(result.counterexample.states.at(-1)).toEqual({ n: 5 });
    expect(result.counterexample.depth).toBe(5);
    expect(result.sampled?.found?.walk).toBe(1);
    // What was proven stays what the search explored within the bounds.
    expect(result.distinctStates).toBe(4);
  });

  it('a correct fix passes, saying how many walks each grown workload took', () => {
    const calls: number[] = [];
    const result = checkModel(counter(3, null, [grownTo(5, null, calls)]), {
      sample: { beyondWalks: 25 },
    });
    expect(result.verdict).toBe('passed');
    if (result.verdict !== 'passed') return;
    expect(calls).toEqual([25]);
    expect(result.beyond).toEqual([
      {
        name: 'one more message',
        settings: { 'workload.extraMessages': '1' },
        walks: 25,
        steps: 25 * 5,
        maxDepth: 100,
      },
    ]);
  });

  it("reports the search's own time apart from the walks that followed it", () => {
    let t = 0;
    const now = () => t++; // every reading of the clock takes 1 ms
    const result = checkModel(counter(3, null, [grownTo(5, null)]), {
      sample: { beyondWalks: 25 },
      now,
    });
    expect(result.verdict).toBe('passed');
    expect(result.searchMs).toBeGreaterThan(0);
    expect(result.elapsedMs).toBeGreaterThan(result.searchMs!);
    // A search with nothing after it has no separate share.
    expect(checkModel(counter(3, null), { now }).searchMs).toBeUndefined();
  });

  it('a grown workload its provider skips is reported with the reason, and never walked', () => {
    const skipped: BeyondBound<Count, 'up'> = {
      name: 'one more fault',
      settings: { 'faults.total': '2' },
      prepare: () => ({ skipped: 'the reference solution itself breaks belowTheBreak there' }),
    };
    const result = checkModel(counter(3, null, [skipped, grownTo(4, null)]), { sample: {} });
    expect(
      result.verdict === 'passed' && result.beyond?.map((b) => [b.name, b.walks, b.skipped]),
    ).toEqual([
      ['one more fault', 0, 'the reference solution itself breaks belowTheBreak there'],
      ['one more message', 120, undefined],
    ]);
  });

  it('within the bounds a violation is the verdict: the grown workloads are not prepared', () => {
    const calls: number[] = [];
    const result = checkModel(counter(6, 5, [grownTo(7, 5, calls)]), { sample: {} });
    expect(result.verdict === 'violated' && result.beyond).toBe(undefined);
    expect(result.verdict === 'violated' && result.counterexample.depth).toBe(5);
    expect(calls).toEqual([]);
  });

  it('without sampling (or with no walks) a pass is only the bounds', () => {
    const model = counter(3, 5, [grownTo(5, 5)]);
    expect(checkModel(model).verdict).toBe('passed');
    expect(checkModel(model, { sample: { beyondWalks: 0 } }).verdict).toBe('passed');
  });

  it('a workload the time budget does not reach is reported as not sampled', () => {
    let t = 0;
    const result = checkModel(counter(3, null, [grownTo(4, null)]), {
      sample: {},
      maxTimeMs: 10,
      now: () => (t += 6),
    });
    expect(result.verdict === 'passed' && result.beyond?.[0]?.skipped).toBe(
      'the time budget ran out before it',
    );
  });

  it('says it is preparing a grown workload before it does (that may take seconds)', () => {
    const calls: number[] = [];
    const run = explore(counter(3, null, [grownTo(50, null, calls)]), { sample: {} });
    let out = run.runSlice(1_000);
    while (!out.done && !out.progress.preparing) out = run.runSlice(1_000);
    expect(out.done).toBe(false);
    expect(!out.done && out.progress).toMatchObject({
      beyond: 'one more message',
      preparing: true,
    });
    expect(calls).toEqual([]);
    out = run.runSlice(1);
    expect(calls).toEqual([120]);
    expect(!out.done && out.progress.preparing).toBeFalsy();
  });

  it('reports its progress while walking, and a cancel ends it', () => {
    const run = explore(counter(3, null, [grownTo(50, null)]), { sample: {} });
    let out = run.runSlice(1_000);
    while (!out.done && out.progress.phase !== 'sampling') out = run.runSlice(1_000);
    out = run.runSlice(10);
    expect(out.done).toBe(false);
    if (out.done) return;
    expect(out.progress).toMatchObject({ phase: 'sampling', beyond: 'one more message' });
    expect(run.cancel().verdict).toBe('cancelled');
  });
});
