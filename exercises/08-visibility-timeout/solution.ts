import type { HandlerContext, Order } from '../types';

// Orders runs two competing consumers. The broker leases a message to one of them; if the
// handler is slower than the lease, the message becomes visible again. [1]
export async function onAddItem(msg: { orderId: string; filling: string }, ctx: HandlerContext) {
  const order = await ctx.load<Order>('orders', msg.orderId);
  if (!order) throw new Error(`no order ${msg.orderId}`);
  if ((order.value.lines ?? []).includes(msg.filling)) {
    ctx.log(`${msg.filling} is already in ${msg.orderId}: a duplicate`); // [2]
    return;
  }
  const lines = [...(order.value.lines ?? []), msg.filling];
  await ctx.store(
    'orders',
    msg.orderId,
    { ...order.value, lines },
    { expectedVersion: order.version },
  ); // [3]
}

// [1] Azure Storage Queues: a 30 s visibility timeout; SQS: the same idea. Anything slower,
//     a DB that lags under load, means a second copy runs while the first is still going.
// [2] Natural idempotency: an order holds at most one line per filling.
// [3] The check is a check-then-act: without the expected version, two concurrent copies both
//     pass it. With it, the slower one is rejected, retries, and finds the line.
