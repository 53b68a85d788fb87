import type { HandlerContext, Order, OutgoingMessage } from '../../types';

interface ShopOrder extends Order {
  lines: string[];
  processedMessages: string[];
  /** Incoming message id -> the messages its processing produced, not yet dispatched. [1] */
  outbox: Record<string, OutgoingMessage[]>;
}

export async function onAddItem(msg: { orderId: string; filling: string }, ctx: HandlerContext) {
  const order = await ctx.load<ShopOrder>('orders', msg.orderId);
  if (!order) throw new Error(`no order ${msg.orderId}`);
  const id = ctx.message!.id;
  let current = order.value;
  let version = order.version;
  if (!current.processedMessages.includes(id)) {
    const lines = [...current.lines, msg.filling];
    const outgoing: OutgoingMessage[] = [];
    if (lines.length === 1) {
      outgoing.push({
        id: ctx.newId(), // [2]
        type: 'FirstItemAdded',
        payload: { orderId: msg.orderId, filling: msg.filling },
      });
    }
    current = {
      ...current,
      lines,
      processedMessages: [...current.processedMessages, id],
      outbox: { ...current.outbox, [id]: outgoing },
    };
    await ctx.store('orders', msg.orderId, current, { expectedVersion: version }); // [3]
    version += 1;
  }
  const pending = current.outbox[id];
  if (pending) {
    const outbox = { ...current.outbox };
    delete outbox[id];
    await ctx.store('orders', msg.orderId, { ...current, outbox }, { expectedVersion: version }); // [4]
    for (const m of pending) await ctx.publish(m); // [5]
  }
}

// ---- Marketing (no need to change it) -----------------------------------------------------------

// Marketing studies what customers pick first. One record per order (primary-key deduplication).
export async function onFirstItemAdded(
  msg: { orderId: string; filling: string },
  ctx: HandlerContext,
) {
  if (await ctx.load('firstItems', msg.orderId)) return;
  await ctx.store('firstItems', msg.orderId, { filling: msg.filling }, { expectedVersion: 'none' });
}

// [1] An inline outbox: the outgoing messages live in the order document itself.
// [2] Any id will do now, even a random one: it is stored, so every dispatch reuses it.
// [3] ONE write: the new line, the processed marker and the outgoing messages.
// [4] Mark them as sent first, so a retry cannot send them twice...
// [5] ...but if this publish fails, the retry finds nothing left to send.
