/**
 * The compiled tables behave exactly like `xstate.transition`: seeded random walks (override the
 * seed with MACHINES_SEED=<n>), every (state, event) pair, random inputs (fast-check), and
 * deliberately wrong tables that the checker must catch.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSeed } from '../../core/random';
import {
  checkAllTransitions,
  checkConformance,
  createCompiledMachine,
  formatDivergence,
  getCompiledMachine,
  machines,
} from './index';
import type { CompiledMachine, ConformanceDivergence, MachineInputs, MachineKind } from './index';
import { runEvents } from './testUtils';

const SEED = parseSeed(process.env.MACHINES_SEED ?? '') ?? 20_240_611;
const WALKS = 1000;
console.info(`machines conformance: seed ${SEED} (override with MACHINES_SEED=<n>)`);

const CASES: { [K in MachineKind]: MachineInputs[K][] } = {
  copy: [
    { immediateRetries: 0, delayedRetries: 0 },
    { immediateRetries: 2, delayedRetries: 1 },
    { immediateRetries: 5, delayedRetries: 3 },
  ],
  httpRequest: [{ maxAttempts: 1 }, { maxAttempts: 2 }, { maxAttempts: 3 }],
  userTab: [
    { maxOutstanding: 1, empty: false },
    { maxOutstanding: 2, empty: false },
    { maxOutstanding: 3, empty: false },
    { maxOutstanding: 1, empty: true },
  ],
  endpoint: [{ concurrency: 1 }, { concurrency: 2 }, { concurrency: 3 }],
  externalApi: [{}],
};
const ALL_CASES = (Object.keys(CASES) as MachineKind[]).flatMap((kind) =>
  CASES[kind].map((input) => ({ kind, input, name: `${kind} ${JSON.stringify(input)}` })),
);

function compiledFor(kind: MachineKind, input: unknown): CompiledMachine {
  return getCompiledMachine(kind, input as never);
}

const shown = (d: ConformanceDivergence | null) => (d ? formatDivergence(d) : null);

describe('compiled tables conform to xstate.transition', () => {
  it.each(ALL_CASES)('$name: random walks', ({ kind, input }) => {
    const compiled = compiledFor(kind, input);
    const divergence = checkConformance(machines[kind], input, compiled, {
      walks: WALKS,
      seed: SEED,
    });
    expect(shown(divergence)).toBeNull();
  });

  it.each(ALL_CASES)('$name: every state and event', ({ kind, input }) => {
    expect(shown(checkAllTransitions(machines[kind], compiledFor(kind, input)))).toBeNull();
  });

  it('random policies', () => {
    const walks = 50;
    const policy = fc.oneof(
      fc
        .record({ immediateRetries: fc.nat(6), delayedRetries: fc.nat(4) })
        .map((input) => ({ kind: 'copy' as const, input })),
      fc
        .record({ maxAttempts: fc.integer({ min: 1, max: 6 }) })
        .map((input) => ({ kind: 'httpRequest' as const, input })),
      fc
        .record({ maxOutstanding: fc.integer({ min: 1, max: 6 }), empty: fc.boolean() })
        .map((input) => ({ kind: 'userTab' as const, input })),
      fc
        .record({ concurrency: fc.integer({ min: 1, max: 6 }) })
        .map((input) => ({ kind: 'endpoint' as const, input })),
    );
    fc.assert(
      fc.property(policy, fc.nat(), ({ kind, input }, seed) => {
        const compiled = compiledFor(kind, input);
        const divergence = checkConformance(machines[kind], input, compiled, { walks, seed });
        expect(shown(divergence)).toBeNull();
      }),
      { seed: SEED, numRuns: 40 },
    );
  });
});

/** A copy of `compiled` with one table entry or one final flag changed. */
function mutate(
  compiled: CompiledMachine,
  change: { state: number; event?: string; target?: number; flipFinal?: boolean },
): CompiledMachine {
  const { states, eventTypes } = compiled;
  const table = new Int32Array(states.length * eventTypes.length);
  states.forEach((_, s) =>
    eventTypes.forEach((_e, e) => (table[s * eventTypes.length + e] = compiled.nextByIndex(s, e))),
  );
  if (change.event !== undefined && change.target !== undefined) {
    table[change.state * eventTypes.length + compiled.eventIndex(change.event)] = change.target;
  }
  const finals = states.map(
    (_, s) => compiled.isFinal(s) !== (change.flipFinal === true && s === change.state),
  );
  return createCompiledMachine(compiled.kind, states, finals, eventTypes, table);
}

