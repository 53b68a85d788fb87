/** The shape of a compiled machine, shared by the compiler, the registry and the engine. */
import type { CopyInput } from './copyMachine';
import type { EndpointInput } from './endpointMachine';
import type { ExternalApiInput } from './externalApiMachine';
import type { HttpRequestInput } from './httpRequestMachine';
import type { UserTabInput } from './userTabMachine';

/** The input (policy) each kind of machine is compiled for. */
export interface MachineInputs {
  copy: CopyInput;
  httpRequest: HttpRequestInput;
  userTab: UserTabInput;
  endpoint: EndpointInput;
  externalApi: ExternalApiInput;
}

export type MachineKind = 'copy' | 'httpRequest' | 'userTab' | 'endpoint' | 'externalApi';

/** One reachable (state value, context) pair of a machine. */
export interface CompiledState {
  value: string;
  /** The whole XState context; the input's policy fields are in it too (they never change). */
  context: Readonly<Record<string, number>>;
}

/** A machine compiled for one input. State ids are BFS order from the initial state (id 0). */
export interface CompiledMachine {
  kind: MachineKind;
  /** Index = compiled state id. */
  states: readonly CompiledState[];
  initial: number;
  /** The canonical event order: an event's index in this list is its `eventIndex`. */
  eventTypes: readonly string[];
  /** Next compiled state id, or -1 when the event is not enabled in that state. Throws on an
   * event type the machine does not know (an engine bug, not "not enabled"). */
  next(state: number, eventType: string): number;
  /** Like {@link next}, with the event's index in {@link eventTypes}: one array read. */
  nextByIndex(state: number, eventIndex: number): number;
  /** The index of an event type in {@link eventTypes}; throws when unknown. */
  eventIndex(eventType: string): number;
  /** Whether the state is a final state (XState status `done`). */
  isFinal(state: number): boolean;
  /** The id of a (value, context) pair, or -1 when it is not reachable. */
  findState(value: string, context: Readonly<Record<string, number>>): number;
}
