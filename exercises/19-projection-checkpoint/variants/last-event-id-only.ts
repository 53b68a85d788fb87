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
  lastEventId: string | null;
}

// The "Order history" page reads one document per customer, built from Orders' events. [1]
export async function onOrderEvent(event: OrderEvent, ctx: HandlerContext) {
  const id = `history-${event.customer}`;
  const eventId = ctx.message!.id;
  const doc = await ctx.load<HistoryView>('views', id);
  const view = doc?.value ?? { orders: 0, total: 0, lastEventId: null };
  if (view.lastEventId === eventId) {
    ctx.log(`${eventId} was the last event applied`); // [2]
    return;
  }
  view.orders += 1;
  view.total += event.amount;
  view.lastEventId = eventId;
  await ctx.store('views', id, view, { expectedVersion: doc ? doc.version : 'none' });
}

// [1] Each message announces one event of a customer's stream in the `orders` event store:
//     `stream` and `version` say where it is, the rest is the event itself.
// [2] A redelivery right after a crash is caught: it is the last event applied. A duplicate that
//     arrives after later events is not: the view remembers one id, not how far it has got.
