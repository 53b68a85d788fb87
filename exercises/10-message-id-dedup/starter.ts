import type { HandlerContext, Order } from '../types';

interface PaidOrder extends Order {
  paymentBooked?: boolean;
}

// Creating the order: primary-key deduplication, as in the previous exercise.
export async function onSubmitOrder(
  msg: { cartId: string; customer: string; items: string[] },
  ctx: HandlerContext,
) {
  if (await ctx.load<PaidOrder>('orders', msg.cartId)) return;
  await ctx.store(
    'orders',
    msg.cartId,
    { cartId: msg.cartId, customer: msg.customer, items: msg.items, paymentBooked: false },
    { expectedVersion: 'none' },
  );
}

// Booking sets a flag, cancelling clears it. Doing either twice changes nothing... [1]
export async function onBookPayment(msg: { orderId: string }, ctx: HandlerContext) {
  const order = await ctx.load<PaidOrder>('orders', msg.orderId);
  if (!order) throw new Error(`order ${msg.orderId} does not exist (yet)`); // [2]
  if (order.value.paymentBooked) {
    ctx.log('the payment is already booked: nothing to do'); // [3]
    return;
  }
  await ctx.store(
    'orders',
    msg.orderId,
    { ...order.value, paymentBooked: true },
    { expectedVersion: order.version },
  );
}

export async function onCancelPayment(msg: { orderId: string }, ctx: HandlerContext) {
  const order = await ctx.load<PaidOrder>('orders', msg.orderId);
  if (!order) throw new Error(`order ${msg.orderId} does not exist (yet)`);
  if (!order.value.paymentBooked) {
    ctx.log('the payment is not booked: nothing to do');
    return;
  }
  await ctx.store(
    'orders',
    msg.orderId,
    { ...order.value, paymentBooked: false },
    { expectedVersion: order.version },
  );
}

// [1] ...as long as the copies arrive in order. Book, book, cancel is fine. Book, cancel, book
//     (a late copy of the first book) is not.
// [2] A command can overtake SubmitOrder; failing makes the broker retry it a little later.
// [3] Idempotence based on the current state ("natural idempotency").
