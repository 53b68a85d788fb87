import type { HandlerContext, Order } from '../../types';

interface PaidOrder extends Order {
  paymentBooked: boolean;
  processedMessages: string[];
}

interface Payments {
  total: number;
  processedMessages: string[];
}

// ---- Orders -----------------------------------------------------------------------------------

// Applies `change` once per logical message (the previous exercise) and returns the order.
async function applyOnce(
  ctx: HandlerContext,
  orderId: string,
  change: (order: PaidOrder) => PaidOrder,
): Promise<PaidOrder> {
  const order = await ctx.load<PaidOrder>('orders', orderId);
  if (!order) throw new Error(`no order ${orderId}`);
  const id = ctx.message!.id;
  if (order.value.processedMessages.includes(id)) {
    ctx.log(`${id} was already processed: a duplicate`);
    return order.value;
  }
  const updated = {
    ...change(order.value),
    processedMessages: [...order.value.processedMessages, id],
  };
  await ctx.store('orders', orderId, updated, { expectedVersion: order.version });
  return updated;
}

const valueOf = (order: PaidOrder) => 50 * order.items.length;

// Remember the id each incoming message got, so a duplicate re-publishes under the same one. [4]
const outgoingIds = new Map<string, string>();
function outgoingIdFor(ctx: HandlerContext): string {
  const key = ctx.message!.id;
  const known = outgoingIds.get(key);
  if (known) return known;
  const id = ctx.newId();
  outgoingIds.set(key, id);
  return id;
}

export async function onBookPayment(msg: { orderId: string }, ctx: HandlerContext) {
  const order = await applyOnce(ctx, msg.orderId, (o) => ({ ...o, paymentBooked: true }));
  // Publish on every attempt, duplicates included: the first attempt may have failed to. [1]
  await ctx.publish(
    {
      type: 'PaymentBooked',
      payload: { orderId: msg.orderId, customer: order.customer, amount: valueOf(order) },
    },
    { id: outgoingIdFor(ctx) },
  ); // [2]
}

export async function onCancelPayment(msg: { orderId: string }, ctx: HandlerContext) {
  const order = await applyOnce(ctx, msg.orderId, (o) => ({ ...o, paymentBooked: false }));
  await ctx.publish(
    {
      type: 'PaymentCancelled',
      payload: { orderId: msg.orderId, customer: order.customer, amount: valueOf(order) },
    },
    { id: outgoingIdFor(ctx) },
  );
}

// ---- Marketing (no need to change it) -----------------------------------------------------------

// Marketing keeps a running total per customer and deduplicates by message id. [3]
async function count(ctx: HandlerContext, customer: string, delta: number) {
  const payments = await ctx.load<Payments>('payments', customer);
  if (!payments) throw new Error(`no payments for ${customer}`);
  const id = ctx.message!.id;
  if (payments.value.processedMessages.includes(id)) return;
  await ctx.store(
    'payments',
    customer,
    {
      total: payments.value.total + delta,
      processedMessages: [...payments.value.processedMessages, id],
    },
    { expectedVersion: payments.version },
  );
}

export async function onPaymentBooked(
  msg: { customer: string; amount: number },
  ctx: HandlerContext,
) {
  await count(ctx, msg.customer, msg.amount);
}

export async function onPaymentCancelled(
  msg: { customer: string; amount: number },
  ctx: HandlerContext,
) {
  await count(ctx, msg.customer, -msg.amount);
}

// [1] The rule from "a suspected duplicate must still publish": otherwise a publish that failed
//     after the commit is lost for good.
// [2] A deterministic id: the same on every attempt for this incoming message. The endpoint
//     name keeps it apart from what other endpoints derive from the same message; the output
//     slot ("PaymentBooked") keeps apart several messages one input produces.
// [3] Correct, as long as every copy of one event carries the same id.
// [4] Wrong: module memory is process memory. A crashed or restarted endpoint (or another
//     instance) starts with an empty map, and the checker runs every attempt in a fresh instance.
