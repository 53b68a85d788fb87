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
// Submit: the stream version her write produced. [1]
export async function showMyOrders(
  req: HttpRequest<{ token: number | null }>,
  ctx: HandlerContext,
) {
  const view = await ctx.load<HistoryView>('history', 'alice');
  const seen = view?.value ?? { orders: [], checkpoint: 0 };
  const rows: { cartId: string; pending?: boolean }[] = seen.orders.map((cartId) => ({ cartId }));
  const token = req.body.token ?? 0;
  if (seen.checkpoint >= token) return { orders: rows }; // [2]
  // The projection has not reached alice's write yet: catch the history up right here.
  const { events } = await ctx.events.read<OrderPlaced>('shop', 'orders-alice');
  const missing = events.filter((e) => e.version > seen.checkpoint && e.version <= token);
  for (const e of missing) rows.push({ cartId: e.data.cartId });
  if (view) {
    const orders = rows.map((r) => r.cartId);
    await ctx.store('history', 'alice', { ...seen, orders }, { expectedVersion: view.version });
  }
  return { orders: rows };
}

// [1] The token travels with the browser: Submit's answer carries it, and the next request
//     sends it back. It says "whatever you show me must include this write".
// [2] The view is at least as recent as the write: it can be shown as it is.
// [3] Read-only: the query never writes the view, so the projection stays the one writer and its
//     checkpoint stays true. Blocking until the checkpoint reaches the token would also do; a
//     pending row answers at once.
