import type { HandlerContext, HttpRequest } from '../types';

interface Line {
  filling: string;
  stamp: string;
}
interface Order {
  customer: string;
  lines: Line[];
}

// Alice taps "+" on a filling: one more portion on her open order. [1]
export async function addItem(
  req: HttpRequest<{ orderId: string; filling: string }>,
  ctx: HandlerContext,
) {
  const { orderId, filling } = req.body;
  const order = await ctx.load<Order>('orders', orderId);
  if (!order) return { error: 'no such order' };
  const { id: stamp } = await ctx.call<{ id: string }>('Clock', 'createStamp', {}); // [2]
  await ctx.store(
    'orders',
    orderId,
    { ...order.value, lines: [...order.value.lines, { filling, stamp }] },
    { expectedVersion: order.version },
  ); // [3]
  await ctx.send(
    'Kitchen',
    { type: 'ItemAdded', payload: { orderId, filling, stamp } },
    { id: `item-added-${req.requestId}` },
  ); // [4]
  await ctx.kv.put('receipts', `receipt-${req.requestId}`, { orderId, filling, stamp }); // [5]
  return { filling, stamp };
}

// The kitchen cooks the lines in stamp order. In this exercise it only listens.
export async function onItemAdded() {}

// [1] The browser gives every tap a request id (`req.requestId`) and sends the same id again
//     when it retries that tap. Two taps are two request ids, even with the same body.
// [2] The shop's time server: every call answers a new stamp (`clock-1`, `clock-2`...), so two
//     calls never agree.
// [3] Optimistic concurrency on the order: a tap that races another one fails (500) and the
//     browser tries again. But nothing here knows whether THIS request was already applied.
// [4] The message id comes from the request id, so the kitchen can drop a re-send, as long as
//     it is an exact copy.
// [5] A receipt blob for the line, named after the request: Alice's page links to it.
