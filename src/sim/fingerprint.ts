/**
 * The checker's fingerprint of a world: 64 bits over exactly what shapes its future and its
 * invariants. Names are already canonical (naming.ts); on top of that, orders the semantics never
 * reads are left out, so runs that differ only in them meet in one state:
 * - message copies: only their order within one destination matters (each queue is FIFO, a
 *   reorder fault picks a copy behind the head), so copies are hashed per destination;
 * - handlers in flight, HTTP requests in flight and tabs: sets, hashed by id.
 * Equal fingerprints therefore mean equal futures up to the order in which `enabledSteps` lists
 * the same choices. The checker keeps the first world it met and replays counterexamples from its
 * own choices, so a trace is always exact.
 */
import { fingerprint64 } from '../core/hash';
import type { Hash64 } from '../core/hash';
import { symmetricFingerprint } from './symmetry';
import type { Interchangeable } from './symmetry';
import type { Invocation, HttpRequestState, MessageCopy, UserTabState, World } from './world';

export function fingerprintWorld(world: World): Hash64 {
  return fingerprint64(orderFree(world));
}

/**
 * The fingerprint a check uses: over everything (`all`) or only what outcomes depend on
 * (`outcomes`, see `outcomeView`), and canonical under the manifest's interchangeable
 * ids when it declares some (symmetry.ts).
 */
export function createFingerprint(
  interchangeable: Interchangeable | undefined,
  scope: 'all' | 'outcomes',
): (world: World) => Hash64 {
  const view = scope === 'all' ? orderFree : outcomeView;
  if (!interchangeable || interchangeable.flat().length === 0)
    return (world) => fingerprint64(view(world));
  const symmetric = symmetricFingerprint(interchangeable);
  return (world) => symmetric(view(world));
}

/**
 * For a search that only collects end outcomes (the oracle's reference runs): the history that
 * only invariants read is left out too. What the outcome observer and the intent classifier read
 * stays (messages enqueued, dead letters, requests' intents, failed requests); no transition reads
 * the rest (who committed, ghosts, intended sends, lost updates), so equal fingerprints still mean
 * equal futures and equal outcomes.
 */
function outcomeView(world: World): Record<string, unknown> {
  const h = world.history;
  return {
    ...orderFree(world),
    history: {
      enqueued: h.enqueued,
      deadLettered: h.deadLettered,
      requestIntents: h.requestIntents,
      failedRequests: h.failedRequests,
    },
  };
}

function orderFree(world: World): Record<string, unknown> {
  const queues: Record<string, MessageCopy[]> = {};
  for (const c of world.copies) (queues[c.destination] ??= []).push(c);
  const running: Record<string, Invocation> = {};
  for (const i of world.invocations) running[i.attemptId] = i;
  const requests: Record<string, HttpRequestState> = {};
  for (const r of world.requests) requests[r.requestId] = r;
  const tabs: Record<string, UserTabState> = {};
  for (const t of world.tabs) tabs[t.tab] = t;
  return { ...world, copies: queues, invocations: running, requests, tabs };
}
