import { defineExercise, doc, externalRecords, invariant } from '../../src/sim';
import type { InvariantWorld } from '../../src/sim';

interface PaidOrder {
  payment?: { chargeId?: string };
}
interface Shipment {
  courierId?: string;
}

const chargesFor = (w: InvariantWorld, orderId: string) =>
  externalRecords<{ orderId?: string }>(w, 'PierogiPay').filter(([, c]) => c.orderId === orderId);
const shipmentsFor = (w: InvariantWorld, orderId: string) =>
  externalRecords<{ orderId?: string }>(w, 'Courier').filter(([, s]) => s.orderId === orderId);

export default defineExercise({
  id: 'third-party-apis',
  title: 'Third-party APIs: idempotency keys and find-or-create',
  summary:
    'A charge whose answer is lost is charged again on retry; a courier without keys needs find-or-create.',
  block: 'Third parties',
  endpoints: {
    Orders: { kind: 'messages', handles: { BookPayment: 'onBookPayment' } },
    // One consumer: shipments for an order are requested one attempt at a time. [see README]
    Shipping: { kind: 'messages', handles: { CreateShipment: 'onCreateShipment' } },
  },
  stores: {
    db: {
      kind: 'documents',
      initial: {
        orders: {
          'order-1': {
            cartId: 'cart-1',
            customer: 'alice',
            items: ['Meat', 'Mushrooms'],
            amount: 100,
          },
          'order-2': {
            cartId: 'cart-2',
            customer: 'bob',
            items: ['Strawberry'],
            amount: 50,
            payment: { chargeId: 'paid-before' },
          },
        },
      },
    },
  },
  external: {
    PierogiPay: { honoursIdempotencyKeys: true },
    Courier: { honoursIdempotencyKeys: false },
  },
  workload: {
    messages: [
      {
        destination: 'Orders',
        type: 'BookPayment',
        id: 'pay-order-1',
        payload: { orderId: 'order-1', amount: 100 },
      },
      {
        destination: 'Shipping',
        type: 'CreateShipment',
        id: 'ship-order-2',
        payload: { orderId: 'order-2', customer: 'bob' },
      },
    ],
  },
  // One fault in the whole run: a provider's answer is lost, or a handler crashes after a step.
  faults: { total: 1, perKind: { externalCommitLost: 1, crash: 1 } },
  invariants: [
    invariant(
      'oneChargePerPayment',
      'always',
      'PierogiPay never holds two charges for one payment.',
      (w) => {
        const charges = chargesFor(w, 'order-1');
        return charges.length <= 1
          ? true
          : `PierogiPay charged alice ${charges.length} times for order-1 (${charges.map(([id]) => id).join(', ')}).`;
      },
    ),
    invariant(
      'oneShipmentPerPaidOrder',
      'always',
      'The courier never holds two shipments for one order.',
      (w) => {
        const shipments = shipmentsFor(w, 'order-2');
        return shipments.length <= 1
          ? true
          : `The courier has ${shipments.length} shipments for order-2 (${shipments.map(([id]) => id).join(', ')}).`;
      },
    ),
    invariant(
      'orderReferencesItsCharge',
      'atQuiescence',
      'When all is done, the order is paid by exactly one charge, and it records that charge.',
      (w) => {
        const charges = chargesFor(w, 'order-1');
        const chargeId = doc<PaidOrder>(w, 'orders', 'order-1')?.payment?.chargeId;
        if (charges.length !== 1)
          return `order-1 has ${charges.length} charges at PierogiPay, not exactly one.`;
        if (chargeId !== charges[0]![0])
          return `PierogiPay holds charge ${charges[0]![0]}, but order-1 records ${chargeId ?? 'no charge'}.`;
        return true;
      },
    ),
    invariant(
      'shipmentRecorded',
      'atQuiescence',
      'When all is done, the paid order has exactly one courier shipment, and Shipping records it.',
      (w) => {
        const shipments = shipmentsFor(w, 'order-2');
        const courierId = doc<Shipment>(w, 'shipments', 'order-2')?.courierId;
        if (shipments.length !== 1)
          return `order-2 has ${shipments.length} shipments at the courier, not exactly one.`;
        if (courierId !== shipments[0]![0])
          return `The courier holds shipment ${shipments[0]![0]}, but Shipping records ${courierId ?? 'none'}.`;
        return true;
      },
    ),
  ],
  equivalentMutants: {
    'drop-expectedVersion in onBookPayment #1':
      'Orders handles one message at a time: nothing writes the order between the load and the store',
    'drop-expectedVersion in onCreateShipment #1':
      'Shipping handles one message at a time: a second copy always finds the shipment intent and stops',
    'drop-expectedVersion in onCreateShipment #2':
      'Shipping handles one message at a time: nothing writes the shipment between the load and the store',
  },
  files: {
    variants: {
      'key-per-attempt': {
        description: 'Sends an idempotency key, but a fresh one on every attempt (ctx.newId()).',
        violates: 'oneChargePerPayment',
      },
      'mark-before-charging': {
        description:
          'Saves "charging" before the call and skips the call when a retry finds it: at most once, not exactly once.',
        violates: 'orderReferencesItsCharge',
      },
      'keys-only': {
        description: 'Fixes the payment with a key, but still creates a shipment on every attempt.',
        violates: 'oneShipmentPerPaidOrder',
      },
      'fresh-reference': {
        description:
          'Searches before creating, but with a reference made up anew on every attempt.',
        violates: 'oneShipmentPerPaidOrder',
      },
    },
  },
});
