import type { HandlerContext } from '../../types';

interface Order {
  customer: string;
  amount: number;
  charging?: boolean;
  payment?: { chargeId: string };
}
interface Shipment {
  reference: string;
  state: 'Requesting' | 'Requested';
  courierId?: string;
}

// Part 1. Orders books a payment by charging the customer through PierogiPay. [1]
export async function onBookPayment(msg: { orderId: string; amount: number }, ctx: HandlerContext) {
  const order = await ctx.load<Order>('orders', msg.orderId);
  if (!order) throw new Error(`no order ${msg.orderId}`);
  if (order.value.payment) return; // already paid
  if (order.value.charging) return; // an earlier attempt charged already [2]
  await ctx.store(
    'orders',
    msg.orderId,
    { ...order.value, charging: true },
    { expectedVersion: order.version },
  );
  const charge = await ctx.call<{ id: string }>('PierogiPay', 'charge', {
    orderId: msg.orderId,
    amount: msg.amount,
  });
  await ctx.store(
    'orders',
    msg.orderId,
    { ...order.value, charging: false, payment: { chargeId: charge.id } },
    { expectedVersion: order.version + 1 },
  );
}

// Part 2. Shipping books a courier for a paid order. The courier has no idempotency keys. [3]
export async function onCreateShipment(
  msg: { orderId: string; customer: string },
  ctx: HandlerContext,
) {
  let shipment = await ctx.load<Shipment>('shipments', msg.orderId);
  if (shipment?.value.courierId) return; // already booked
  if (!shipment) {
    const intent: Shipment = { reference: `pierogi-${msg.orderId}`, state: 'Requesting' };
    await ctx.store('shipments', msg.orderId, intent, { expectedVersion: 'none' });
    shipment = { value: intent, version: 1 };
  }
  const reference = shipment.value.reference;
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
  await ctx.store(
    'shipments',
    msg.orderId,
    { ...shipment.value, state: 'Requested', courierId },
    { expectedVersion: shipment.version },
  );
}

// [1] PierogiPay answers `charge` with the new charge's id. It honours idempotency keys.
// [2] "Never charge twice": the flag is saved before the call, and a retry that finds it skips
//     the charge. A crash between the flag and the call leaves an order that is never charged:
//     at most once is not exactly once.
// [3] The courier offers `createShipment(fields)` and `searchShipments(fields)`. It ignores
//     idempotency keys.
