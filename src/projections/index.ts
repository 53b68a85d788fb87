/** Projections: pure functions from the trace and the world to what the views draw. */
export { toSequenceDiagram } from './sequence';
export type * from './sequenceTypes';
export { stepNumber } from './sequenceTypes';
export { toTopology } from './topology';
export type * from './topology';
export { messagesInFlightAt } from './messagesInFlight';
export type { MessageInFlight } from './messagesInFlight';
