import type { HandlerContext, HttpRequest } from '../../types';

interface Line {
  filling: string;
  stamp: string;
}
interface Order {
  customer: string;
  lines: Line[];
}
interface Receipt {
  orderId: string;
  filling: string;
  stamp: string;
}

// Alice taps "+" on a filling: one more portion on her open order.
export async function addItem(
  req: HttpRequest<{ orderId: string; filling: string }>,
  ctx: HandlerContext,
) {
  const { orderId, filling } = req.body;
  const receipt = await ctx.kv.get<Receipt>('receipts', `receipt-${req.requestId}`); // [1]
  if (receipt) return { filling: receipt.value.filling, stamp: receipt.value.stamp };
  const order = await ctx.load<Order>('orders', orderId);
  if (!order) return { error: 'no such order' };
  const { id: stamp } = await ctx.call<{ id: string }>('Clock', 'createStamp', {});
  await ctx.store(
    'orders',
    orderId,
    { ...order.value, lines: [...order.value.lines, { filling, stamp }] },
    { expectedVersion: order.version },
  );
  await ctx.send(
    'Kitchen',
    { type: 'ItemAdded', payload: { orderId, filling, stamp } },
    { id: `item-added-${req.requestId}` },
  );
  await ctx.kv.put('receipts', `receipt-${req.requestId}`, { orderId, filling, stamp }); // [2]
  return { filling, stamp };
}

// The kitchen cooks the lines in stamp order. In this exercise it only listens.
export async function onItemAdded() {}

// [1] "The receipt proves the request was done, and it holds the stamp to answer with." It
//     does, once it exists.
// [2] But it is written after the change, in a different store. A crash between the two leaves
//     a change without a receipt, and the retry makes the change again.
