/**
 * Messages on the move at a step, for the topology's animation: every message enqueued (producer
 * endpoint -> the destination's queue) or delivered (queue -> consumer endpoint) by the step that
 * led to the shown world, on the ids of the edges `toTopology` draws.
 */
import type { ExerciseManifest } from '../sim/manifest';
import type { TraceEvent } from '../sim/trace';
import { nodeId } from './topology';

export interface MessageInFlight {
  /** The topology edge it travels along (`source->target`, as in `toTopology`). */
  edgeId: string;
  source: string;
  target: string;
  kind: 'enqueue' | 'deliver';
  /** The message types on this edge at this step, e.g. "SubmitOrder" or "AddItem ×2". */
  label: string;
  messageIds: string[];
}

/**
 * The messages that travel in the step shown at `cursor` (the number of steps applied, as in the
 * session's view: the step is `cursor - 1`), one entry per edge, in trace order. Enqueues by a
 * producer that is not an endpoint of the manifest, or to a destination without a queue, have no
 * edge and are left out.
 */
export function messagesInFlightAt(
  events: readonly TraceEvent[],
  cursor: number,
  manifest: ExerciseManifest,
): MessageInFlight[] {
  const step = cursor - 1;
  const isQueue = (name: string) => manifest.endpoints[name]?.kind === 'messages';
  const byEdge = new Map<string, MessageInFlight & { types: string[] }>();
  const add = (
    kind: MessageInFlight['kind'],
    source: string,
    target: string,
    type: string,
    messageId: string,
  ) => {
    const edgeId = `${source}->${target}`;
    let entry = byEdge.get(edgeId);
    if (!entry)
      byEdge.set(
        edgeId,
        (entry = { edgeId, source, target, kind, label: '', messageIds: [], types: [] }),
      );
    entry.types.push(type);
    entry.messageIds.push(messageId);
  };
  for (const e of events) {
    if (e.step !== step) continue;
    if (e.type === 'enqueue') {
      if (manifest.endpoints[e.producedBy.endpoint] === undefined || !isQueue(e.destination))
        continue;
      add(
        'enqueue',
        nodeId.endpoint(e.producedBy.endpoint),
        nodeId.queue(e.destination),
        e.messageType,
        e.messageId,
      );
    } else if (e.type === 'deliver') {
      if (!isQueue(e.endpoint)) continue;
      add(
        'deliver',
        nodeId.queue(e.endpoint),
        nodeId.endpoint(e.endpoint),
        e.messageType,
        e.messageId,
      );
    }
  }
  return [...byEdge.values()].map(({ types, ...m }) => ({ ...m, label: labelOf(types) }));
}

/** "A, B ×2" for the types in first-seen order. */
function labelOf(types: string[]): string {
  const counts = new Map<string, number>();
  for (const t of types) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].map(([t, n]) => (n > 1 ? `${t} ×${n}` : t)).join(', ');
}
