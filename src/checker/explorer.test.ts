import { describe, expect, it } from 'vitest';
import { checkModel, explore } from './explorer';
import { FingerprintTable, hashVector } from './fingerprintTable';
import { graphModel } from './testModels';
import type { CheckResult, Invariant, Model } from './types';

function expectVerdict<S, C, V extends CheckResult<S, C>['verdict']>(
  r: CheckResult<S, C>,
  verdict: V,
): Extract<CheckResult<S, C>, { verdict: V }> {
  expect(r.verdict).toBe(verdict);
  return r as Extract<CheckResult<S, C>, { verdict: V }>;
}

const notBad: Invariant<string> = { name: 'NotBad', kind: 'always', holds: (s) => s !== 'bad' };

describe('checkModel', () => {
  it('passes an acyclic graph and counts states, edges, depth and terminal states', () => {
    const r = expectVerdict(
      checkModel(graphModel({ init: ['a', 'b'], a: ['c'], b: ['c'], c: [] }, [notBad])),
      'passed',
    );
    expect(r).toMatchObject({ distinctStates: 4, generatedStates: 5, depth: 2, terminalStates: 1 });
  });

  it('reports a shortest counterexample when a long and a short path reach the bad state', () => {
    // The long path is listed first, so a depth-first search would find it first.
    const model = graphModel(
      { init: ['l1', 's1'], l1: ['l2'], l2: ['l3'], l3: ['bad'], s1: ['bad'], bad: [] },
      [notBad],
    );
    const r = expectVerdict(checkModel(model), 'violated');
    expect(r.invariant).toBe('NotBad');
    expect(r.counterexample.depth).toBe(2);
    expect(r.counterexample.states).toEqual(['init', 's1', 'bad']);
    expect(r.counterexample.choiceIndices).toEqual([1, 0]);
    expect(r.counterexample.labels).toEqual(['#1', '#0']);
  });

  it('reports a terminal state that is not quiescent as stuck', () => {
    const model = graphModel({ init: ['a', 'done'], a: [], done: [] }, [], {
      isQuiescent: (s) => s === 'done',
    });
    const r = expectVerdict(checkModel(model), 'violated');
    expect(r.invariant).toBe('stuck');
    expect(r.kind).toBe('stuck');
    expect(r.counterexample.states).toEqual(['init', 'a']);
  });

  it('checks atQuiescence invariants on terminal states only', () => {
    const endsInC: Invariant<string> = {
      name: 'EndsInC',
      kind: 'atQuiescence',
      holds: (s) => s === 'c',
    };
    expectVerdict(checkModel(graphModel({ init: ['a'], a: ['c'], c: [] }, [endsInC])), 'passed');
    const r = expectVerdict(
      checkModel(graphModel({ init: ['a', 'x'], a: ['c'], c: [], x: [] }, [endsInC])),
      'violated',
    );
    expect(r).toMatchObject({ invariant: 'EndsInC', kind: 'atQuiescence' });
    expect(r.counterexample.states).toEqual(['init', 'x']);
  });

  it('reports sometimes invariants with a shortest witness', () => {
    const model = graphModel({ init: ['a', 'b'], a: ['goal'], b: [], goal: [] }, [
      { name: 'ReachesGoal', kind: 'sometimes', holds: (s) => s === 'goal' },
    ]);
    const r = expectVerdict(checkModel(model), 'passed');
    expect(r.sometimes[0]).toMatchObject({ name: 'ReachesGoal', reached: true });
    expect(r.sometimes[0]!.witness!.states).toEqual(['init', 'a', 'goal']);
  });

  it('fails a search in which a sometimes invariant never held ("never happened")', () => {
    const model = graphModel({ init: ['a', 'b'], a: ['goal'], b: [], goal: [] }, [
      { name: 'ReachesGoal', kind: 'sometimes', holds: (s) => s === 'goal' },
      { name: 'Never', kind: 'sometimes', description: 'the moon turns blue', holds: () => false },
    ]);
    const r = expectVerdict(checkModel(model), 'violated');
    expect(r).toMatchObject({ invariant: 'Never', kind: 'sometimes', distinctStates: 4 });
    expect(r.description).toBe('Never happened: the moon turns blue');
    expect(r.counterexample.states).toEqual(['init']);
    expect(r.sometimes[1]).toEqual({
      name: 'Never',
      description: 'the moon turns blue',
      reached: false,
    });
  });

  it('detects a cycle through the BFS tree at once, with a lasso trace', () => {
    const model = graphModel({ init: ['a'], a: ['b'], b: ['c', 'a'], c: [] });
    const r = expectVerdict(checkModel(model), 'cycle');
    expect(r.counterexample.states).toEqual(['init', 'a', 'b', 'a']);
    expect(r.cycleStart).toBe(1);
  });

  it('detects a self-loop', () => {
    const r = expectVerdict(checkModel(graphModel({ init: ['init'] })), 'cycle');
    expect(r.counterexample.states).toEqual(['init', 'init']);
    expect(r.cycleStart).toBe(0);
  });

  it('detects a cycle that is not a BFS-tree back edge (post-check)', () => {
    // x and y are both children of init: neither is the other's tree ancestor.
    const model = graphModel({ init: ['x', 'y'], x: ['y'], y: ['x'] });
    const r = expectVerdict(checkModel(model), 'cycle');
    const { states } = r.counterexample;
    expect(states[r.cycleStart]).toBe(states[states.length - 1]);
    expect(states.length - 1 - r.cycleStart).toBe(2);
  });

  it('does not report diamonds with paths of different lengths as cycles', () => {
    const model = graphModel({ init: ['a', 'd'], a: ['b'], b: ['d'], d: ['e'], e: [] });
    expectVerdict(checkModel(model), 'passed');
  });

  it('ends with limit-reached when the state limit is hit, never a silent pass', () => {
    const r = expectVerdict(checkModel(counterModel(1000), { maxStates: 100 }), 'limit-reached');
    expect(r.limit).toBe('states');
    expect(r.distinctStates).toBeGreaterThan(100);
    expectVerdict(checkModel(counterModel(1000), { maxStates: 1001 }), 'passed');
  });

  it('ends with limit-reached at the depth limit', () => {
    const r = expectVerdict(checkModel(counterModel(1000), { maxDepth: 10 }), 'limit-reached');
    expect(r).toMatchObject({ limit: 'depth', depth: 10 });
    expectVerdict(checkModel(counterModel(10), { maxDepth: 10 }), 'passed');
  });

  it('ends with limit-reached when the time budget is spent (injected clock)', () => {
    let t = 0;
    const now = (): number => (t += 1);
    const r = expectVerdict(
      checkModel(gridModel(300, 300), { maxTimeMs: 50, now }),
      'limit-reached',
    );
    expect(r.limit).toBe('time');
    expect(r.distinctStates).toBeLessThan(90_000);
  });

  it('runs in slices, reports progress, and can be cancelled between slices', () => {
    const run = explore(counterModel(10_000));
    const first = run.runSlice(100);
    expect(first.done).toBe(false);
    if (first.done) return;
    expect(first.progress.distinctStates).toBeGreaterThan(0);
    expect(first.progress.distinctStates).toBeLessThan(10_001);
    const again = run.runSlice(100);
    expect(again.done).toBe(false);
    const cancelled = run.cancel();
    expect(cancelled.verdict).toBe('cancelled');
    expect(run.runSlice(100)).toEqual({ done: true, result: cancelled });
  });

  it('maps an error with a learnerError property to a learner-error result', () => {
    const learnerError = {
      kind: 'runtime',
      file: 'handler.ts',
      line: 7,
      column: 3,
      message: 'boom',
    };
    const model = graphModel({ init: ['a'], a: [] }, [], {
      step: () => {
        throw Object.assign(new Error('boom'), { learnerError });
      },
    });
    const r = expectVerdict(checkModel(model), 'learner-error');
    expect(r).toMatchObject({ file: 'handler.ts', line: 7, column: 3, message: 'boom' });
  });

  it('lets other errors propagate as internal bugs', () => {
    const model = graphModel({ init: ['a'] }, [], {
      enabled: () => {
        throw new TypeError('internal');
      },
    });
    expect(() => checkModel(model)).toThrow('internal');
  });

  it('explores 200k states, past the hash table initial capacity', () => {
    const r = expectVerdict(checkModel(gridModel(500, 400)), 'passed');
    expect(r).toMatchObject({ distinctStates: 200_000, depth: 898, terminalStates: 1 });
    expect(r.generatedStates).toBe(1 + 2 * 499 * 399 + 499 + 399);
  });
});

