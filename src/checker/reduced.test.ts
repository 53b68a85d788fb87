/**
 * A check on a reduced model (`Model.unreduced`, reduced.ts): its pass stands; anything else but
 * a limit of time, states or memory is the unreduced search's, so counterexamples are the
 * shortest; a model that finds its reduction does not apply starts the check again, unreduced.
 * Here the "reduced" graphs are hand-made subgraphs of the whole one.
 */
import { describe, expect, it } from 'vitest';
import { checkModel, explore } from './explorer';
import { ReductionUnsound } from './reduced';
import { graphModel } from './testModels';
import type { Invariant, Model } from './types';

const notBad: Invariant<string> = {
  name: 'notBad',
  description: 'never bad',
  kind: 'always',
  holds: (s) => s !== 'bad',
};

/** The whole graph: `bad` two steps away (init → x → bad), and three steps the other way. */
const WHOLE = {
  init: ['x', 'y'],
  x: ['bad', 'z'],
  y: ['w'],
  w: ['bad'],
  z: [],
  bad: [],
};

function reducedOf(
  reducedEdges: Record<string, string[]>,
  whole: Record<string, string[]> = WHOLE,
  extra: Partial<Model<string, number>> = {},
): Model<string, number> {
  return { ...graphModel(reducedEdges, [notBad], extra), unreduced: graphModel(whole, [notBad]) };
}

describe('a check on a reduced model', () => {
  it('takes its pass, with its fewer states', () => {
    const safe = { init: ['x'], x: ['z'], z: [] };
    const r = checkModel(reducedOf(safe, safe));
    expect(r).toMatchObject({ verdict: 'passed', distinctStates: 3 });
    const fewer = checkModel(
      reducedOf({ init: ['x'], x: ['z'], z: [] }, { ...safe, init: ['x', 'z'] }),
    );
    expect(fewer).toMatchObject({ verdict: 'passed', distinctStates: 3 });
  });

  it('gives a violation the unreduced search finds: the shortest counterexample', () => {
    // The reduced graph reaches bad only the long way round.
    const r = checkModel(reducedOf({ init: ['y'], y: ['w'], w: ['bad'], bad: [] }));
    expect(r).toMatchObject({ verdict: 'violated', invariant: 'notBad', depth: 2 });
    if (r.verdict !== 'violated') throw new Error('not violated');
    expect(r.counterexample.states).toEqual(['init', 'x', 'bad']);
  });

  it('says, while it searches again, that it found a failing run and looks for the shortest', () => {
    const run = explore(reducedOf({ init: ['y'], y: ['w'], w: ['bad'], bad: [] }));
    const seen: (boolean | undefined)[] = [];
    for (;;) {
      const out = run.runSlice(1);
      if (out.done) break;
      seen.push(out.progress.findingShortest);
    }
    expect(seen[0]).toBeUndefined();
    expect(seen).toContain(true);
    // Not when the reduction turned out not to apply: nothing failed.
    const unsound = explore(
      reducedOf({ init: ['y'], y: [] }, WHOLE, {
        enabled: () => {
          throw new ReductionUnsound('an invariant reads the broker');
        },
      }),
    );
    const first = unsound.runSlice(1);
    expect(first.done).toBe(false);
    if (!first.done) expect(first.progress.findingShortest).toBeUndefined();
  });

  it('runs unreduced past a depth limit, which is the whole graph’s bound', () => {
    const long = { init: ['y'], y: ['w'], w: ['z'], z: [] };
    const whole = { init: ['y', 'z'], y: ['z'], z: [] };
    expect(checkModel(graphModel(long), { maxDepth: 2 })).toMatchObject({ limit: 'depth' });
    const r = checkModel(reducedOf(long, whole), { maxDepth: 2 });
    expect(r).toMatchObject({ verdict: 'passed', distinctStates: 3 });
  });

  it('keeps a limit of states: not a pass, and about what it explored', () => {
    const r = checkModel(reducedOf({ init: ['y'], y: ['w'], w: ['z'], z: [] }), { maxStates: 2 });
    expect(r).toMatchObject({ verdict: 'limit-reached', limit: 'states' });
  });

  it('starts again unreduced when the model finds its reduction does not apply', () => {
    let calls = 0;
    const model = reducedOf({ init: ['y'], y: ['w'], w: ['z'], z: [] }, WHOLE, {
      enabled: (s) => {
        if (s === 'w') {
          calls++;
          throw new ReductionUnsound('an invariant reads the broker');
        }
        return ({ init: [0], y: [0], w: [0] } as Record<string, number[]>)[s] ?? [];
      },
    });
    const r = checkModel(model);
    expect(calls).toBe(1);
    expect(r).toMatchObject({ verdict: 'violated', depth: 2 });
  });

  it('keeps the violation it found when the unreduced search runs out of time', () => {
    let t = 0;
    const now = () => t;
    const whole = graphModel(WHOLE, [notBad], {
      // Time passes only in the unreduced search: it is out of time at once.
      enabled: (s) => {
        t += 1_000;
        return (WHOLE[s as keyof typeof WHOLE] ?? []).map((_, i) => i);
      },
    });
    const model = {
      ...graphModel({ init: ['y'], y: ['w'], w: ['bad'], bad: [] }, [notBad]),
      unreduced: whole,
    };
    const r = checkModel(model, { now, maxTimeMs: 500 });
    expect(r).toMatchObject({ verdict: 'violated', depth: 3 });
  });
});
