import type { HandlerContext } from '../../types';

interface Order {
  customer: string;
  amount: number;
  payment?: { chargeId: string };
}
interface Shipment {
  reference: string;
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
    { idempotencyKey: ctx.message!.id },
  );
  await ctx.store(
    'orders',
    msg.orderId,
    { ...order.value, payment: { chargeId: charge.id } },
    { expectedVersion: order.version },
  );
}

// Part 2. Shipping books a courier for a paid order. The courier has no idempotency keys. [2]
export async function onCreateShipment(
  msg: { orderId: string; customer: string },
  ctx: HandlerContext,
) {
  const shipment = await ctx.load<Shipment>('shipments', msg.orderId);
  if (shipment) return; // already booked
  const reference = `pierogi-${ctx.newId()}`; // [3]
  const found = await ctx.call<{ id: string }[]>('Courier', 'searchShipments', { reference });
  const courierId =
    found[0]?.id ??
    (
      await ctx.call<{ id: string }>('Courier', 'createShipment', {
        reference,
        orderId: msg.orderId,
        customer: msg.customer,
      })
    ).id;
  await ctx.store('shipments', msg.orderId, { reference, courierId }, { expectedVersion: 'none' });
}

// [1] PierogiPay answers `charge` with the new charge's id. It honours idempotency keys.
// [2] The courier offers `createShipment(fields)` and `searchShipments(fields)`. It ignores
//     idempotency keys.
// [3] Find-or-create with a reference nobody remembers: the retry makes up a new reference,
//     searches for it, finds nothing, and creates a second shipment.
