import type { HandlerContext } from '../../types';

interface Order {
  customer: string;
  amount: number;
  payment?: { chargeId: string };
}
interface Shipment {
  courierId: string;
}

// Part 1. Orders books a payment by charging the customer through PierogiPay. [1]
export async function onBookPayment(msg: { orderId: string; amount: number }, ctx: HandlerContext) {
  const order = await ctx.load<Order>('orders', msg.orderId);
  if (!order) throw new Error(`no order ${msg.orderId}`);
  if (order.value.payment) return; // already paid
  const charge = await ctx.call<{ id: string }>(
    'PierogiPay',
    'charge',
    { orderId: msg.orderId, amount: msg.amount },
    { idempotencyKey: ctx.message!.id }, // [2]
  );
  await ctx.store(
    'orders',
    msg.orderId,
    { ...order.value, payment: { chargeId: charge.id } }, // [3]
    { expectedVersion: order.version },
  );
}

// Part 2. Shipping books a courier for a paid order. The courier has no idempotency keys. [4]
export async function onCreateShipment(
  msg: { orderId: string; customer: string },
  ctx: HandlerContext,
) {
  const existing = await ctx.load<Shipment>('shipments', msg.orderId);
  if (existing) return; // already shipped
  // "Retries are the courier's problem": a create on every attempt that gets this far. [5]
  const shipment = await ctx.call<{ id: string }>('Courier', 'createShipment', {
    orderId: msg.orderId,
    customer: msg.customer,
  });
  await ctx.store(
    'shipments',
    msg.orderId,
    { courierId: shipment.id },
    { expectedVersion: 'none' },
  );
}

// [1] PierogiPay answers `charge` with the new charge's id. It honours idempotency keys:
//     `ctx.call(api, op, args, { idempotencyKey })`.
// [2] The key names the logical payment, not the attempt: every retry of this BookPayment
//     sends the same key, and PierogiPay answers a repeat with the charge it already made.
//     The message id works because the sender chose it; a payment id would too.
// [3] The provider's charge id is stored in the same write as the business change, so the
//     order points at exactly the charge that paid it.
// [4] The courier offers `createShipment(fields)` and `searchShipments(fields)`, which returns
//     every shipment whose fields equal the ones given. It ignores idempotency keys.
// [5] A crash after createShipment, or a lost answer, leaves no local record: the retry creates
//     a second shipment.
