import type { HandlerContext, OutgoingMessage, Order } from '../types';

interface AddItem {
  orderId: string;
  filling: string;
}

/** The order, with lesson 14's outbox inside it. [1] */
interface ShopOrder extends Order {
  lines: string[];
  /** Incoming message id -> the messages its change produced, until they are out. */
  outbox?: Record<string, OutgoingMessage[]>;
}

// ---- Business logic (no need to change it) ---------------------------------------------------

/** Adds the line, and announces it under an id derived from the incoming message. */
function addLine(order: ShopOrder, msg: AddItem, incomingId: string) {
  const messages: OutgoingMessage[] = [
    {
      id: `${incomingId}/ItemAdded`,
      type: 'ItemAdded',
      payload: { orderId: msg.orderId, filling: msg.filling },
    },
  ];
  return { order: { ...order, lines: [...order.lines, msg.filling] }, messages };
}

// Billing only listens.
export async function onItemAdded() {}

// ---- Orders: lesson 14's inbox, with the outbox inside the order -----------------------------

export async function onAddItem(msg: AddItem, ctx: HandlerContext) {
  const messageId = ctx.message!.id;
  const order = await ctx.load<ShopOrder>('orders', msg.orderId);
  if (!order) throw new Error(`no order ${msg.orderId}`);
  let current = order.value;
  let version = order.version;

  if (await ctx.kv.get('inbox', messageId)) {
    // Processed and dispatched. Clean up an entry a crash may have left behind.
    if (current.outbox?.[messageId]) {
      const outbox = { ...current.outbox };
      delete outbox[messageId];
      await ctx.store('orders', msg.orderId, { ...current, outbox }, { expectedVersion: version });
    }
    return;
  }

  let pending = current.outbox?.[messageId];
  if (!pending) {
    const changed = addLine(current, msg, messageId);
    pending = changed.messages;
    current = { ...changed.order, outbox: { ...current.outbox, [messageId]: pending } };
    await ctx.store('orders', msg.orderId, current, { expectedVersion: version }); // [2]
    version += 1;
  }
  for (const m of pending) await ctx.publish(m);
  await ctx.kv.put('inbox', messageId, true);
  const outbox = { ...current.outbox };
  delete outbox[messageId];
  await ctx.store('orders', msg.orderId, { ...current, outbox }, { expectedVersion: version });
}

// [1] Correct, but the order now carries whole messages: with two consumers, one per message in
//     progress. A store with small documents (Cosmos DB, DynamoDB) cannot afford that, and every
//     load of the order pays for it.
// [2] The key-value store `outbox` is there for you: ctx.kv.get / put / delete('outbox', key).
