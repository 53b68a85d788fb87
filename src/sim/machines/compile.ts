/**
 * Compiles one XState machine, for one input, into a dense integer transition table.
 *
 * The checker explores millions of edges and XState's interpreter manages ~10-100k
 * transitions/s, so the engine never calls it per edge. Our machines take payload-free events
 * and guard only on small integer contexts, so the reachable (state value, context) pairs are
 * few: a breadth-first search over every event from the initial snapshot, with XState's own
 * `transition()` as the oracle, enumerates them all. Ids are assigned in BFS order (0 = initial),
 * so the table is deterministic. `conformance.ts` checks the result against XState again.
 */
import { initialTransition } from 'xstate';
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { InternalError } from '../../core/assert';
import { stableStringify } from '../../core/hash';
import { toStateKey, toStateValue, xstateStep } from './xstateStep';
import type { CompiledMachine, CompiledState, MachineKind } from './types';

/** Default hard limit on the reachable states of one compiled machine. */
export const COMPILED_STATE_COUNT_MAX = 10_000;

export interface CompileOptions {
  /** Compilation throws a {@link MachineCompileError} beyond this many states. */
  stateCountMax?: number;
}

/** A machine or its input cannot be compiled (bad input, limit reached, unsupported shape). */
export class MachineCompileError extends Error {
  override name = 'MachineCompileError';
}

/**
 * Enumerates the reachable states of `machine` under `input` and builds its table.
 * `eventTypes` is the canonical event order; it must list exactly the machine's events.
 */
export function compileMachine(
  kind: MachineKind,
  machine: AnyStateMachine,
  input: unknown,
  eventTypes: readonly string[],
  options: CompileOptions = {},
): CompiledMachine {
  const stateCountMax = options.stateCountMax ?? COMPILED_STATE_COUNT_MAX;
  const where = `machine '${kind}' with input ${toShortJson(input)}`;
  assertSameEvents(where, machine, eventTypes);

  const snapshots: AnyMachineSnapshot[] = [];
  const idByKey = new Map<string, number>();
  const intern = (snapshot: AnyMachineSnapshot): number => {
    const key = toStateKey(snapshot);
    const known = idByKey.get(key);
    if (known !== undefined) return known;
    if (snapshots.length >= stateCountMax) {
      throw new MachineCompileError(
        `Cannot compile ${where}: more than ${stateCountMax} reachable states (stateCountMax).`,
      );
    }
    idByKey.set(key, snapshots.length);
    snapshots.push(snapshot);
    return snapshots.length - 1;
  };

  const [initialSnapshot] = initialTransition(machine, input);
  intern(initialSnapshot);
  const targets: number[] = [];
  // `snapshots` grows while we scan it: that is the BFS queue.
  for (let id = 0; id < snapshots.length; id++) {
    const snapshot = snapshots[id] as AnyMachineSnapshot;
    for (const eventType of eventTypes) {
      const step = xstateStep(machine, snapshot, eventType);
      targets.push(step.enabled ? intern(step.snapshot) : -1);
    }
  }
  const states = snapshots.map((s) => toCompiledState(where, s));
  const finals = snapshots.map((s) => s.status === 'done');
  return createCompiledMachine(kind, states, finals, eventTypes, Int32Array.from(targets));
}

function assertSameEvents(where: string, machine: AnyStateMachine, eventTypes: readonly string[]) {
  const declared = [...eventTypes].sort().join(',');
  const actual = [...machine.events].sort().join(',');
  if (declared !== actual) {
    throw new MachineCompileError(
      `Cannot compile ${where}: event types [${declared}] differ from the machine's [${actual}].`,
    );
  }
}

function toCompiledState(where: string, snapshot: AnyMachineSnapshot): CompiledState {
  const context: unknown = snapshot.context;
  const entries = Object.entries(context as Record<string, unknown>);
  for (const [name, v] of entries) {
    if (!Number.isSafeInteger(v)) {
      throw new MachineCompileError(
        `Cannot compile ${where}: context.${name} = ${JSON.stringify(v)} is not an integer.`,
      );
    }
  }
  return Object.freeze({
    value: toStateValue(snapshot),
    context: Object.freeze(Object.fromEntries(entries) as Record<string, number>),
  });
}

/**
 * Wraps a table (row-major: `table[state * eventTypes.length + eventIndex]` = next id or -1)
 * as a {@link CompiledMachine}. Exported for tests that need a deliberately wrong table.
 */
export function createCompiledMachine(
  kind: MachineKind,
  states: readonly CompiledState[],
  finals: readonly boolean[],
  eventTypes: readonly string[],
  table: Int32Array,
): CompiledMachine {
  const eventCount = eventTypes.length;
  if (table.length !== states.length * eventCount || finals.length !== states.length) {
    throw new InternalError(`Compiled '${kind}': table size does not match states × events.`);
  }
  const eventIndexByType = new Map(eventTypes.map((type, i) => [type, i]));
  const idByKey = new Map(states.map((s, id) => [toCompiledKey(s.value, s.context), id]));
  const finalFlags = Uint8Array.from(finals, (f) => (f ? 1 : 0));

  const nextByIndex = (state: number, eventIndex: number): number => {
    const target = table[state * eventCount + eventIndex];
    if (target === undefined || eventIndex < 0 || eventIndex >= eventCount) {
      throw new InternalError(`Compiled '${kind}': no state ${state} or event #${eventIndex}.`);
    }
    return target;
  };
  const eventIndex = (eventType: string): number => {
    const index = eventIndexByType.get(eventType);
    if (index === undefined) {
      throw new InternalError(
        `Compiled '${kind}': unknown event ${eventType} (known: ${eventTypes.join(', ')}).`,
      );
    }
    return index;
  };
  return Object.freeze({
    kind,
    states: Object.freeze([...states]),
    initial: 0,
    eventTypes: Object.freeze([...eventTypes]),
    next: (state: number, eventType: string) => nextByIndex(state, eventIndex(eventType)),
    nextByIndex,
    eventIndex,
    isFinal: (state: number) => finalFlags[state] === 1,
    findState: (value: string, context: Readonly<Record<string, number>>) =>
      idByKey.get(toCompiledKey(value, context)) ?? -1,
  });
}

/** Canonical JSON of a value for error messages, cut at 200 characters. */
export function toShortJson(value: unknown): string {
  const json = stableStringify(value);
  return json.length <= 200 ? json : `${json.slice(0, 200)}... (${json.length} chars)`;
}

function toCompiledKey(value: string, context: Readonly<Record<string, number>>): string {
  return `${value}|${stableStringify(context)}`;
}
