import type { HandlerContext, HttpRequest } from '../../types';

interface Line {
  filling: string;
  stamp: string;
}
interface Order {
  customer: string;
  lines: Line[];
}
interface Added {
  filling: string;
  stamp: string;
}

type WithResults<S, R> = S & { results?: Record<string, R> };

/** Applies `change` at most once per request id; a repeat gets the stored result. */
async function once<S, R>(
  ctx: HandlerContext,
  requestId: string,
  collection: string,
  stateId: string,
  change: (state: S) => Promise<{ state: S; result: R }>,
): Promise<R> {
  const doc = await ctx.load<WithResults<S, R>>(collection, stateId);
  if (!doc) throw new Error(`no ${collection}/${stateId}`);
  const stored = doc.value.results?.[requestId];
  if (stored !== undefined) return stored;
  const { state, result } = await change(doc.value);
  await ctx.store(
    collection,
    stateId,
    { ...state, results: { ...doc.value.results, [requestId]: result } },
    { expectedVersion: doc.version },
  );
  return result;
}

// Alice taps "+" on a filling: one more portion on her open order.
export async function addItem(
  req: HttpRequest<{ orderId: string; filling: string }>,
  ctx: HandlerContext,
) {
  const { orderId, filling } = req.body;
  const added = await once<Order, Added>(ctx, req.requestId, 'orders', orderId, async (order) => {
    const { id: stamp } = await ctx.call<{ id: string }>('Clock', 'createStamp', {});
    return {
      state: { ...order, lines: [...order.lines, { filling, stamp }] },
      result: { filling, stamp },
    };
  });
  await ctx.send(
    'Kitchen',
    { type: 'ItemAdded', payload: { orderId, ...added } },
    { id: `item-added-${req.requestId}` },
  );
  await ctx.kv.put('receipts', `receipt-${ctx.newId()}`, { orderId, ...added }); // [1]
  return added;
}

// The kitchen cooks the lines in stamp order. In this exercise it only listens.
export async function onItemAdded() {}

// [1] A fresh name per upload, as blob names often are. The content is right (it comes from
//     once), but every attempt that gets this far writes a receipt of its own: a repeat leaves
//     Alice two receipts for one portion.
