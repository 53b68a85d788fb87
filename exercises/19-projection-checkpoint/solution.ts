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
  /** The version of the last event of the stream folded into this view. */
  checkpoint: number;
}

// The "Order history" page reads one document per customer, built from Orders' events. [1]
export async function onOrderEvent(event: OrderEvent, ctx: HandlerContext) {
  const id = `history-${event.customer}`;
  const doc = await ctx.load<HistoryView>('views', id);
  const view = doc?.value ?? { orders: 0, total: 0, checkpoint: 0 };
  if (event.version <= view.checkpoint) {
    ctx.log(`${event.stream}@${event.version} is already in the history`); // [2]
    return;
  }
  // Events between the checkpoint and this one have not arrived yet: read them from the source. [3]
  const { events } = await ctx.events.read<OrderPlaced>('orders', event.stream, view.checkpoint);
  for (const e of events) {
    if (e.version > event.version) break;
    view.orders += 1;
    view.total += e.data.amount;
    view.checkpoint = e.version;
  }
  // The view and its checkpoint in one write, so a crash keeps both or neither. [4]
  await ctx.store('views', id, view, { expectedVersion: doc ? doc.version : 'none' });
}

// [1] Each message announces one event of a customer's stream in the `orders` event store:
//     `stream` and `version` say where it is, the rest is the event itself.
// [2] A duplicate, a redelivery after a crash, or an event that arrived late and was already
//     read from the stream: at or below the checkpoint, it is in the view.
// [3] `ctx.events.read(store, stream, fromVersion)` gives the events after `fromVersion`. The
//     stream, not the broker, is the source of truth: the projection folds it in stream order,
//     whatever order the messages come in.
// [4] `expectedVersion` makes the write fail if another writer moved the view since our load
//     (a second instance, a rebuild): the message is retried and starts from the new checkpoint.
