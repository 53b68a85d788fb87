import type { HandlerContext, HttpRequest } from '../../types';

interface Line {
  filling: string;
  stamp: string;
}
interface Order {
  customer: string;
  lines: Line[];
}

// Alice taps "+" on a filling: one more portion on her open order.
export async function addItem(
  req: HttpRequest<{ orderId: string; filling: string }>,
  ctx: HandlerContext,
) {
  const { orderId, filling } = req.body;
  const order = await ctx.load<Order>('orders', orderId);
  if (!order) return { error: 'no such order' };
  let line = order.value.lines.find((l) => l.filling === filling); // [1]
  if (!line) {
    const { id: stamp } = await ctx.call<{ id: string }>('Clock', 'createStamp', {});
    line = { filling, stamp };
    await ctx.store(
      'orders',
      orderId,
      { ...order.value, lines: [...order.value.lines, line] },
      { expectedVersion: order.version },
    );
  }
  await ctx.send(
    'Kitchen',
    { type: 'ItemAdded', payload: { orderId, ...line } },
    { id: `item-added-${req.requestId}` },
  );
  await ctx.kv.put('receipts', `receipt-${req.requestId}`, { orderId, ...line });
  return line;
}

// The kitchen cooks the lines in stamp order. In this exercise it only listens.
export async function onItemAdded() {}

// [1] "A Meat line is already there, so this must be the retry": state-based deduplication, as
//     in the first exercise. It catches the retry, and it also swallows Alice's second tap,
//     which has the same body but its own request id.
