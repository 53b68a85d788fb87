import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/checker/explorer';
import { createHandlerModel } from '../../src/checker/messageHandler/model';
import type { HandlerModule } from './types';
import manifest, { type ModelCheckingVariantId } from './manifest';
import { variantModules } from './modules';
import { countStatesNaively, type OracleOptions } from './oracle';
import * as solution from './solution';

const check = (mod: HandlerModule, messages: number, maxFailures: number) =>
  checkModel(createHandlerModel(mod, { messages, maxFailures }));

/** The same model with no invariants: explores the whole space even if the variant is broken. */
const withoutInvariants = (mod: HandlerModule): HandlerModule => ({ ...mod, invariants: {} });

const SMALL: [number, number][] = [
  [1, 1],
  [2, 1],
  [2, 2],
  [3, 1],
  [3, 2],
];

const oracleOf: Partial<
  Record<keyof typeof variantModules, Omit<OracleOptions, 'messages' | 'maxFailures'>>
> = {
  solution: {
    order: 'split',
    sendTx: 'db',
    failures: 'bounded',
    counter: 'global',
    processStep: false,
  },
  'send-first': {
    order: 'send-first',
    failures: 'give-up',
    counter: 'per-message',
    processStep: true,
  },
  atomic: { order: 'atomic', failures: 'give-up', counter: 'per-message', processStep: true },
  guarded: {
    order: 'split',
    sendTx: 'attempt',
    failures: 'bounded',
    counter: 'per-message',
    processStep: true,
  },
};

describe('exercise 18: the naive oracle agrees with the checker', () => {
  for (const [variant, options] of Object.entries(oracleOf)) {
    const sizes = variant === 'solution' ? SMALL : SMALL.slice(0, 3);
    for (const [n, f] of sizes) {
      it(`${variant} at N=${n}, MaxFailures=${f}`, () => {
        const mod = withoutInvariants(variantModules[variant as keyof typeof variantModules]);
        const r = check(mod, n, f);
        expect(r.verdict).toBe('passed');
        expect(r.distinctStates).toBe(
          countStatesNaively({ ...options!, messages: n, maxFailures: f }),
        );
      });
    }
  }
});

describe('exercise 18: pinned figures', () => {
  // Equal to SPIN's "states, stored" for scripts/bench/message-handler.pml (see spin.test.ts).
  const solutionCounts: [number, number, number][] = [
    [1, 1, 54],
    [2, 1, 470],
    [2, 2, 1150],
    [3, 1, 3_644],
    [3, 2, 12_092],
    [3, 3, 31_181],
  ];
  for (const [n, f, count] of solutionCounts) {
    it(`solution passes with ${count} states at N=${n}, MaxFailures=${f}`, () => {
      const r = check(solution, n, f);
      expect(r.verdict).toBe('passed');
      expect(r.distinctStates).toBe(count);
      if (r.verdict === 'passed')
        expect(r.sometimes).toMatchObject([{ name: 'Finishes', reached: true }]);
    });
  }

  // [variant, N, MaxFailures, invariant, counterexample length, distinct states when found]
  const violations: [keyof typeof variantModules, number, number, string, number][] = [
    ['send-first', 1, 1, 'NoGhostMessages', 9],
    ['send-first', 2, 1, 'NoGhostMessages', 9],
    ['send-first', 2, 2, 'NoGhostMessages', 13],
    ['db-first', 1, 1, 'NoLostMessages', 9],
    ['db-first', 2, 1, 'NoLostMessages', 9],
    ['db-first', 2, 2, 'NoLostMessages', 13],
    ['atomic', 1, 1, 'NoDuplicatedProcessings', 9],
    ['atomic', 2, 1, 'NoDuplicatedProcessings', 9],
    ['guarded', 1, 1, 'ConsistentOutput', 11],
    ['guarded', 2, 1, 'ConsistentOutput', 11],
  ];
  for (const [variant, n, f, invariant, length] of violations) {
    it(`${variant} violates ${invariant} in ${length} steps at N=${n}, MaxFailures=${f}`, () => {
      const r = check(variantModules[variant], n, f);
      expect(r.verdict).toBe('violated');
      if (r.verdict !== 'violated') return;
      expect(r.invariant).toBe(invariant);
      expect(r.counterexample.depth).toBe(length);
      expect(r.counterexample.states).toHaveLength(length + 1);
    });
  }

  it('shows the ghost-message counterexample of the lesson', () => {
    const r = check(variantModules['send-first'], 1, 1);
    if (r.verdict !== 'violated') throw new Error(r.verdict);
    expect(r.counterexample.labels).toEqual([
      'MainLoop',
      'Receive: 1',
      'Process',
      'SendOutgoingMsg: fail',
      'MainLoop',
      'Receive: 1',
      'Process',
      'SendOutgoingMsg',
      'UpdateDb: fail',
    ]);
  });

  it('passes the starter and the per-message model, which is much bigger than the diet', () => {
    expect(check(variantModules.starter, 2, 1)).toMatchObject({
      verdict: 'passed',
      distinctStates: 2_318,
    });
    const perMessage = check(variantModules['per-message-failures'], 2, 2);
    expect(perMessage).toMatchObject({ verdict: 'passed', distinctStates: 14_142 });
    expect(perMessage.distinctStates).toBeGreaterThan(10 * check(solution, 2, 2).distinctStates);
  });

  it('every variant of the manifest behaves as the manifest says at the default parameters', () => {
    const [messages, maxFailures] = manifest.parameters.map((p) => p.default) as [number, number];
    for (const v of manifest.variants) {
      const r = check(variantModules[v.id as ModelCheckingVariantId], messages, maxFailures);
      if (v.violates === null) expect(r.verdict, v.id).toBe('passed');
      else expect(r, v.id).toMatchObject({ verdict: 'violated', invariant: v.violates });
    }
  });
});