/**
 * A packed counter 0..max whose end is not quiescent unless `max` is even: the packed fast path
 * must report a stuck terminal state exactly like the generic path.
 */
function packedCounter(max: number): Model<number, number> {
  const generic = counterModel(max);
  return {
    ...generic,
    isQuiescent: (s) => s % 2 === 0,
    packed: {
      width: 1,
      toVector: (s) => Int32Array.of(s),
      toState: (v, offset) => v[offset]!,
      successors(src, offset, out, emit) {
        const s = src[offset]!;
        if (s >= max) return 0;
        out[0] = s + 1;
        emit(0);
        return 1;
      },
      invariantHolds: () => true,
      isQuiescent: (v, offset) => v[offset]! % 2 === 0,
    },
  };
}

describe('the packed fast path', () => {
  it('reports a stuck terminal state with its shortest run, as the generic path does', () => {
    const packed = expectVerdict(checkModel(packedCounter(3)), 'violated');
    const { packed: _, ...generic } = packedCounter(3);
    const plain = expectVerdict(checkModel(generic), 'violated');
    expect(packed).toMatchObject({ invariant: 'stuck', kind: 'stuck' });
    expect(packed.counterexample.states).toEqual([0, 1, 2, 3]);
    expect(plain).toMatchObject({ invariant: 'stuck', distinctStates: packed.distinctStates });
  });

  it('a quiescent end passes', () => {
    expectVerdict(checkModel(packedCounter(4)), 'passed');
  });
});

