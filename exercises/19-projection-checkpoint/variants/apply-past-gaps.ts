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
  view.orders += 1; // [2]
  view.total += event.amount;
  view.checkpoint = event.version;
  await ctx.store('views', id, view, { expectedVersion: doc ? doc.version : 'none' });
}

// [1] Each message announces one event of a customer's stream in the `orders` event store:
//     `stream` and `version` say where it is, the rest is the event itself.
// [2] Duplicates and redeliveries are ignored, and the view and checkpoint are one write. But an
//     event that arrives before an earlier one moves the checkpoint past it: when the earlier
//     event arrives, it is "at or below the checkpoint", and it is never counted.
