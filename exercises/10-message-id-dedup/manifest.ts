import { coreInvariants, defineExercise, doc, invariant, parseLogicalKey } from '../../src/sim';
import type { InvariantWorld } from '../../src/sim';
import { carts } from '../shared';

const cart = carts(2)['cart-1']!;
const other = carts(2)['cart-2']!;

/** What each payment command sets `paymentBooked` to. */
const EFFECT: Record<string, boolean> = { 'book-1': true, 'cancel-1': false };

/**
 * The payment commands Orders applied, in the order it first committed them. Orders runs one
 * handler at a time, so the attempt numbers (a1, a2...) follow the order of the commits.
 */
function appliedInOrder(w: InvariantWorld): string[] {
  return Object.entries(w.history.effects)
    .map(([key, attempts]) => ({ input: parseLogicalKey(key), attempts }))
    .filter(({ input }) => input.endpoint === 'Orders' && input.incomingId in EFFECT)
    .map(({ input, attempts }) => ({
      id: input.incomingId,
      at: Number(attempts[0]!.slice(1)),
    }))
    .sort((a, b) => a.at - b.at)
    .map((c) => c.id);
}

export default defineExercise({
  id: 'message-id-dedup',
  title: 'Reordering breaks idempotence: deduplicate by message id',
  summary:
    'Book and cancel are each idempotent, yet a late duplicate of "book" brings back a cancelled payment.',
  block: 'Duplicates',
  endpoints: {
    Orders: {
      kind: 'messages',
      handles: {
        SubmitOrder: 'onSubmitOrder',
        BookPayment: 'onBookPayment',
        CancelPayment: 'onCancelPayment',
      },
      // A command that arrives before its order exists is retried a little later.
      retries: { immediate: 0, delayed: 1, backoffBaseTicks: 10 },
    },
  },
  stores: {
    db: {
      kind: 'documents',
      bookkeeping: ['processedMessages'],
      // Another customer's order, placed earlier and not paid yet.
      initial: {
        orders: {
          'cart-2': {
            cartId: 'cart-2',
            customer: other.customer,
            items: other.items,
            paymentBooked: false,
            processedMessages: [],
          },
        },
      },
    },
  },
  workload: {
    // Alice submits, pays, and changes her mind: three commands in Orders' queue.
    messages: [
      {
        destination: 'Orders',
        type: 'SubmitOrder',
        id: 'submit-1',
        payload: { cartId: 'cart-1', customer: cart.customer, items: cart.items },
      },
      { destination: 'Orders', type: 'BookPayment', id: 'book-1', payload: { orderId: 'cart-1' } },
      {
        destination: 'Orders',
        type: 'CancelPayment',
        id: 'cancel-1',
        payload: { orderId: 'cart-1' },
      },
      // And the other customer pays for the earlier order.
      { destination: 'Orders', type: 'BookPayment', id: 'book-2', payload: { orderId: 'cart-2' } },
    ],
  },
  // One broker surprise: an extra copy, a message overtaking another, or a message held back.
  // Or one failed database write.
  faults: { total: 1, perKind: { duplicate: 1, reorder: 1, delay: 1, storeFail: 1 } },
  invariants: [
    coreInvariants.noDuplicateProcessing,
    invariant(
      'paymentMatchesLastCommand',
      'atQuiescence',
      "The order's payment flag is the effect of the last distinct command Orders applied.",
      (w) => {
        const applied = appliedInOrder(w);
        const last = applied[applied.length - 1];
        const expected = last === undefined ? false : EFFECT[last]!;
        const actual =
          doc<{ paymentBooked?: boolean }>(w, 'orders', 'cart-1')?.paymentBooked ?? false;
        return actual === expected
          ? true
          : `Orders applied ${applied.join(', then ')}, so the payment should be ${expected ? 'booked' : 'cancelled'}, but the order says ${actual ? 'booked' : 'cancelled'}.`;
      },
    ),
  ],
  // The processed ids are deduplication data, not business state.
  outcome: { ignore: ['db/orders.processedMessages'] },
  equivalentMutants: {
    'drop-expectedVersion in onSubmitOrder #1':
      'Orders handles one message at a time: a second SubmitOrder always finds the order and stops',
    'drop-expectedVersion in applyOnce #1':
      'Orders handles one message at a time: nothing writes the order between the load and the store',
  },
  files: {
    variants: {
      'remember-last-id': {
        description:
          'Keeps only the id of the last message processed: a duplicate that arrives after another message is not recognised.',
        violates: 'noDuplicateProcessing',
      },
      'marker-in-second-write': {
        description:
          'Records the processed id in a separate write after the business change: if that write fails, the retry applies the change again.',
        violates: 'noDuplicateProcessing',
      },
    },
  },
});
