import { coreInvariants, defineExercise, docs, invariant } from '../../src/sim';
import type { InitialMessage, InvariantWorld } from '../../src/sim';

// Alice adds two portions to her order in quick succession.
const commands: InitialMessage[] = [
  {
    destination: 'Orders',
    type: 'AddItem',
    id: 'add-1',
    payload: { orderId: 'cart-1', filling: 'Strawberry' },
  },
  {
    destination: 'Orders',
    type: 'AddItem',
    id: 'add-2',
    payload: { orderId: 'cart-1', filling: 'Meat' },
  },
];

const orderOfCommand = new Map(
  commands.map((c) => [c.id!, (c.payload as { orderId: string }).orderId]),
);

/** Distinct FirstItemAdded messages (by id) Orders published, per order. */
function firstItemAddedPerOrder(w: InvariantWorld): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [id, e] of Object.entries(w.history.enqueued)) {
    if (e.type !== 'FirstItemAdded') continue;
    const orderId = orderOfCommand.get(e.producedBy.incomingId) ?? '?';
    if (!out.has(orderId)) out.set(orderId, new Set());
    out.get(orderId)!.add(id);
  }
  return out;
}

export default defineExercise({
  id: 'outbox',
  title: 'Outbox: store the outgoing messages',
  summary:
    'A message derived from the current state is lost when a retry sees a newer state: store outgoing messages with the change.',
  block: 'Outbox and inbox',
  endpoints: {
    Orders: {
      kind: 'messages',
      handles: { AddItem: 'onAddItem' },
      // A failed message waits a little before its retry; others go ahead meanwhile.
      retries: { immediate: 0, delayed: 1, backoffBaseTicks: 10 },
    },
    Marketing: { kind: 'messages', handles: { FirstItemAdded: 'onFirstItemAdded' } },
  },
  subscriptions: { FirstItemAdded: ['Marketing'] },
  stores: {
    db: {
      kind: 'documents',
      initial: {
        orders: {
          'cart-1': {
            cartId: 'cart-1',
            customer: 'alice',
            items: [],
            lines: [],
            processedMessages: [],
            outbox: {},
          },
        },
      },
    },
  },
  workload: { messages: commands },
  // One failure: the broker rejects a publish, or the database rejects a write.
  faults: { total: 1, perKind: { sendFail: 1, storeFail: 1 } },
  invariants: [
    invariant(
      'firstItemAddedExactlyOnce',
      'atQuiescence',
      'Every order that got an item is announced with FirstItemAdded exactly once.',
      (w) => {
        const published = firstItemAddedPerOrder(w);
        for (const [id, order] of docs<{ lines: string[] }>(w, 'orders')) {
          if (order.lines.length === 0) continue;
          const n = published.get(id)?.size ?? 0;
          if (n !== 1)
            return `Order ${id} has ${order.lines.length} line(s), but FirstItemAdded was published ${n === 0 ? 'never' : `${n} times`}.`;
        }
        return true;
      },
    ),
    coreInvariants.consistentOutput,
    coreInvariants.noLostMessages,
  ],
  // The processed ids and the outbox are bookkeeping inside the order document.
  outcome: { ignore: ['db/orders.processedMessages', 'db/orders.outbox'] },
  equivalentMutants: {
    'delete-call in onAddItem #2':
      'removing the sent entry only spares re-dispatching: a re-dispatch keeps the stored ids, which Marketing deduplicates',
    'drop-expectedVersion in onAddItem #1':
      'Orders handles one message at a time: nothing writes the order between the load and the store',
    'drop-expectedVersion in onAddItem #2':
      'Orders handles one message at a time: nothing writes the order between the two stores',
    'drop-expectedVersion in onFirstItemAdded #1':
      'Marketing handles one message at a time: a second copy always finds the record and stops',
  },
  files: {
    variants: {
      'clear-before-dispatch': {
        description:
          'Stores the outgoing messages with the change, but clears them before publishing: a failed publish leaves nothing to retry.',
        violates: 'firstItemAddedExactlyOnce',
      },
      'outbox-in-second-write': {
        description:
          'Saves the new line first and the outgoing messages in a second write: if that write fails, the retry is a duplicate with nothing to send.',
        violates: 'firstItemAddedExactlyOnce',
      },
      'ids-at-dispatch': {
        description:
          'Stores the outgoing messages without ids: every dispatch stamps a new one, so a repeated dispatch is a different message.',
        violates: 'consistentOutput',
      },
    },
  },
});
