import type { HandlerContext, Order } from '../../types';

interface PaidOrder extends Order {
  paymentBooked?: boolean;
  /** Id of the last message applied to this document: duplicates come right after it. [1] */
  lastMessageId?: string;
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
  if (order.value.lastMessageId === id) {
    ctx.log(`${id} was already processed: a duplicate, dropped`);
    return;
  }
  await ctx.store(
    'orders',
    orderId,
    { ...change(order.value), lastMessageId: id }, // [3]
    { expectedVersion: order.version },
  );
}

export async function onBookPayment(msg: { orderId: string }, ctx: HandlerContext) {
  await applyOnce(ctx, msg.orderId, (o) => ({ ...o, paymentBooked: true }));
}

export async function onCancelPayment(msg: { orderId: string }, ctx: HandlerContext) {
  await applyOnce(ctx, msg.orderId, (o) => ({ ...o, paymentBooked: false }));
}

// [1] One id instead of a list: the document stays small.
// [2] The sender chose the id before the first send; every copy of the message carries it.
// [3] The marker commits with the change, but it only remembers one message: a duplicate that
//     arrives after another message looks new.
