import type { HandlerContext, HttpRequest } from '../../types';

interface Line {
  filling: string;
  stamp: string;
}
interface Order {
  customer: string;
  lines: Line[];
  /** The request ids already applied to this order. */
  applied?: string[];
}

// Alice taps "+" on a filling: one more portion on her open order.
export async function addItem(
  req: HttpRequest<{ orderId: string; filling: string }>,
  ctx: HandlerContext,
) {
  const { orderId, filling } = req.body;
  const order = await ctx.load<Order>('orders', orderId);
  if (!order) return { error: 'no such order' };
  const applied = order.value.applied ?? [];
  const { id: stamp } = await ctx.call<{ id: string }>('Clock', 'createStamp', {});
  if (applied.includes(req.requestId)) return { filling, stamp }; // [1]
  await ctx.store(
    'orders',
    orderId,
    {
      ...order.value,
      lines: [...order.value.lines, { filling, stamp }],
      applied: [...applied, req.requestId],
    },
    { expectedVersion: order.version },
  ); // [2]
  await ctx.send(
    'Kitchen',
    { type: 'ItemAdded', payload: { orderId, filling, stamp } },
    { id: `item-added-${req.requestId}` },
  );
  await ctx.kv.put('receipts', `receipt-${req.requestId}`, { orderId, filling, stamp });
  return { filling, stamp };
}

// The kitchen cooks the lines in stamp order. In this exercise it only listens.
export async function onItemAdded() {}

// [1] "Already applied, so the repeat is harmless": the order is not changed twice, but the
//     answer carries the stamp the Clock gave THIS attempt, not the one stored in the order.
//     A deduplicated change needs its stored result too.
// [2] The request id is recorded in the same write as the change: that part is right.
