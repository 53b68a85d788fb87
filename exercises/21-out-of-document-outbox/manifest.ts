import { coreInvariants, defineExercise, doc, docs, invariant } from '../../src/sim';
import type { InitialMessage, InvariantWorld } from '../../src/sim';
import { everyLineAnnounced } from '../shared';
import type { Order } from '../types';

/** Alice adds two portions to her order in quick succession. */
const commands: InitialMessage[] = [
  {
    destination: 'Orders',
    type: 'AddItem',
    id: 'add-1',
    payload: { orderId: 'order-1', filling: 'Meat' },
  },
  {
    destination: 'Orders',
    type: 'AddItem',
    id: 'add-2',
    payload: { orderId: 'order-1', filling: 'Mushrooms' },
  },
];
const addItems = commands.map((c) => ({
  id: c.id!,
  ...(c.payload as { orderId: string; filling: string }),
}));

/** What an order may hold: its business fields and one string of overhead. */
const ORDER_FIELDS = new Set(['cartId', 'customer', 'items', 'lines', 'transactionId']);

interface ShopOrder extends Order {
  transactionId?: string | null;
}
/** An outbox document, as the README asks for: who created it, and what it sends. */
interface OutboxDoc {
  messageId?: string;
  messages?: unknown[];
}

const kvEntries = (w: InvariantWorld, store: string) => {
  const s = w.stores[store];
  return s?.kind === 'kv' ? s.entries : {};
};
const inInbox = (w: InvariantWorld, id: string) => id in kvEntries(w, 'inbox');
/** Whether the change of an AddItem is in its order (its filling is on a line). */
const committed = (w: InvariantWorld, messageId: string) => {
  const add = addItems.find((a) => a.id === messageId);
  return !!add && (doc<Order>(w, 'orders', add.orderId)?.lines ?? []).includes(add.filling);
};

