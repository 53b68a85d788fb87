/**
 * Partial-order reduction for the checker: a broker step that commutes with everything else that
 * can happen may be explored alone, instead of interleaved with every other actor's steps.
 *
 * Contract: `safeStep(world, enabled)` returns the index in `enabled` of a SAFE step, or -1. A
 * safe step is one of two broker steps, under conditions that make it independent of every step
 * any other actor can take before it (now or later), so that delaying the others after it loses
 * no state the search must see (the "ample set" conditions C0-C1 of Clarke, Grumberg and Peled):
 * - delivering copy k, the first copy in the whole list bound for its endpoint E (none waits for
 *   a delayed retry ahead of it), when E runs no handler (none can crash or lose its lease and put
 *   its copy back ahead of k) and no reorder, duplicate or delay fault is left in the budget
 *   (budgets only shrink: nothing can overtake k, copy it or hold it back later; copies enqueued
 *   meanwhile queue behind it);
 * - acknowledging the input of an attempt that has returned (phase `ack`), when no fault is left
 *   that could strike that attempt instead (a crash, a failed ack, an expired lease).
 * Neither reads or writes a store, an external API, a request, a tab, the fault budget or the
 * history; the model checks that (by identity of those sections, copy-on-write keeps them) on
 * every step it takes alone. The rest of the argument is the model's (simModel.ts):
 * - C2, invisibility: while reducing, `always` and `sometimes` invariants read a world without the
 *   sections safe steps write (copies, invocations, endpoints, names minted); one that reads them
 *   ends the reduced search, and the check runs unreduced.
 * - C3, no step postponed forever: each safe step strictly lowers (2 x copies + unleased copies),
 *   which no safe step raises, so every cycle takes a step of a fully expanded state.
 * Deadlocks, cycles and the states invariants see are preserved; a check that does not pass is
 * run again unreduced, so counterexamples stay the shortest (explorer.ts).
 */
import { canInject } from './faults';
import type { FaultBudget } from './faults';
import type { Choice } from './choices';
import type { World } from './world';

/** The sections only safe steps write: invariants of a reduced search must not read them. */
export const BROKER_SECTIONS = ['copies', 'invocations', 'endpoints', 'minted'] as const;

/** The index of a safe step in `enabled`, or -1 (see the top). */
export function safeStepIndex(
  world: World,
  enabled: readonly Choice[],
  budget: FaultBudget,
): number {
  if (enabled.length < 2) return -1;
  for (let i = 0; i < enabled.length; i++) {
    const c = enabled[i]!;
    if (c.t === 'deliver' && !c.reorder && safeDelivery(world, c.copyId, budget)) return i;
    if (
      c.t === 'run' &&
      c.outcome === 'ok' &&
      c.option === undefined &&
      safeAck(world, enabled, c.attemptId)
    )
      return i;
  }
  return -1;
}

function safeDelivery(world: World, copyId: string, budget: FaultBudget): boolean {
  if (
    canInject(world, budget, 'reorder') ||
    canInject(world, budget, 'duplicate') ||
    canInject(world, budget, 'delay')
  )
    return false;
  const copy = world.copies.find((c) => c.copyId === copyId);
  if (!copy) return false;
  const endpoint = copy.destination;
  // First of all copies bound for E, whatever their state (leased, delayed, queued).
  if (world.copies.find((c) => c.destination === endpoint) !== copy) return false;
  if (world.invocations.some((i) => i.endpoint === endpoint)) return false;
  // With no reorder left, k is the only copy bound for E that can be delivered; with no duplicate
  // or delay left, no other choice concerns it.
  return true;
}

function safeAck(world: World, enabled: readonly Choice[], attemptId: string): boolean {
  const inv = world.invocations.find((i) => i.attemptId === attemptId);
  if (!inv || inv.kind !== 'message' || inv.pending.phase !== 'ack') return false;
  let alternatives = 0;
  for (const other of enabled)
    if ((other.t === 'run' || other.t === 'expireLease') && other.attemptId === attemptId)
      alternatives++;
  // Only this step itself: no crash, failed ack or expired lease can strike the attempt now, and
  // none can later (their budgets only shrink, and the attempt does not change until it acks).
  return alternatives === 1;
}
