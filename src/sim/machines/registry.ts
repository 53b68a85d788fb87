/**
 * The actor machines by kind, their input validation, and the compiled-table cache. A machine is
 * compiled once per (kind, canonical JSON of input) and the result is shared: it is immutable.
 */
import type { AnyMachineSnapshot } from 'xstate';
import { stableStringify } from '../../core/hash';
import { MachineCompileError, compileMachine, toShortJson } from './compile';
import { COPY_EVENT_TYPES, copyMachine } from './copyMachine';
import { ENDPOINT_EVENT_TYPES, endpointMachine } from './endpointMachine';
import { EXTERNAL_API_EVENT_TYPES, externalApiMachine } from './externalApiMachine';
import { HTTP_REQUEST_EVENT_TYPES, httpRequestMachine } from './httpRequestMachine';
import { USER_TAB_EVENT_TYPES, userTabMachine } from './userTabMachine';
import type { CompiledMachine, MachineInputs, MachineKind } from './types';

/** The XState definitions, for the UI (current state highlighted) and the conformance tests. */
export const machines = {
  copy: copyMachine,
  httpRequest: httpRequestMachine,
  userTab: userTabMachine,
  endpoint: endpointMachine,
  externalApi: externalApiMachine,
} as const;

/** Each kind's event types in canonical order (the compiled event indexes). */
export const machineEventTypes: { readonly [K in MachineKind]: readonly string[] } = {
  copy: COPY_EVENT_TYPES,
  httpRequest: HTTP_REQUEST_EVENT_TYPES,
  userTab: USER_TAB_EVENT_TYPES,
  endpoint: ENDPOINT_EVENT_TYPES,
  externalApi: EXTERNAL_API_EVENT_TYPES,
};

export const MACHINE_KINDS: readonly MachineKind[] = Object.keys(machines) as MachineKind[];

/** Compiled machines kept at most; beyond, the cache starts afresh (inputs are per exercise). */
const CACHE_ENTRIES_MAX = 256;
const cache = new Map<string, CompiledMachine>();

/**
 * The compiled table of a kind of machine for an input, compiled on first use and cached.
 * Throws a {@link MachineCompileError} for an invalid input or beyond
 * COMPILED_STATE_COUNT_MAX states.
 */
export function getCompiledMachine<K extends MachineKind>(
  kind: K,
  input: MachineInputs[K],
): CompiledMachine {
  const key = `${kind}:${stableStringify(input)}`;
  const cached = cache.get(key);
  if (cached) return cached;
  assertValidInput(kind, input);
  const compiled = compileMachine(kind, machines[kind], input, machineEventTypes[kind]);
  if (cache.size >= CACHE_ENTRIES_MAX) cache.clear();
  cache.set(key, compiled);
  return compiled;
}

/** The XState snapshot of a compiled state, e.g. for the UI's state highlighting. */
export function toXStateSnapshot(compiled: CompiledMachine, state: number): AnyMachineSnapshot {
  const compiledState = compiled.states[state];
  if (!compiledState) throw new MachineCompileError(`No state ${state} in '${compiled.kind}'.`);
  return machines[compiled.kind].resolveState({
    value: compiledState.value,
    context: { ...compiledState.context },
  } as never);
}

function assertValidInput(kind: MachineKind, input: unknown): void {
  const problem = findInputProblem(kind, input as Record<string, unknown>);
  if (problem) {
    throw new MachineCompileError(
      `Invalid input for machine '${kind}': ${problem} (got ${toShortJson(input)}).`,
    );
  }
}

function findInputProblem(kind: MachineKind, input: Record<string, unknown>): string | undefined {
  if (typeof input !== 'object' || input === null) return 'the input must be an object';
  const count = (name: string, min: number) =>
    Number.isSafeInteger(input[name]) && (input[name] as number) >= min
      ? undefined
      : `${name} must be an integer >= ${min}`;
  switch (kind) {
    case 'copy':
      return count('immediateRetries', 0) ?? count('delayedRetries', 0);
    case 'httpRequest':
      return count('maxAttempts', 1);
    case 'endpoint':
      return count('concurrency', 1);
    case 'userTab':
      return (
        count('maxOutstanding', 1) ??
        (typeof input.empty === 'boolean' ? undefined : 'empty must be a boolean')
      );
    case 'externalApi':
      return Object.keys(input).length === 0 ? undefined : 'the input must be {}';
  }
}