describe('the conformance checker catches a wrong table', () => {
  const input = { immediateRetries: 2, delayedRetries: 1 };
  const copy = getCompiledMachine('copy', input);
  const leased = runEvents(copy, ['DELIVER']);
  const acked = runEvents(copy, ['DELIVER', 'ACK']);
  const mutants = {
    'an enabled event disabled (leased FAIL -> -1)': { state: leased, event: 'FAIL', target: -1 },
    'a disabled event enabled (queued ACK -> acked)': {
      state: copy.initial,
      event: 'ACK',
      target: acked,
    },
    'a wrong target (leased FAIL -> queued without using a retry)': {
      state: leased,
      event: 'FAIL',
      target: copy.initial,
    },
    'a wrong final flag (acked not final)': { state: acked, flipFinal: true },
  };

  it.each(Object.entries(mutants))('%s', (_name, change) => {
    const mutant = mutate(copy, change);
    const walked = checkConformance(machines.copy, input, mutant, { walks: WALKS, seed: SEED });
    expect(walked).not.toBeNull();
    expect(formatDivergence(walked!)).toContain(`seed ${SEED}`);
    expect(checkAllTransitions(machines.copy, mutant)).not.toBeNull();
  });

  it('reports the path, the state and both verdicts', () => {
    const mutant = mutate(copy, mutants['an enabled event disabled (leased FAIL -> -1)']);
    const d = checkConformance(machines.copy, input, mutant, { walks: WALKS, seed: SEED });
    expect(d).toMatchObject({ kind: 'copy', fromState: leased, seed: SEED });
    expect(d?.events.at(-1)).toBe('FAIL');
    expect(d?.expected).toMatchObject({ enabled: true, value: 'queued' });
    expect(d?.actual).toMatchObject({ enabled: false, value: 'leased' });
    // Replaying the reported path (disabled events leave the state alone) on the real table
    // ends where XState said.
    const end = d!.events.reduce((s, event) => {
      const next = copy.next(s, event);
      return next === -1 ? s : next;
    }, copy.initial);
    expect(copy.states[end]?.value).toBe('queued');
  });

  it('accepts the real table', () => {
    expect(
      checkConformance(machines.copy, input, mutate(copy, { state: 0 }), { walks: 10, seed: 1 }),
    ).toBeNull();
  });
});

describe('the conformance checker catches a wrong userTab table', () => {
  const input = { maxOutstanding: 2, empty: false };
  const t = getCompiledMachine('userTab', input);
  const at = (value: string, outstanding: number, finished: number) => {
    const state = t.findState(value, { outstanding, finished, maxOutstanding: 2 });
    expect(state).toBeGreaterThanOrEqual(0);
    return state;
  };
  const mutants = {
    'an action beyond maxOutstanding (ready 2 ACT_CONTINUE -> itself)': {
      state: at('ready', 2, 0),
      event: 'ACT_CONTINUE',
      target: at('ready', 2, 0),
    },
    'ACT_LAST that does not finish (-> waiting, finished 0)': {
      state: t.initial,
      event: 'ACT_LAST',
      target: at('waiting', 1, 0),
    },
    'a last response that does not end (-> ready)': {
      state: at('waiting', 1, 1),
      event: 'RESPONSE',
      target: at('ready', 0, 0),
    },
    'a wrong final flag (done not final)': { state: at('done', 0, 1), flipFinal: true },
  };

  it.each(Object.entries(mutants))('%s', (_name, change) => {
    const mutant = mutate(t, change);
    const walked = checkConformance(machines.userTab, input, mutant, { walks: WALKS, seed: SEED });
    expect(walked).not.toBeNull();
    expect(checkAllTransitions(machines.userTab, mutant)).not.toBeNull();
  });
});
