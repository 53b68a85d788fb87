import type { Doc, HandlerContext, OutgoingMessage, Order } from '../../types';

interface AddItem {
  orderId: string;
  filling: string;
}

/** The order, plus one string of overhead: the transaction whose messages are not out yet. */
interface ShopOrder extends Order {
  lines: string[];
  transactionId?: string | null;
}

/** An outbox document (key-value store `outbox`, key = transaction id). */
interface Transaction {
  /** The incoming message whose change created this transaction. [1] */
  messageId: string;
  messages: OutgoingMessage[];
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

// ---- Orders ----------------------------------------------------------------------------------

export async function onAddItem(msg: AddItem, ctx: HandlerContext) {
  const messageId = ctx.message!.id;
  let order = await ctx.load<ShopOrder>('orders', msg.orderId);
  if (!order) throw new Error(`no order ${msg.orderId}`);

  if (order.value.transactionId) order = await finish(ctx, msg.orderId, order); // [2]

  const txId = `tx-${messageId}`; // [3]
  if (await ctx.kv.get('inbox', messageId)) return; // [4]

  const { order: changed, messages } = addLine(order.value, msg, messageId);
  await ctx.kv.put('outbox', txId, { messageId, messages }); // [5]
  const pending = { ...changed, transactionId: txId };
  await ctx.store('orders', msg.orderId, pending, { expectedVersion: order.version }); // [6]
  await finish(ctx, msg.orderId, { value: pending, version: order.version + 1 });
}

/** Dispatches the order's pending transaction, marks its creator processed, clears it. */
async function finish(ctx: HandlerContext, orderId: string, order: Doc<ShopOrder>) {
  const txId = order.value.transactionId!;
  const tx = await ctx.kv.get<Transaction>('outbox', txId);
  if (tx) {
    for (const m of tx.value.messages) await ctx.publish(m); // [7]
    await ctx.kv.delete('outbox', txId);
    await ctx.kv.put('inbox', tx.value.messageId, true); // [8]
  }
  const cleared = { ...order.value, transactionId: null };
  await ctx.store('orders', orderId, cleared, { expectedVersion: order.version }); // [9]
  return { value: cleared, version: order.version + 1 };
}

// [1] The transaction may be finished by ANOTHER message. That message must mark this id, not its
//     own: its own change has not run yet, and the inbox check would then drop it.
// [2] Finish first. A committed transaction has nothing left to do but dispatch, so there is at
//     most one per order, and a new change never commits on top of a pending one.
// [3] Named after the incoming message: a retry after a crash reuses the same outbox document
//     instead of leaving an orphan behind.
// [4] After finishing: the transaction just finished may have been this message's own.
// [5] Not yet referenced by the order, so invisible: if the commit below fails, nothing is sent.
// [6] The change and the reference commit together, in ONE small document, under optimistic
//     concurrency: a copy or another message that got there first makes this fail.
// [7] Messages keep their stored ids: dispatching again after a crash is harmless.
// [8] Mark before deleting the document: once it is gone, so is the creator's id.
// [9] Conditional too: if another message finished the transaction first, this fails, the message
//     is retried, and the retry finds the order as it is now.
