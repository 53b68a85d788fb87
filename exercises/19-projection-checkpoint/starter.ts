import type { HandlerContext } from '../types';

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
}

// The "Order history" page reads one document per customer, built from Orders' events. [1]
export async function onOrderEvent(event: OrderEvent, ctx: HandlerContext) {
  const id = `history-${event.customer}`;
  const doc = await ctx.load<HistoryView>('views', id);
  const view = doc?.value ?? { orders: 0, total: 0 };
  view.orders += 1; // [2]
  view.total += event.amount;
  await ctx.store('views', id, view);
}

// [1] Each message announces one event of a customer's stream in the `orders` event store:
//     `stream` and `version` say where it is, the rest is the event itself.
// [2] One more order, and its amount on top of the total: right, if every event arrives exactly
//     once. The broker promises at least once.