describe('FingerprintTable', () => {
  it('grows by rehashing and keeps every index', () => {
    const t = new FingerprintTable(16);
    let inserted = 0;
    for (let i = 0; i < 100_000; i++) if (t.getOrInsert(i * 7919, i ^ 0x5555, i) === -1) inserted++;
    expect(inserted).toBe(100_000);
    expect(t.size).toBe(100_000);
    expect(t.capacity).toBeGreaterThanOrEqual(200_000);
    for (let i = 0; i < 100_000; i += 997) expect(t.get(i * 7919, i ^ 0x5555)).toBe(i);
    expect(t.getOrInsert(5 * 7919, 5 ^ 0x5555, 123)).toBe(5);
    expect(t.get(1, 2)).toBe(-1);
    // At most three quarters full.
    expect(t.size * 4).toBeLessThanOrEqual(t.capacity * 3);
  });
});

describe('hashVector', () => {
  /**
   * Structured families like real packed states (small counters, single bits, one field apart):
   * no two of them may share a 64-bit fingerprint, and each 32-bit half must collide about as
   * often as a random function would (n^2 / 2^33: ~5 for 200,000), not in whole families.
   */
  it.each([
    [
      'digits',
      (k: number, v: Int32Array) => {
        for (let i = 0; i < 6; i++, k = Math.floor(k / 10)) v[i] = k % 10;
      },
    ],
    [
      'one bit per field',
      (k: number, v: Int32Array) => {
        for (let i = 0; i < 18; i++) v[i] = (k >> i) & 1;
      },
    ],
    [
      'one field set',
      (k: number, v: Int32Array) => {
        v.fill(0);
        v[k % 19] = ((k / 19) | 0) + 1;
      },
    ],
  ])('spreads %s', (_name, fill) => {
    const n = 200_000;
    const v = new Int32Array(19);
    const out = new Int32Array(2);
    const full = new Set<string>();
    const halves = [new Set<number>(), new Set<number>()];
    for (let k = 0; k < n; k++) {
      fill(k, v);
      hashVector(v, 0, 19, out);
      full.add(`${out[0]},${out[1]}`);
      halves[0]!.add(out[0]!);
      halves[1]!.add(out[1]!);
    }
    expect(full.size).toBe(n);
    for (const half of halves) expect(n - half.size).toBeLessThan(40);
  });

  it('depends on the width and the offset only through the ints hashed', () => {
    const a = Int32Array.of(9, 1, 2, 3);
    const b = Int32Array.of(1, 2, 3, 0);
    const ha = new Int32Array(2);
    const hb = new Int32Array(2);
    hashVector(a, 1, 3, ha);
    hashVector(b, 0, 3, hb);
    expect([...ha]).toEqual([...hb]);
    hashVector(b, 0, 4, hb);
    expect([...ha]).not.toEqual([...hb]);
  });
});

/** Counts 0..max. */
function counterModel(max: number): Model<number, number> {
  return {
    initialStates: () => [0],
    enabled: (s) => (s >= max ? [] : [1]),
    step: (s, c) => s + c,
    fingerprint: (s, h) => h.int(s),
    invariants: [],
  };
}

/** A w x h grid walked right or down: w*h states, many diamonds, depth w+h-2. */
function gridModel(w: number, h: number): Model<[number, number], 0 | 1> {
  return {
    initialStates: () => [[0, 0]],
    enabled: ([x, y]) => {
      const out: (0 | 1)[] = [];
      if (x + 1 < w) out.push(0);
      if (y + 1 < h) out.push(1);
      return out;
    },
    step: ([x, y], c) => (c === 0 ? [x + 1, y] : [x, y + 1]),
    fingerprint: ([x, y]) => ({ hi: x, lo: y }),
    invariants: [],
  };
}
