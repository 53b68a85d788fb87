import type { HandlerContext, HttpRequest } from '../types';

interface Line {
  filling: string;
  stamp: string;
}
interface Order {
  customer: string;
  lines: Line[];
}
/** What one "+" tap produced: the result every answer, message and receipt repeats. */
interface Added {
  filling: string;
  stamp: string;
}

/** A state document that also keeps the result of every request applied to it. [1] */
type WithResults<S, R> = S & { results?: Record<string, R> };

/**
 * Applies `change` to one document at most once per request id. The new state and the result
 * are stored in ONE write, at the version read; a repeat of the request gets the stored result
 * and changes nothing. [2]
 */
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
  if (stored !== undefined) return stored; // [3]
  const { state, result } = await change(doc.value);
  await ctx.store(
    collection,
    stateId,
    { ...state, results: { ...doc.value.results, [requestId]: result } },
    { expectedVersion: doc.version },
  ); // [4]
  return result;
}

// Alice taps "+" on a filling: one more portion on her open order.
export async function addItem(
  req: HttpRequest<{ orderId: string; filling: string }>,
  ctx: HandlerContext,
) {
  const { orderId, filling } = req.body;
  // Inside once: the state change and the values it is made of. [5]
  const added = await once<Order, Added>(ctx, req.requestId, 'orders', orderId, async (order) => {
    const { id: stamp } = await ctx.call<{ id: string }>('Clock', 'createStamp', {});
    return {
      state: { ...order, lines: [...order.lines, { filling, stamp }] },
      result: { filling, stamp },
    };
  });
  // Outside once: the outputs, on every attempt, all taken from the committed result. [6]
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

// [1] The dedup record lives in the state's own document, so one conditional write covers both.
//     (Azure's version keeps it as a separate item in the same partition, written in one
//     transactional batch, and lets a time-to-live remove it.)
// [2] This is the `Once(requestId, stateId)` executor: the business code inside never sees a
//     request id, and the code around it never sees a half-applied request.
// [3] The dedup path: the first committed attempt's values, not new ones.
// [4] At the version read: if another tap (or another attempt of this one) committed since, the
//     write is rejected, the browser retries, and the retry takes one of the two paths above.
// [5] The Clock runs only when the change is really made. An attempt that calls it and then
//     loses the race or crashes leaves a stamp nobody keeps, which is harmless: only the
//     committed result counts. Calling it before `once` would be just as correct.
// [6] A crash after the commit must not lose the message or the receipt, so a repeat sends and
//     writes them again: the same message id, the same receipt name, the same content.
