import type { HandlerContext, Order } from '../../types';

// Orders runs two competing consumers. The broker leases a message to one of them; if the
// handler is slower than the lease, the message becomes visible again. [1]
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
}

// [1] Azure Storage Queues: a 30 s visibility timeout; SQS: the same idea. Anything slower,
//     a DB that lags under load, means a second copy runs while the first is still going.
