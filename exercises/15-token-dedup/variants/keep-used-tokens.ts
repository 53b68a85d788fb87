import type { HandlerContext, IncomingMessage, Order, OutgoingMessage, WriteOp } from '../../types';

// Orders turns a submitted cart into an order and asks Billing to charge each item. [1]
export async function onSubmitOrder(
  msg: { orderId: string; customer: string; items: string[] },
  ctx: HandlerContext,
) {
  if (await ctx.load<Order>('orders', msg.orderId)) return; // this order exists already
  await ctx.store(
    'orders',
    msg.orderId,
    { cartId: msg.orderId, customer: msg.customer, items: msg.items },
    { expectedVersion: 'none' },
  );
  for (const filling of msg.items) {
    await ctx.send('Billing', { type: 'BillItem', payload: { orderId: msg.orderId, filling } });
  }
}

// Billing adds a charge of 50 USD per item to the order's invoice: not idempotent at all.
export async function onBillItem(msg: { orderId: string; filling: string }, ctx: HandlerContext) {
  const invoice = await ctx.load<Invoice>('invoices', msg.orderId);
  if (!invoice) throw new Error(`no invoice for ${msg.orderId}`);
  const charges = [...invoice.value.charges, { filling: msg.filling, amount: 50 }];
  await ctx.store(
    'invoices',
    msg.orderId,
    { ...invoice.value, charges },
    { expectedVersion: invoice.version },
  );
}

interface Invoice {
  customer: string;
  charges: { filling: string; amount: number }[];
}
interface Captured {
  destination: string;
  mode: 'send' | 'publish';
  message: OutgoingMessage;
}
/** An incoming message in progress: its outgoing messages, and whether their tokens exist. */
interface Entry {
  messages: Captured[];
  tokensGenerated: boolean;
}
type Outbox = Record<string, Entry>;
type Next = (ctx?: HandlerContext) => Promise<unknown>;

// One middleware for both endpoints: consume the incoming token, outbox, mint outgoing tokens.
export async function exactlyOnce(
  msg: IncomingMessage<{ orderId: string }>,
  ctx: HandlerContext,
  next: Next,
) {
  const key = `${ctx.endpoint}:${msg.payload.orderId}`;
  const box = await ctx.load<Outbox>('outbox', key);
  const entries = { ...(box?.value ?? {}) };
  let version = box?.version;

  // Receiver: a message that carries a token must find it. No token: a duplicate. [2]
  const tokenId = msg.headers.token;
  const token = tokenId ? await ctx.kv.get('tokens', tokenId) : null;
  if (tokenId && (!token || (token.value as { used?: boolean }).used)) {
    if (entries[msg.id]) {
      delete entries[msg.id];
      await ctx.store('outbox', key, entries, { expectedVersion: version });
    }
    return;
  }

  let entry = entries[msg.id];
  if (!entry) {
    const { writes, messages } = await runCaptured(ctx, next);
    entry = { messages, tokensGenerated: messages.length === 0 };
    await ctx.batch([
      ...writes,
      {
        op: 'put',
        collection: 'outbox',
        id: key,
        value: { ...entries, [msg.id]: entry },
        expectedVersion: version ?? 'none',
      },
    ]);
    version = (version ?? 0) + 1;
  }

  // Sender: fresh tokens, once per entry, frozen by a checkpoint before anything is dispatched. [3]
  if (!entry.tokensGenerated) {
    const messages: Captured[] = [];
    for (const m of entry.messages) {
      const t = ctx.newId(); // [4]
      await ctx.kv.put('tokens', t, { for: m.message.id });
      messages.push({ ...m, message: { ...m.message, headers: { token: t } } });
    }
    entry = { messages, tokensGenerated: true };
    await ctx.store('outbox', key, { ...entries, [msg.id]: entry }, { expectedVersion: version });
    version = (version ?? 0) + 1;
  }

  await dispatch(ctx, entry.messages); // [5]
  // Keep the token, marked used: a late duplicate will still find it and be recognised.
  if (tokenId && token)
    await ctx.kv.put(
      'tokens',
      tokenId,
      { ...(token.value as object), used: true },
      { expectedVersion: token.version },
    );
  delete entries[msg.id];
  await ctx.store('outbox', key, entries, { expectedVersion: version });
}

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

// [1] SubmitOrder comes from the edge without a token; its duplicates are caught by the order's
//     own identity (an order is created once). Every message inside the shop carries a token.
// [2] The proof is turned around: not "this id was processed" (kept for ever), but "this message
//     may still be processed" (deleted once it was). If an entry for it is still here, a crash
//     interrupted the last steps below: clean it up.
// [3] A crash before the checkpoint leaves tokens nobody will ever use: garbage, bounded by the
//     crash. A crash after it re-dispatches the SAME tokens, so the receiver drops the copies.
// [4] A fresh id, not the message id. A token says "this send may be processed once". Named after
//     the message, a token created again by a retry looks exactly like the one Billing consumed.
// [5] Only the checkpointed messages, with their checkpointed tokens, ever leave.
// [6] Consume the token only after the outgoing messages are out, and only the version we saw:
//     a copy running at the same time loses this delete and finds no token on its retry.
