import { coreInvariants, defineExercise, doc, invariant } from '../../src/sim';
import type { InvariantWorld } from '../../src/sim';

interface OrderPlaced {
  type: 'OrderPlaced';
  customer: string;
  order: string;
  amount: number;
}

interface HistoryView {
  orders: number;
  total: number;
  checkpoint?: number;
}

const STREAM = 'orders-alice';
const VIEW = 'history-alice';

/** Alice's orders, as Orders recorded them: versions 1, 2, 3 of her stream. */
const PLACED: OrderPlaced[] = [
  { type: 'OrderPlaced', customer: 'alice', order: 'order-1', amount: 20 },
  { type: 'OrderPlaced', customer: 'alice', order: 'order-2', amount: 30 },
  { type: 'OrderPlaced', customer: 'alice', order: 'order-3', amount: 50 },
];

/** The source of truth: the events in alice's stream, in stream order. */
function source(w: InvariantWorld): OrderPlaced[] {
  const s = w.stores.orders;
  if (!s || s.kind !== 'events') return [];
  return (s.streams[STREAM] ?? []).map((e) => e.data as OrderPlaced);
}

const view = (w: InvariantWorld) => doc<HistoryView>(w, 'views', VIEW, 'history');

/** Whether `v` counts some of `events`, each at most once (a fold of a subset of them). */
function countsEachAtMostOnce(v: HistoryView, events: OrderPlaced[]): boolean {
  for (let subset = 0; subset < 1 << events.length; subset++) {
    let orders = 0;
    let total = 0;
    events.forEach((e, i) => {
      if (subset & (1 << i)) {
        orders += 1;
        total += e.amount;
      }
    });
    if (orders === v.orders && total === v.total) return true;
  }
  return false;
}

export default defineExercise({
  id: 'projection-checkpoint',
  title: 'A projection with a checkpoint',
  summary:
    "Alice's order history is built from Orders' events; a duplicate or a crash counts an order twice.",
  block: 'Event sourcing',
  endpoints: {
    History: {
      kind: 'messages',
      handles: { OrderEvent: 'onOrderEvent' },
      retries: { immediate: 1, delayed: 0, backoffBaseTicks: 10 },
    },
  },
  stores: {
    orders: { kind: 'events', initial: { [STREAM]: PLACED } },
    history: { kind: 'documents' },
  },
  workload: {
    // The broker feeds History one message per event, in stream order.
    messages: PLACED.map((data, i) => ({
      destination: 'History',
      type: 'OrderEvent',
      id: `event-${i + 1}`,
      payload: { stream: STREAM, version: i + 1, ...data },
    })),
  },
  // One fault per run: an extra copy of an event, an event delivered after later ones, or a
  // crash. Each known-bad variant needs only one; the settings panel allows more.
  faults: { total: 1, perKind: { duplicate: 1, delay: 1, crash: 1 } },
  // The README's first step plays seed 1: a day where the broker duplicates event-3.
  opening: { seed: 1 },
  invariants: [
    invariant(
      'neverCountsTwice',
      'always',
      "At every moment, alice's order history counts each of her orders at most once.",
      (w) => {
        const v = view(w);
        if (!v || countsEachAtMostOnce(v, source(w))) return true;
        return `The history shows ${v.orders} orders for ${v.total} USD, but no ${v.orders} of alice's orders add up to that: an order is counted twice.`;
      },
    ),
    coreInvariants.noDeadLetters,
    invariant(
      'projectionEqualsFold',
      'atQuiescence',
      "When all is done, the history equals a fold of alice's stream, and its checkpoint is at the stream's last version.",
      (w) => {
        const events = source(w);
        const orders = events.length;
        const total = events.reduce((t, e) => t + e.amount, 0);
        const v = view(w);
        if (!v) return `Alice's order history (views/${VIEW}) was never written.`;
        if (v.orders !== orders || v.total !== total)
          return `The history shows ${v.orders} orders for ${v.total} USD, but alice's stream holds ${orders} orders for ${total} USD.`;
        if (typeof v.checkpoint === 'number' && v.checkpoint !== orders)
          return `The history's checkpoint is ${v.checkpoint}, but alice's stream is at version ${orders}.`;
        return true;
      },
    ),
  ],
  // The checkpoint is the projection's bookkeeping, not what History shows.
  outcome: { ignore: ['history/views.checkpoint'] },
  equivalentMutants: {
    'drop-expectedVersion in onOrderEvent #1':
      'History handles one event at a time: nothing writes the view between the load and the store',
  },
  files: {
    variants: {
      'checkpoint-after-view': {
        description:
          'Keeps the checkpoint in its own document, saved after the view: a crash between the two writes counts the event again.',
        violates: 'neverCountsTwice',
      },
      'apply-past-gaps': {
        description:
          'Ignores events at or below the checkpoint, but applies an event beyond a gap and moves the checkpoint past the missing one.',
        violates: 'projectionEqualsFold',
      },
      'last-event-id-only': {
        description:
          'Remembers only the id of the last event applied: a late duplicate of an older event is counted again.',
        violates: 'neverCountsTwice',
      },
      'fail-on-gap': {
        description:
          'Waits for a gap by throwing: the retries run out before the missing event arrives.',
        violates: 'noDeadLetters',
      },
    },
  },
});
