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
}

// The "Order history" page reads one document per customer, built from Orders' events. [1]
export async function onOrderEvent(event: OrderEvent, ctx: HandlerContext) {
  const id = `history-${event.customer}`;
  const saved = await ctx.load<{ version: number }>('checkpoints', id); // [2]
  const checkpoint = saved?.value.version ?? 0;
  if (event.version <= checkpoint) {
    ctx.log(`${event.stream}@${event.version} is already in the history`);
    return;
  }
  const doc = await ctx.load<HistoryView>('views', id);
  const view = doc?.value ?? { orders: 0, total: 0 };
  const { events } = await ctx.events.read<OrderPlaced>('orders', event.stream, checkpoint);
  let applied = checkpoint;
  for (const e of events) {
    if (e.version > event.version) break;
    view.orders += 1;
    view.total += e.data.amount;
    applied = e.version;
  }
  await ctx.store('views', id, view, { expectedVersion: doc ? doc.version : 'none' });
  await ctx.store('checkpoints', id, { version: applied }); // [3]
}

// [1] Each message announces one event of a customer's stream in the `orders` event store:
//     `stream` and `version` say where it is, the rest is the event itself.
// [2] The checkpoint lives in a document of its own, next to the view, the way a projection
//     library often keeps "the position of each projection" in a table of its own.
// [3] Two writes: a crash after the first leaves the view ahead of its checkpoint. The broker
//     redelivers the event, the old checkpoint lets it through, and it is counted again.
