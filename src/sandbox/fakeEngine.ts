/**
 * A tiny fake engine for the sandbox tests: drives a compiled handler generator, answering each
 * yielded effect from a script, exactly as src/sim will (resetBudget before every resume).
 */
import { SimError, isEffectRequest, type CallResult, type EffectRequest } from '../sim/effects';
import type { LearnerModule } from './evaluate';

export type Answer = (effect: EffectRequest, index: number) => CallResult;

export interface Run {
  effects: EffectRequest[];
  result?: unknown;
  thrown?: unknown;
}

export function drive(mod: LearnerModule, start: () => unknown, answer: Answer): Run {
  const effects: EffectRequest[] = [];
  let gen: Generator<unknown, unknown, unknown>;
  try {
    mod.resetBudget();
    gen = start() as Generator<unknown, unknown, unknown>;
    let last: CallResult | undefined;
    for (;;) {
      mod.resetBudget();
      const step =
        last === undefined || last.ok ? gen.next(last?.value) : gen.throw(new SimError(last.error));
      if (step.done) return { effects, result: step.value };
      if (!isEffectRequest(step.value)) throw new Error('yielded a non-effect');
      effects.push(step.value);
      last = answer(step.value, effects.length - 1);
    }
  } catch (thrown) {
    return { effects, thrown };
  }
}

/** A ctx whose methods return effect requests, like the engine's. */
export function fakeCtx() {
  return {
    load: (collection: string, id: string): EffectRequest => ({
      __effect: true,
      kind: 'load',
      store: 'db',
      collection,
      id,
    }),
    send: (destination: string, message: { type: string; payload?: unknown }): EffectRequest => ({
      __effect: true,
      kind: 'send',
      destination,
      message,
      mode: 'send',
    }),
  };
}
