import type { HandlerContext, Order } from '../../types';

/** The Orders endpoint's retry policy (read by the broker). [1] */
export const retries = { immediate: 10, delayed: 3, backoffBaseTicks: 10 };

type PaidOrder = Order & { chargeId?: string };

// Orders books the payment for an order: charge Alice's card at PierogiPay, then record the
// charge on the order.
export async function onBookPayment(msg: { orderId: string; amount: number }, ctx: HandlerContext) {
  const order = await ctx.load<PaidOrder>('orders', msg.orderId);
  if (!order) throw new Error(`no order ${msg.orderId}`);
  if (order.value.chargeId) {
    ctx.log(`${msg.orderId} is already paid`);
    return;
  }
  const charge = await ctx.call<{ id: string }>(
    'PierogiPay',
    'chargeCard',
    { orderId: msg.orderId, amount: msg.amount },
    { idempotencyKey: `payment-${msg.orderId}` }, // [2]
  );
  await ctx.store(
    'orders',
    msg.orderId,
    { ...order.value, chargeId: charge.id },
    { expectedVersion: order.version },
  );
}

// [1] One immediate retry (for a blip), then up to 3 delayed retries after 10, 20 and 40 ticks:
//     the message survives 70 ticks of outage. The cap matters too: after it, the message is
//     parked in the error queue for a human, instead of hammering PierogiPay for ever.
// [2] Every retry is a chance to charge twice: a charge whose answer was lost looks exactly
//     like a failed one. PierogiPay keeps the answer to a key and returns it on a repeat.
