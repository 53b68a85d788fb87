import type { HandlerContext, IncomingMessage, OutgoingMessage, Order } from '../types';

// The handlers hold business logic only: load, change, store, announce. No dedup code. [1]
export async function onAddItem(msg: { orderId: string; filling: string }, ctx: HandlerContext) {
  const order = await ctx.load<Order>('orders', msg.orderId);
  if (!order) throw new Error(`no order ${msg.orderId}`);
  const lines = [...(order.value.lines ?? []), msg.filling];
  await ctx.store(
    'orders',
    msg.orderId,
    { ...order.value, lines },
    { expectedVersion: order.version },
  );
  await ctx.publish({ type: 'ItemAdded', payload: { orderId: msg.orderId, filling: msg.filling } });
}

export async function onBookPayment(msg: { orderId: string }, ctx: HandlerContext) {
  const order = await ctx.load<Order & { paid?: boolean }>('orders', msg.orderId);
  if (!order) throw new Error(`no order ${msg.orderId}`);
  const amount = 50 * (order.value.lines ?? []).length;
  await ctx.store(
    'orders',
    msg.orderId,
    { ...order.value, paid: true },
    { expectedVersion: order.version },
  );
  await ctx.publish({ type: 'PaymentBooked', payload: { orderId: msg.orderId, amount } });
}

// Billing only listens.
export async function onEvent() {}

/** A message the handler wanted to send, with the id it will keep on every dispatch. */
export interface Captured {
  destination: string;
  mode: 'send' | 'publish';
  message: OutgoingMessage;
}
/** Per incoming message id: absent = not processed, messages = not yet dispatched, 'dispatched'. */
export type Outbox = Record<string, Captured[] | 'dispatched'>;
type Next = (ctx?: HandlerContext) => Promise<unknown>;

// The pipeline step every Orders message passes through. For now it only passes it on. [2]
export async function outbox(
  _msg: IncomingMessage<{ orderId: string }>,
  ctx: HandlerContext,
  next: Next,
) {
  return next(ctx); // [3]
}

// [1] Both handlers look alike, and each would need the same outbox code: it belongs in the
//     pipeline, once, like an NServiceBus behavior.
// [2] _msg is the incoming message (id, type, headers, payload); msg.payload.orderId names the
//     order. Keep the order's outbox in the document outbox/<orderId> (a bookkeeping collection
//     in the same partition as the order): one ctx.batch([...]) writes both atomically.
// [3] next(otherCtx) runs the handler with a context of your choice: { ...ctx, store, send, publish }
//     with your own functions lets you capture what the handler wants to write and send.
