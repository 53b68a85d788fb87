import type { HandlerContext } from '../types';

interface Order {
  customer: string;
  amount: number;
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
  let shipment = await ctx.load<Shipment>('shipments', msg.orderId);
  if (shipment?.value.courierId) return; // already booked
  if (!shipment) {
    // Persist the intent first, with a reference every retry will use again. [5]
    const intent: Shipment = { reference: `pierogi-${msg.orderId}`, state: 'Requesting' };
    await ctx.store('shipments', msg.orderId, intent, { expectedVersion: 'none' });
    shipment = { value: intent, version: 1 };
  }
  const reference = shipment.value.reference;
  // Find... [6]
  const found = await ctx.call<{ id: string }[]>('Courier', 'searchShipments', { reference });
  // ...or create.
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
    { expectedVersion: shipment.version }, // [7]
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
// [5] The reference is derived from the order, and saved before the courier hears of it: the
//     intent says "a shipment may exist under this reference", whoever retries next.
// [6] Find-or-create: after a crash or a lost answer, a shipment may already exist. Only the
//     search can tell, so it comes before every create.
// [7] Create-only for the intent and the expected version for the result: a second writer
//     (a duplicate, an operator) conflicts instead of overwriting.
