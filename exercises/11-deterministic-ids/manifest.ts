import { coreInvariants, defineExercise, doc, invariant, logicalKey } from '../../src/sim';
import type { InitialMessage, InvariantWorld } from '../../src/sim';
import { carts } from '../shared';

const cart = carts(1)['cart-1']!;
const PRICE_PER_ITEM = 50;

// Alice pays, then cancels: two commands in Orders' queue.
const commands: InitialMessage[] = [
  { destination: 'Orders', type: 'BookPayment', id: 'book-1', payload: { orderId: 'cart-1' } },
  { destination: 'Orders', type: 'CancelPayment', id: 'cancel-1', payload: { orderId: 'cart-1' } },
  // And she pays for another, earlier order: this payment stays.
  { destination: 'Orders', type: 'BookPayment', id: 'book-2', payload: { orderId: 'cart-2' } },
];

/** What Marketing's total must be: + the order's value per booking Orders applied, - per cancellation. */
function expectedTotal(w: InvariantWorld): number {
  let total = 0;
  for (const c of commands) {
    if (!w.history.effects[logicalKey('Orders', c.id!)]?.length) continue;
    const orderId = (c.payload as { orderId: string }).orderId;
    const order = doc<{ items: string[] }>(w, 'orders', orderId);
    const value = PRICE_PER_ITEM * (order?.items.length ?? 0);
    total += c.type === 'BookPayment' ? value : -value;
  }
  return total;
}

export default defineExercise({
  id: 'deterministic-ids',
  title: 'Deterministic outgoing message ids',
  summary:
    'Orders re-publishes PaymentBooked for a duplicate under a new id, and Marketing counts the payment twice.',
  block: 'Duplicates',
  endpoints: {
    Orders: {
      kind: 'messages',
      handles: { BookPayment: 'onBookPayment', CancelPayment: 'onCancelPayment' },
    },
    Marketing: {
      kind: 'messages',
      handles: { PaymentBooked: 'onPaymentBooked', PaymentCancelled: 'onPaymentCancelled' },
    },
  },
  subscriptions: { PaymentBooked: ['Marketing'], PaymentCancelled: ['Marketing'] },
  stores: {
    db: {
      kind: 'documents',
      initial: {
        orders: {
          'cart-1': {
            cartId: 'cart-1',
            customer: cart.customer,
            items: cart.items,
            paymentBooked: false,
            processedMessages: [],
          },
          'cart-2': {
            cartId: 'cart-2',
            customer: cart.customer,
            items: ['Strawberry'],
            paymentBooked: false,
            processedMessages: [],
          },
        },
        payments: { [cart.customer]: { total: 0, processedMessages: [] } },
      },
    },
  },
  workload: { messages: commands },
  // One surprise: an extra copy of a command, or a publish the broker rejects.
  faults: { total: 1, perKind: { duplicate: 1, sendFail: 1 } },
  invariants: [
    invariant(
      'marketingTotalMatchesPayments',
      'atQuiescence',
      "Marketing's total is the value of the payments booked minus the payments cancelled, each counted once.",
      (w) => {
        const expected = expectedTotal(w);
        const actual = doc<{ total: number }>(w, 'payments', cart.customer)?.total ?? 0;
        return actual === expected
          ? true
          : `Marketing's total for ${cart.customer} is ${actual} USD, but the payments Orders booked and cancelled add up to ${expected} USD.`;
      },
    ),
    coreInvariants.consistentOutput,
    coreInvariants.noLostMessages,
  ],
  // The processed ids are deduplication data, not business state.
  outcome: { ignore: ['db/orders.processedMessages', 'db/payments.processedMessages'] },
  equivalentMutants: {
    'drop-expectedVersion in applyOnce #1':
      'Orders handles one message at a time: nothing writes the order between the load and the store',
    'drop-expectedVersion in count #1':
      'Marketing handles one message at a time: nothing writes the total between the load and the store',
  },
  files: {
    starterViolates: 'consistentOutput',
    variants: {
      'order-id-as-message-id': {
        description:
          'Uses the order id as the event id, as in primary-key deduplication: PaymentBooked and PaymentCancelled share one id, so Marketing would drop one as a copy of the other.',
        violates: 'consistentOutput',
      },
      'no-republish': {
        description:
          'Publishes only when the command is new: when the first publish fails, the retry is a duplicate and the event is lost.',
        violates: 'marketingTotalMatchesPayments',
      },
      'ids-memoised-in-module': {
        description:
          'Remembers each outgoing id in a module-level Map: a duplicate handled by a fresh process (a restart, another instance) mints a new id.',
        violates: 'consistentOutput',
      },
    },
  },
});
