import type { HandlerContext, IncomingMessage, OutgoingMessage, Order, WriteOp } from '../types';

// The handler holds business logic only: load, change, store, announce. No dedup code.
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

// Billing only listens.
export async function onEvent() {}

/** A message the handler wanted to send, with the id it keeps on every dispatch. */
interface Captured {
  destination: string;
  mode: 'send' | 'publish';
  message: OutgoingMessage;
}
type Next = (ctx?: HandlerContext) => Promise<unknown>;

/** Runs the handler with store/send/publish captured (the unit of work of lesson 13). */
async function runCaptured(ctx: HandlerContext, next: Next) {
  const writes: WriteOp[] = [];
  const messages: Captured[] = [];
  await next({
    ...ctx,
    store: async (collection, id, value, options) => {
      writes.push({ op: 'put', collection, id, value, expectedVersion: options?.expectedVersion });
    },
    send: async (destination, message, options) => {
      messages.push({
        destination,
        mode: 'send',
        message: { ...message, id: options?.id ?? ctx.newId() },
      });
    },
    publish: async (message, options) => {
      messages.push({
        destination: '*',
        mode: 'publish',
        message: { ...message, id: options?.id ?? ctx.newId() },
      });
    },
  });
  return { writes, messages };
}

async function dispatch(ctx: HandlerContext, messages: Captured[]) {
  for (const m of messages) {
    if (m.mode === 'publish') await ctx.publish(m.message);
    else await ctx.send(m.destination, m.message);
  }
}

/** Per incoming message id: absent = not processed, messages = not yet dispatched, 'dispatched'. */
type Outbox = Record<string, Captured[] | 'dispatched'>;

// Lesson 13's outbox. It works, but every message ever processed leaves an entry behind. [1]
export async function outbox(
  msg: IncomingMessage<{ orderId: string }>,
  ctx: HandlerContext,
  next: Next,
) {
  const orderId = msg.payload.orderId;
  const box = await ctx.load<Outbox>('outbox', orderId);
  const entries = box?.value ?? {};
  let version = box?.version;
  let entry = entries[msg.id];
  if (entry === undefined) {
    const { writes, messages } = await runCaptured(ctx, next);
    entry = messages;
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
    await dispatch(ctx, entry);
    await ctx.store(
      'outbox',
      orderId,
      { ...entries, [msg.id]: 'dispatched' },
      { expectedVersion: version },
    );
  }
  // The key-value store 'inbox' is there for you: ctx.kv.get / ctx.kv.put('inbox', id, true). [2]
}

// [1] 'dispatched' entries are dedup data: they must stay as long as a duplicate may arrive, so
//     in practice forever, inside a document whose size is limited.
// [2] A separate deduplication store: cheap, simple keys, strongly consistent (read your writes).
