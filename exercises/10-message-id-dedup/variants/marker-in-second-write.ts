import type { HandlerContext, Order } from '../../types';

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
    {
      cartId: msg.cartId,
      customer: msg.customer,
      items: msg.items,
      paymentBooked: false,
    },
    { expectedVersion: 'none' },
  );
}

// Applies `change` to the order once per logical message, whatever copies arrive, in any order.
async function applyOnce(
  ctx: HandlerContext,
  orderId: string,
  change: (order: PaidOrder) => PaidOrder,
) {
  const order = await ctx.load<PaidOrder>('orders', orderId);
  if (!order) throw new Error(`order ${orderId} does not exist (yet)`);
  const id = ctx.message!.id; // [2]
  const marker = await ctx.load('processedMessages', id); // [1]
  if (marker) {
    ctx.log(`${id} was already processed: a duplicate, dropped`);
    return;
  }
  await ctx.store('orders', orderId, change(order.value), { expectedVersion: order.version });
  await ctx.store('processedMessages', id, { at: ctx.attemptId }); // [3]
}

export async function onBookPayment(msg: { orderId: string }, ctx: HandlerContext) {
  await applyOnce(ctx, msg.orderId, (o) => ({ ...o, paymentBooked: true }));
}

export async function onCancelPayment(msg: { orderId: string }, ctx: HandlerContext) {
  await applyOnce(ctx, msg.orderId, (o) => ({ ...o, paymentBooked: false }));
}

// [1] The processed ids get a collection of their own, one small document per message.
// [2] The sender chose the id before the first send; every copy of the message carries it.
// [3] A second write: if it fails, the message is retried, finds no marker, and changes the
//     order again.
