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

/** Per incoming message id: absent = not processed (or done: ask the inbox), messages = in progress. */
type Outbox = Record<string, Captured[]>;

export async function outbox(
  msg: IncomingMessage<{ orderId: string }>,
  ctx: HandlerContext,
  next: Next,
) {
  const orderId = msg.payload.orderId;
  const box = await ctx.load<Outbox>('outbox', orderId); // [1]
  const entries = { ...(box?.value ?? {}) };
  let version = box?.version;

  if (await ctx.kv.get('inbox', msg.id)) {
    // Processed and dispatched. Clean up an entry a crash may have left behind. [2]
    if (entries[msg.id] !== undefined) {
      delete entries[msg.id];
      await ctx.store('outbox', orderId, entries, { expectedVersion: version });
    }
    return;
  }

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
    ]); // [3]
    version = (version ?? 0) + 1;
  }
  await dispatch(ctx, entry);
  await ctx.kv.put('inbox', msg.id, true); // [4]
  delete entries[msg.id];
  await ctx.store('outbox', orderId, entries, { expectedVersion: version }); // [5]
}

// [1] First the outbox, THEN the inbox. Everything this attempt commits later is conditional on
//     the outbox version read here, so any handover that happens after this line (another copy
//     committing, marking, removing its entry) makes our commit fail.
// [2] A crash between [4] and [5] leaves the entry behind. Without this cleanup it stays forever,
//     because every later copy returns early.
// [3] Conditional on the version read in [1]: the other copy's commit or removal makes it fail.
// [4] Only after the dispatch: an id in the inbox means "its messages are out".
// [5] The id moves from the outbox to the inbox: added there first, removed here second, so it
//     is always in at least one of them. The outbox document itself stays (even when empty): its
//     version is what keeps counting.
