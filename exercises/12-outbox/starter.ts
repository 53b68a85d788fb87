import type { HandlerContext, Order } from '../types';

interface ShopOrder extends Order {
  lines: string[];
  processedMessages: string[];
}

// Orders: add the line once per AddItem (message-id deduplication), then publish on every
// attempt under a deterministic id (the previous exercises). [1]
export async function onAddItem(msg: { orderId: string; filling: string }, ctx: HandlerContext) {
  const order = await ctx.load<ShopOrder>('orders', msg.orderId);
  if (!order) throw new Error(`no order ${msg.orderId}`);
  const id = ctx.message!.id;
  let current = order.value;
  if (!current.processedMessages.includes(id)) {
    current = {
      ...current,
      lines: [...current.lines, msg.filling],
      processedMessages: [...current.processedMessages, id],
    };
    await ctx.store('orders', msg.orderId, current, { expectedVersion: order.version });
  } else {
    ctx.log(`${id} was already processed: publishing again, just in case`);
  }
  // What to publish is worked out from the order as it is now. [2]
  if (current.lines.length === 1) {
    await ctx.publish(
      { type: 'FirstItemAdded', payload: { orderId: msg.orderId, filling: current.lines[0] } },
      { id: `${ctx.endpoint}:${id}:FirstItemAdded` },
    );
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

// [1] "Handlers should be idempotent": this one is, as long as nothing else changes the order
//     between an attempt and its retry.
// [2] On a retry, "now" may be after other messages changed the order: the retry re-derives its
//     outputs from a state the first attempt never saw.