// Why (almost) no core invariants: here one message finishes another's transaction, so the
// attempt that dispatches ItemAdded, or clears the order's transactionId, is often not an attempt
// of the message the change belongs to. The core ghost, duplicate, loss and consistent-output
// invariants attribute sends and commits to the attempt that performs them, and would call a
// correct handover a ghost, a duplicate or a loss. The business invariants below say the same
// things in terms of the order's lines.
export default defineExercise({
  id: 'out-of-document-outbox',
  title: 'Out-of-document outbox',
  summary:
    'Keep the outgoing messages out of the order: one transaction id in the document, the bodies in an outbox store.',
  block: 'Outbox and inbox',
  endpoints: {
    Orders: {
      kind: 'messages',
      handles: { AddItem: 'onAddItem' },
      // A failed message waits a little before its retry; the other one goes ahead meanwhile.
      retries: { immediate: 0, delayed: 2, backoffBaseTicks: 10 },
    },
    Billing: { kind: 'messages', handles: { ItemAdded: 'onItemAdded' } },
  },
  subscriptions: { ItemAdded: ['Billing'] },
  stores: {
    db: {
      kind: 'documents',
      initial: {
        orders: { 'order-1': { cartId: 'cart-1', customer: 'alice', items: [], lines: [] } },
      },
    },
    outbox: { kind: 'kv', bookkeeping: true },
    inbox: { kind: 'kv', bookkeeping: true },
  },
  workload: { messages: commands },
  faults: { total: 1, perKind: { crash: 1, sendFail: 1 } },
  invariants: [
    invariant(
      'orderStaysSmall',
      'always',
      'An order holds its own fields and one string of overhead (transactionId), never messages.',
      (w) => {
        for (const [id, order] of docs<ShopOrder>(w, 'orders')) {
          const extra = Object.keys(order).filter((k) => !ORDER_FIELDS.has(k));
          if (extra.length > 0)
            return `orders/${id} carries ${extra.join(', ')} next to its lines: the document grows with every message in progress.`;
          const tx = order.transactionId;
          if (tx !== undefined && tx !== null && typeof tx !== 'string')
            return `orders/${id} keeps more than a transaction id in transactionId.`;
        }
        return true;
      },
    ),
    invariant(
      'inboxMeansDone',
      'always',
      "An id in the inbox means that message's change is in its order.",
      (w) => {
        for (const a of addItems)
          if (inInbox(w, a.id) && !committed(w, a.id))
            return `${a.id} is marked processed, but ${a.orderId} has no ${a.filling} line: ${a.id} will be dropped as a duplicate.`;
        return true;
      },
    ),
    invariant(
      'changeAlwaysTracked',
      'always',
      "From its commit until its id is in the inbox, an AddItem's change is its order's pending transaction: at most one per order, finished before the next change.",
      (w) => {
        for (const a of addItems) {
          if (!committed(w, a.id) || inInbox(w, a.id)) continue;
          const txId = doc<ShopOrder>(w, 'orders', a.orderId)?.transactionId;
          const creator = txId
            ? (kvEntries(w, 'outbox')[txId]?.value as OutboxDoc)?.messageId
            : null;
          if (!txId)
            return `${a.id}'s change is in ${a.orderId}, but ${a.id} is neither in the inbox nor ${a.orderId}'s pending transaction: a copy of ${a.id} would be processed again.`;
          if (creator !== undefined && creator !== a.id)
            return `${a.id}'s change is in ${a.orderId} and ${a.id} is not in the inbox, but ${a.orderId} points to ${creator}'s transaction: nobody will finish ${a.id}'s.`;
        }
        return true;
      },
    ),
    invariant('lineAddedOnce', 'always', 'Each AddItem adds its line at most once.', (w) => {
      for (const [id, order] of docs<Order>(w, 'orders')) {
        const lines = order.lines ?? [];
        const twice = lines.find((l, i) => lines.indexOf(l) !== i);
        if (twice) return `orders/${id} has ${twice} twice: an AddItem was processed twice.`;
      }
      return true;
    }),
    coreInvariants.noDeadLetters,
    invariant(
      'everyAddItemTakesEffect',
      'atQuiescence',
      'When all is done, every AddItem has added its line.',
      (w) => {
        for (const a of addItems)
          if (!committed(w, a.id))
            return `${a.id} (${a.filling}) was processed, but ${a.orderId} has no ${a.filling} line: the message was dropped.`;
        return true;
      },
    ),
    everyLineAnnounced,
    invariant(
      'outboxEmptyAtEnd',
      'atQuiescence',
      'When all is done, the outbox store is empty: no outbox document outlives its transaction.',
      (w) => {
        const left = Object.keys(kvEntries(w, 'outbox'));
        return left.length === 0
          ? true
          : `outbox still holds ${left.join(', ')} after everything was processed: nobody will ever delete it.`;
      },
    ),
  ],
  // The pending transaction's id is bookkeeping of the outbox.
  outcome: { ignore: ['db/orders.transactionId'] },
  equivalentMutants: {
    'drop-expectedVersion in onAddItem #1':
      'Orders handles one message at a time: nothing writes the order between the load and the store',
    'drop-expectedVersion in finish #1':
      'Orders handles one message at a time: nothing writes the order between the load and the store',
    'gut in onItemAdded #1':
      'Billing only listens: its handler does nothing in the solution either',
  },
  files: {
    starterViolates: 'orderStaysSmall',
    variants: {
      'mark-current-message': {
        description:
          "Finishing a transaction marks the message being handled as processed, not the one that created the transaction: a message that finishes another's work is dropped.",
        violates: 'inboxMeansDone',
      },
      'delete-before-dispatch': {
        description:
          'Marks and deletes the outbox document first and dispatches from memory: a crash in between loses ItemAdded.',
        violates: 'everyLineAnnounced',
      },
      'mark-after-delete': {
        description:
          "Deletes the outbox document before marking its creator: a crash in between loses the creator's id, and nobody marks it.",
        violates: 'changeAlwaysTracked',
      },
      'new-work-before-finishing': {
        description:
          'Never finishes a pending transaction: a retry after a crash does not see that its change is already in the order, and adds the line again.',
        violates: 'lineAddedOnce',
      },
      'finish-own-only': {
        description:
          "Finishes a pending transaction only when it is its own, and otherwise commits over another message's: the order forgets that transaction.",
        violates: 'changeAlwaysTracked',
      },
      'fresh-tx-ids': {
        description:
          'Gives every attempt a fresh transaction id: a crash after writing the outbox document leaves an orphan for ever.',
        violates: 'outboxEmptyAtEnd',
      },
    },
  },
});
