import type { HandlerContext, Order } from '../types';

interface PaidOrder extends Order {
  paymentBooked?: boolean;
  /** Ids of the messages whose changes are already in this document. [1] */
  processedMessages?: string[];
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
      processedMessages: [],
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
  const processed = order.value.processedMessages ?? [];
  if (processed.includes(id)) {
    ctx.log(`${id} was already processed: a duplicate, dropped`);
    return;
  }
  await ctx.store(
    'orders',
    orderId,
    { ...change(order.value), processedMessages: [...processed, id] }, // [3]
    { expectedVersion: order.version },
  );
}

export async function onBookPayment(msg: { orderId: string }, ctx: HandlerContext) {
  await applyOnce(ctx, msg.orderId, (o) => ({ ...o, paymentBooked: true }));
}

export async function onCancelPayment(msg: { orderId: string }, ctx: HandlerContext) {
  await applyOnce(ctx, msg.orderId, (o) => ({ ...o, paymentBooked: false }));
}

// [1] The list lives in the order itself, so it commits (or fails) together with the change.
// [2] The sender chose the id before the first send; every copy of the message carries it.
// [3] ONE write: the business change and the "processed" marker. Two writes would leave a gap in
//     which a failure re-applies the change on retry. The list grows forever: later exercises
//     deal with that.
