import type { HandlerContext } from '../types';

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
  const charge = await ctx.call<{ id: string }>('PierogiPay', 'charge', {
    orderId: msg.orderId,
    amount: msg.amount,
  }); // [2]
  await ctx.store(
    'orders',
    msg.orderId,
    { ...order.value, payment: { chargeId: charge.id } },
    { expectedVersion: order.version },
  );
}

// Part 2. Shipping books a courier for a paid order. The courier has no idempotency keys. [3]
export async function onCreateShipment(
  msg: { orderId: string; customer: string },
  ctx: HandlerContext,
) {
  const existing = await ctx.load<Shipment>('shipments', msg.orderId);
  if (existing) return; // already shipped
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
// [2] If the answer never comes back (a timeout), did the charge happen? We cannot tell, and
//     the retry charges again.
// [3] The courier offers `createShipment(fields)` and `searchShipments(fields)`, which returns
//     every shipment whose fields equal the ones given. It ignores idempotency keys.
