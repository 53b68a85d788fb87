import type { HandlerContext, IncomingMessage, OutgoingMessage, Order, WriteOp } from '../../types';

// The handlers hold business logic only: load, change, store, announce. No dedup code. [1]
export async function onAddItem(msg: { orderId: string; filling: string }, ctx: HandlerContext) {
  const order = await ctx.load<Order>('orders', msg.orderId);
  if (!order) throw new Error(`no order ${msg.orderId}`);
  const lines = [...(order.value.lines ?? []), msg.filling];
  await ctx.store(
    'orders',
    msg.orderId,
    { ...order.value, lines },
    { expectedVersion: order.version },
  );
  await ctx.publish({ type: 'ItemAdded', payload: { orderId: msg.orderId, filling: msg.filling } });
}

export async function onBookPayment(msg: { orderId: string }, ctx: HandlerContext) {
  const order = await ctx.load<Order & { paid?: boolean }>('orders', msg.orderId);
  if (!order) throw new Error(`no order ${msg.orderId}`);
  const amount = 50 * (order.value.lines ?? []).length;
  await ctx.store(
    'orders',
    msg.orderId,
    { ...order.value, paid: true },
    { expectedVersion: order.version },
  );
  await ctx.publish({ type: 'PaymentBooked', payload: { orderId: msg.orderId, amount } });
}

// Billing only listens.
export async function onEvent() {}

/** A message the handler wanted to send, with the id it will keep on every dispatch. */
interface Captured {
  destination: string;
  mode: 'send' | 'publish';
  message: OutgoingMessage;
}
/** Per incoming message id: absent = not processed, messages = not yet dispatched, 'dispatched'. */
type Outbox = Record<string, Captured[] | 'dispatched'>;
type Next = (ctx?: HandlerContext) => Promise<unknown>;

export async function outbox(
  msg: IncomingMessage<{ orderId: string }>,
  ctx: HandlerContext,
  next: Next,
) {
  const orderId = msg.payload.orderId; // [2]
  const box = await ctx.load<Outbox>('outbox', orderId);
  const entries = box?.value ?? {};
  let version = box?.version;
  let entry = entries[msg.id];

  if (entry === undefined) {
    // Run the handler in a unit of work: its writes and messages are captured, not performed. [3]
    const writes: WriteOp[] = [];
    const outgoing: Captured[] = [];
    await next({
      ...ctx,
      store: async (collection, id, value, options) => {
        writes.push({
          op: 'put',
          collection,
          id,
          value,
          expectedVersion: options?.expectedVersion,
        });
      },
      send: async (destination, message) => {
        outgoing.push({ destination, mode: 'send', message: { ...message } });
      },
      publish: async (message) => {
        outgoing.push({ destination: '*', mode: 'publish', message: { ...message } });
      },
    });
    entry = outgoing;
    // The change and the entry commit together, or not at all. [4]
    await ctx.batch([
      ...writes,
      {
        op: 'put',
        collection: 'outbox',
        id: orderId,
        value: { ...entries, [msg.id]: entry },
        expectedVersion: version ?? 'none',
      },
    ]);
    version = (version ?? 0) + 1;
  }

  if (entry !== 'dispatched') {
    for (const m of entry) {
      // a fresh id per dispatch: the engine hands one out
      if (m.mode === 'publish')
        await ctx.publish({ type: m.message.type, payload: m.message.payload });
      else await ctx.send(m.destination, { type: m.message.type, payload: m.message.payload });
    }
    await ctx.store(
      'outbox',
      orderId,
      { ...entries, [msg.id]: 'dispatched' },
      { expectedVersion: version },
    ); // [6]
  }
}

// [1] Both handlers look alike, and both would need the same outbox code: it belongs in the
//     pipeline, once, like an NServiceBus behavior.
// [2] The correlation id: every Orders message names the order it is about. The order's outbox
//     is a document next to it, in the same partition, so one transactional batch covers both.
// [3] The convention: inside `next`, ctx.store and ctx.send/publish are the middleware's. The
//     handler's write (with its expected version) joins the batch; its messages get their ids
//     now, and keep them on every re-dispatch.
// [4] Create-only (or at the version we read): a second copy running at the same time loses
//     here, is retried, and finds the entry.
// [5] Only after the commit: no ghost. On a retry the entry is still there: no lost message.
// [6] A crash before this line re-dispatches the same ids: the receivers can deduplicate.
