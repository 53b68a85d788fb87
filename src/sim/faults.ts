/**
 * Faults as data. Each fault the engine can inject is a kind with a budget (per kind and in
 * total); an exercise sets the budgets, the learner can change them, and the engine only offers
 * a fault step while its budget lasts. Bounded faults keep every exercise's state space finite.
 */
import type { World } from './world';
import { own } from './cloneWorld';

export const FAULT_KINDS = [
  'storeFail',
  'sendFail',
  'externalFail',
  'externalCommitLost',
  'crash',
  'ackFail',
  'duplicate',
  'reorder',
  'delay',
  'leaseExpire',
  'requestLost',
  'responseLost',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export const FAULT_DESCRIPTIONS: Record<FaultKind, string> = {
  storeFail: 'a database call fails (the write does not happen)',
  sendFail: 'the broker rejects a send (broker outage)',
  externalFail: 'a call to an external API fails before it does anything',
  externalCommitLost: 'an external API does the work, then its response is lost',
  crash: 'the process crashes right after a step',
  ackFail: 'acknowledging a message fails, so it is redelivered',
  duplicate: 'the broker delivers an extra copy of a message',
  reorder: 'a later message is delivered before an earlier one',
  delay: 'a message is delivered later than the ones behind it',
  leaseExpire: "a message's lease expires while its handler still runs",
  requestLost: 'an HTTP request is lost on the way to the server',
  responseLost: "an HTTP response is lost on the way back (the server's work is done)",
};

export interface FaultBudget {
  /** Faults of all kinds together. */
  total: number;
  /** Per kind; a kind that is absent gets 0. */
  perKind: Partial<Record<FaultKind, number>>;
}

export function canInject(world: World, budget: FaultBudget, kind: FaultKind): boolean {
  if (world.faults.total >= budget.total) return false;
  return (world.faults.byKind[kind] ?? 0) < (budget.perKind[kind] ?? 0);
}

export function recordFault(world: World, kind: FaultKind): void {
  const faults = own(world, 'faults');
  faults.total += 1;
  faults.byKind[kind] = (faults.byKind[kind] ?? 0) + 1;
}