describe('exercise 18: the checks can fail', () => {
  it('catches a mutated solution (the send uses the attempt txId)', () => {
    const mutated: HandlerModule = {
      ...solution,
      steps: {
        ...solution.steps,
        Send(s) {
          s.queueOut.add(s.msg, s.txId);
          s.goto('AckInMsg');
        },
      },
    };
    // No failures in Send: still broken, as the ack can fail after a successful send.
    const r = check(mutated, 1, 1);
    expect(r).toMatchObject({ verdict: 'violated', invariant: 'ConsistentOutput' });
  });

  it('the pinned count changes when the model changes (no failure at Ack)', () => {
    const mutated: HandlerModule = {
      ...solution,
      steps: {
        ...solution.steps,
        AckInMsg(s) {
          s.queueIn.delete(s.msg);
          s.processed.add(s.msg);
          s.goto('MainLoop');
        },
      },
    };
    expect(check(mutated, 2, 1).distinctStates).not.toBe(470);
  });

  it('reports a learner error for a bad goto and for a throwing step', () => {
    const badGoto: HandlerModule = {
      ...solution,
      steps: { ...solution.steps, MainLoop: (s) => s.goto('Recieve') },
    };
    expect(check(badGoto, 1, 1)).toMatchObject({
      verdict: 'learner-error',
      message: expect.stringContaining("goto('Recieve')") as unknown,
    });
    const throwing: HandlerModule = {
      ...solution,
      steps: {
        ...solution.steps,
        Update: () => {
          throw new Error('oops');
        },
      },
    };
    expect(check(throwing, 1, 1)).toMatchObject({
      verdict: 'learner-error',
      message: 'Error: oops',
    });
  });

  it('reports a handler that can loop forever as a cycle', () => {
    const looping: HandlerModule = {
      ...solution,
      steps: {
        ...solution.steps,
        Send(s) {
          if (s.either('retry')) return s.goto('Update'); // retries without counting
          s.queueOut.add(s.msg, s.db.txOf(s.msg));
          s.goto('AckInMsg');
        },
      },
    };
    const r = check(looping, 1, 1);
    expect(r.verdict).toBe('cycle');
    if (r.verdict !== 'cycle') return;
    const labels = r.counterexample.labels.slice(r.cycleStart);
    expect(labels).toEqual(['Send: retry', 'Update']);
  });

  it('reports an unbounded model (failures never counted) as a learner error on txIds', () => {
    const unbounded: HandlerModule = {
      ...solution,
      steps: {
        ...solution.steps,
        Update(s) {
          if (s.either('fail')) return s.goto('MainLoop'); // a fresh txId on every retry
          if (!s.db.hasId(s.msg)) s.db.add(s.msg, s.txId);
          s.goto('Send');
        },
      },
    };
    expect(check(unbounded, 1, 1)).toMatchObject({
      verdict: 'learner-error',
      message: expect.stringContaining('txId 32') as unknown,
    });
  });

  it('reports an invariant that writes to the state as a learner error', () => {
    const writing: HandlerModule = { ...solution, invariants: { Bad: (s) => ((s.msg = 1), true) } };
    expect(check(writing, 1, 1)).toMatchObject({ verdict: 'learner-error' });
  });
});

describe('exercise 18: packed and generic paths agree', () => {
  it('gives the same counts and counterexamples without the packed fast path', () => {
    for (const mod of [solution, variantModules.guarded, variantModules['send-first']]) {
      const packed = createHandlerModel(mod, { messages: 2, maxFailures: 1 });
      const { packed: _unused, ...generic } = packed;
      const a = checkModel(packed);
      const b = checkModel(generic);
      expect(b.distinctStates).toBe(a.distinctStates);
      expect(b.verdict).toBe(a.verdict);
      if (a.verdict === 'violated' && b.verdict === 'violated') {
        expect(b.counterexample.labels).toEqual(a.counterexample.labels);
      }
    }
  });
});
