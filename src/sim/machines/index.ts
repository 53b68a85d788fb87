/**
 * The simulation's actor machines: XState v5 definitions (shown in the UI) compiled, once per
 * input, into dense integer transition tables (used by the engine and the checker). See
 * README.md in this folder.
 */
export type { CompiledMachine, CompiledState, MachineInputs, MachineKind } from './types';
export {
  MACHINE_KINDS,
  getCompiledMachine,
  machineEventTypes,
  machines,
  toXStateSnapshot,
} from './registry';
export {
  COMPILED_STATE_COUNT_MAX,
  MachineCompileError,
  compileMachine,
  createCompiledMachine,
} from './compile';
export type { CompileOptions } from './compile';
export { checkAllTransitions, checkConformance, formatDivergence } from './conformance';
export type { ConformanceDivergence, ConformanceOptions, ConformanceView } from './conformance';
export { xstateStep } from './xstateStep';
export { COPY_EVENT_TYPES } from './copyMachine';
export type { CopyContext, CopyEvent, CopyEventType, CopyInput } from './copyMachine';
export { HTTP_REQUEST_EVENT_TYPES } from './httpRequestMachine';
export type {
  HttpRequestContext,
  HttpRequestEvent,
  HttpRequestEventType,
  HttpRequestInput,
} from './httpRequestMachine';
export { USER_TAB_EVENT_TYPES, userTabInputFor } from './userTabMachine';
export type {
  UserTabAction,
  UserTabContext,
  UserTabEvent,
  UserTabEventType,
  UserTabInput,
} from './userTabMachine';
export { ENDPOINT_EVENT_TYPES } from './endpointMachine';
export type {
  EndpointContext,
  EndpointEvent,
  EndpointEventType,
  EndpointInput,
} from './endpointMachine';
export { EXTERNAL_API_EVENT_TYPES } from './externalApiMachine';
export type {
  ExternalApiContext,
  ExternalApiEvent,
  ExternalApiEventType,
  ExternalApiInput,
} from './externalApiMachine';
