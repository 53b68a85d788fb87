import type { HandlerContext, Order } from '../types';

/** The Orders endpoint's retry policy (read by the broker). [1] */
export const retries = { immediate: 5, delayed: 0, backoffBaseTicks: 10 };

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
  const charge = await ctx.call<{ id: string }>('PierogiPay', 'chargeCard', {
    orderId: msg.orderId,
    amount: msg.amount,
  }); // [2]
  await ctx.store(
    'orders',
    msg.orderId,
    { ...order.value, chargeId: charge.id },
    { expectedVersion: order.version },
  );
}

// [1] immediate: retries right after a failure; delayed: retries after a wait that doubles each
//     time (backoffBaseTicks, then 2x, 4x...), each followed by its own immediate retries. When
//     all are used up, the message goes to the error queue.
// [2] While PierogiPay is down this throws, and the broker retries the whole handler.
