import type { HandlerContext, HttpRequest } from '../../types';

interface Line {
  filling: string;
  stamp: string;
}
interface Added {
  filling: string;
  stamp: string;
}
interface Order {
  customer: string;
  lines: Line[];
  /** request id -> what that request added */
  results?: Record<string, Added>;
}

// Alice taps "+" on a filling: one more portion on her open order.
export async function addItem(
  req: HttpRequest<{ orderId: string; filling: string }>,
  ctx: HandlerContext,
) {
  const { orderId, filling } = req.body;
  const order = await ctx.load<Order>('orders', orderId);
  if (!order) return { error: 'no such order' };
  const stored = order.value.results?.[req.requestId];
  if (stored) return stored; // [1]
  const { id: stamp } = await ctx.call<{ id: string }>('Clock', 'createStamp', {});
  const added: Added = { filling, stamp };
  await ctx.store(
    'orders',
    orderId,
    {
      ...order.value,
      lines: [...order.value.lines, { filling, stamp }],
      results: { ...order.value.results, [req.requestId]: added },
    },
    { expectedVersion: order.version },
  ); // [2]
  await ctx.send(
    'Kitchen',
    { type: 'ItemAdded', payload: { orderId, ...added } },
    { id: `item-added-${req.requestId}` },
  );
  await ctx.kv.put('receipts', `receipt-${req.requestId}`, { orderId, ...added });
  return added;
}

// The kitchen cooks the lines in stamp order. In this exercise it only listens.
export async function onItemAdded() {}

// [1] "Already done: just answer." The answer is right, but if the first attempt crashed
//     after its commit, the message and the receipt were never made, and now nobody makes them.
// [2] The change and its result in one conditional write: that part is right.
