/**
 * The reference semantics: one event applied with XState's own pure `transition()`. Both the
 * compiler (to build the table) and the conformance checker (to judge it) go through here, so
 * "enabled" means one thing everywhere.
 *
 * Enabled = the snapshot is active and `snapshot.can(event)`. "`transition` returned the same
 * snapshot object" is NOT used as the test of enabledness: XState also returns the same object
 * for an enabled self-transition that changes nothing (externalApi's CALL_OK when the last call
 * already responded), and returns a new object for a done snapshot. Disabled must still mean
 * unchanged; a machine breaking that (e.g. root-level `on` next to final states, which XState
 * applies even after the machine is done) is rejected with an error.
 */
import { transition } from 'xstate';
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { stableStringify } from '../../core/hash';
import { InternalError } from '../../core/assert';

export interface XStateStep {
  enabled: boolean;
  /** The snapshot after the event (the same one when not enabled). */
  snapshot: AnyMachineSnapshot;
}

export function xstateStep(
  machine: AnyStateMachine,
  snapshot: AnyMachineSnapshot,
  eventType: string,
): XStateStep {
  const event = { type: eventType };
  const enabled = snapshot.status === 'active' && snapshot.can(event);
  const [next] = transition(machine, snapshot, event);
  if (!enabled && next !== snapshot && toStateKey(next) !== toStateKey(snapshot)) {
    throw new InternalError(
      `Machine '${machine.id}': event ${eventType} is not enabled in ${toStateKey(snapshot)} ` +
        `but XState moved it to ${toStateKey(next)}; compiled machines must not do that.`,
    );
  }
  return enabled ? { enabled, snapshot: next } : { enabled, snapshot };
}

/** A flat machine's state value (compiled machines have no nested or parallel states). */
export function toStateValue(snapshot: AnyMachineSnapshot): string {
  const value: unknown = snapshot.value;
  if (typeof value !== 'string') {
    throw new InternalError(
      `Machine '${snapshot.machine.id}': state value ${JSON.stringify(value)} is not flat; ` +
        'only flat machines can be compiled.',
    );
  }
  return value;
}

/** Identity of a (state value, context) pair, also including the status (done or not). */
export function toStateKey(snapshot: AnyMachineSnapshot): string {
  return `${toStateValue(snapshot)}|${snapshot.status}|${stableStringify(snapshot.context)}`;
}
