/**
 * The judge of a compiled table: does it behave exactly like `xstate.transition`?
 *
 * {@link checkConformance} runs seeded random walks, applying the same events (enabled ones and
 * disabled ones) to the table and to XState, and compares at every step the enabled/disabled
 * verdict, the state value, the context and finality. {@link checkAllTransitions} compares every
 * (compiled state, event) pair once, starting XState from `machine.resolveState`. Both return
 * the first divergence (with the seed and the path that reproduces it), or null.
 */
import { initialTransition } from 'xstate';
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { stableStringify } from '../../core/hash';
import { createRng } from '../../core/random';
import { toStateValue, xstateStep } from './xstateStep';
import type { CompiledMachine } from './types';

export interface ConformanceOptions {
  walks: number;
  seed: number;
  /** Events applied per walk (default 30). */
  walkLengthMax?: number;
}

/** What one side says after an event. */
export interface ConformanceView {
  enabled: boolean;
  value: string;
  context: string;
  final: boolean;
}

export interface ConformanceDivergence {
  kind: string;
  input: string;
  seed: number;
  /** Walk number (-1 for the initial state and for {@link checkAllTransitions}). */
  walk: number;
  /** The events applied from the initial state (for checkAllTransitions: just the one). */
  events: string[];
  /** The compiled state id before the diverging event. */
  fromState: number;
  expected: ConformanceView;
  actual: ConformanceView;
}

/** Seeded random walks, half of the events drawn among those XState enables (to go deep). */
export function checkConformance(
  machine: AnyStateMachine,
  input: unknown,
  compiled: CompiledMachine,
  options: ConformanceOptions,
): ConformanceDivergence | null {
  const rng = createRng(options.seed);
  const walkLength = options.walkLengthMax ?? 30;
  const base = { kind: compiled.kind, input: stableStringify(input), seed: options.seed };

  const [initialSnapshot] = initialTransition(machine, input);
  const expected = viewOfSnapshot(true, initialSnapshot);
  const actual = viewOfCompiled(true, compiled, compiled.initial);
  if (!sameView(expected, actual)) {
    return { ...base, walk: -1, events: [], fromState: compiled.initial, expected, actual };
  }
  for (let walk = 0; walk < options.walks; walk++) {
    let snapshot = initialSnapshot;
    let state = compiled.initial;
    const events: string[] = [];
    for (let i = 0; i < walkLength; i++) {
      const eventType = pickEvent(snapshot, compiled.eventTypes, rng.int);
      const step = compareStep(machine, compiled, snapshot, state, eventType);
      events.push(eventType);
      if (step.divergence) return { ...base, walk, events, fromState: state, ...step.divergence };
      snapshot = step.snapshot;
      state = step.state;
      // A done snapshot enables nothing: check every event there once, then end the walk.
      if (snapshot.status === 'done') {
        for (const type of compiled.eventTypes) {
          const { divergence } = compareStep(machine, compiled, snapshot, state, type);
          if (divergence) {
            return { ...base, walk, events: [...events, type], fromState: state, ...divergence };
          }
        }
        break;
      }
    }
  }
  return null;
}

/** Every (compiled state, event) pair, XState starting from the state's resolved snapshot. */
export function checkAllTransitions(
  machine: AnyStateMachine,
  compiled: CompiledMachine,
): ConformanceDivergence | null {
  for (let state = 0; state < compiled.states.length; state++) {
    const { value, context } = compiled.states[state]!;
    const snapshot = machine.resolveState({ value, context: { ...context } });
    for (const eventType of compiled.eventTypes) {
      const { divergence } = compareStep(machine, compiled, snapshot, state, eventType);
      if (divergence) {
        const where = { kind: compiled.kind, input: '(every state)', seed: 0, walk: -1 };
        return { ...where, events: [eventType], fromState: state, ...divergence };
      }
    }
  }
  return null;
}

interface ComparedStep {
  snapshot: AnyMachineSnapshot;
  state: number;
  divergence?: { expected: ConformanceView; actual: ConformanceView };
}

/** Applies one event to both sides and compares verdict, value, context and finality. */
function compareStep(
  machine: AnyStateMachine,
  compiled: CompiledMachine,
  snapshot: AnyMachineSnapshot,
  state: number,
  eventType: string,
): ComparedStep {
  const step = xstateStep(machine, snapshot, eventType);
  const target = compiled.next(state, eventType);
  const nextState = target === -1 ? state : target;
  const expected = viewOfSnapshot(step.enabled, step.snapshot);
  const actual = viewOfCompiled(target !== -1, compiled, nextState);
  return sameView(expected, actual)
    ? { snapshot: step.snapshot, state: nextState }
    : { snapshot: step.snapshot, state: nextState, divergence: { expected, actual } };
}

/** Renders a divergence as a readable, reproducible message. */
export function formatDivergence(d: ConformanceDivergence): string {
  const show = (v: ConformanceView) =>
    `${v.enabled ? 'enabled' : 'not enabled'} -> ${v.value}${v.final ? ' (final)' : ''} ${v.context}`;
  return (
    `Compiled '${d.kind}' ${d.input} diverges from XState (seed ${d.seed}, walk ${d.walk}, ` +
    `from state #${d.fromState}) after [${d.events.join(', ')}]:\n` +
    `  xstate:   ${show(d.expected)}\n  compiled: ${show(d.actual)}`
  );
}

function pickEvent(
  snapshot: AnyMachineSnapshot,
  eventTypes: readonly string[],
  int: (n: number) => number,
): string {
  if (int(2) === 0) {
    const enabled = eventTypes.filter(
      (type) => snapshot.status === 'active' && snapshot.can({ type }),
    );
    if (enabled.length > 0) return enabled[int(enabled.length)]!;
  }
  return eventTypes[int(eventTypes.length)]!;
}

function viewOfSnapshot(enabled: boolean, snapshot: AnyMachineSnapshot): ConformanceView {
  return {
    enabled,
    value: toStateValue(snapshot),
    context: stableStringify(snapshot.context),
    final: snapshot.status === 'done',
  };
}

function viewOfCompiled(
  enabled: boolean,
  compiled: CompiledMachine,
  state: number,
): ConformanceView {
  const compiledState = compiled.states[state];
  return {
    enabled,
    value: compiledState?.value ?? `<no state #${state}>`,
    context: stableStringify(compiledState?.context ?? null),
    final: compiled.isFinal(state),
  };
}

function sameView(a: ConformanceView, b: ConformanceView): boolean {
  return (
    a.enabled === b.enabled && a.value === b.value && a.context === b.context && a.final === b.final
  );
}
