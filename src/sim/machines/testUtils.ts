/** Helpers for this folder's tests: drive a compiled machine by event names. */
import type { CompiledMachine } from './types';

/** `value {context}` of a compiled state, e.g. `queued {"delayedUsed":0,...}`. */
export function describeState(compiled: CompiledMachine, state: number): string {
  const s = compiled.states[state];
  return s ? `${s.value} ${JSON.stringify(s.context)}` : `<no state #${state}>`;
}

/** Applies events from the initial state; each must be enabled. Returns the final state id. */
export function runEvents(compiled: CompiledMachine, events: readonly string[]): number {
  let state = compiled.initial;
  for (const [i, event] of events.entries()) {
    const next = compiled.next(state, event);
    if (next === -1) {
      throw new Error(`event #${i} ${event} not enabled in ${describeState(compiled, state)}`);
    }
    state = next;
  }
  return state;
}

/** The value and context reached by applying events from the initial state. */
export function stateAfter(
  compiled: CompiledMachine,
  events: readonly string[],
): { value: string; context: Readonly<Record<string, number>>; final: boolean } {
  const state = runEvents(compiled, events);
  const { value, context } = compiled.states[state]!;
  return { value, context, final: compiled.isFinal(state) };
}

/** The event types enabled in a state, in canonical order. */
export function enabledEvents(compiled: CompiledMachine, state: number): string[] {
  return compiled.eventTypes.filter((type) => compiled.next(state, type) !== -1);
}
