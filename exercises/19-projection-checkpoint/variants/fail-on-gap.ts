import type { HandlerContext } from '../../types';

interface OrderPlaced {
  type: 'OrderPlaced';
  customer: string;
  order: string;
  amount: number;
}

/** The message: where the event is in its stream, and the event itself. */
type OrderEvent = OrderPlaced & { stream: string; version: number };

interface HistoryView {
  orders: number;
  total: number;
  checkpoint: number;
}

// The "Order history" page reads one document per customer, built from Orders' events. [1]
export async function onOrderEvent(event: OrderEvent, ctx: HandlerContext) {
  const id = `history-${event.customer}`;
  const doc = await ctx.load<HistoryView>('views', id);
  const view = doc?.value ?? { orders: 0, total: 0, checkpoint: 0 };
  if (event.version <= view.checkpoint) {
    ctx.log(`${event.stream}@${event.version} is already in the history`);
    return;
  }
  if (event.version > view.checkpoint + 1) {
    // An earlier event is missing: fail, and let the broker bring this one back later. [2]
    throw new Error(`${event.stream}@${view.checkpoint + 1} has not arrived yet`);
  }
  view.orders += 1;
  view.total += event.amount;
  view.checkpoint = event.version;
  await ctx.store('views', id, view, { expectedVersion: doc ? doc.version : 'none' });
}

// [1] Each message announces one event of a customer's stream in the `orders` event store:
//     `stream` and `version` say where it is, the rest is the event itself.
// [2] History retries a failed message once, at once, and has no delayed retries: the missing
//     event is still behind it in the queue, and the message goes to the error queue.
