import type { HandlerContext, HttpRequest, IncomingMessage } from '../types';

interface PlaceOrder {
  orderId: string;
  try: number;
}
interface PierogiOrder {
  customer: string;
  status: 'placed' | 'finalized';
}
/** What the trace knows about one conversation: the messages sent in it, and those handled. */
interface Trace {
  produced: string[];
  processed: string[];
}

// --- The system under test: correct, leave it as it is. ---------------------------------------

// Orders asks the kitchen. 1 time in 20 the kitchen is busy, and Orders puts the order back in
// its own queue to try again a moment later; otherwise it hands the order to Billing. [1]
export async function onPlaceOrder(msg: PlaceOrder, ctx: HandlerContext) {
  const kitchen = msg.try === 1 ? await ctx.choose('kitchen', ['free', 'busy (1 in 20)']) : 'free';
  await ctx.store('kitchen', msg.orderId, { try: msg.try, kitchen }); // the kitchen's log
  if (kitchen !== 'free') {
    await ctx.sendLocal({ type: 'PlaceOrder', payload: { ...msg, try: 2 } });
    return;
  }
  await ctx.send('Billing', { type: 'FinalizeOrder', payload: { orderId: msg.orderId } });
}

// Billing finalizes the order: the outcome the test checks.
export async function onFinalizeOrder(msg: { orderId: string }, ctx: HandlerContext) {
  const order = await ctx.load<PierogiOrder>('orders', msg.orderId);
  if (!order) throw new Error(`no order ${msg.orderId}`);
  await ctx.store(
    'orders',
    msg.orderId,
    { ...order.value, status: 'finalized' },
    { expectedVersion: order.version },
  );
}

// --- The test --------------------------------------------------------------------------------

// The test's first step: a new conversation, and the command that starts it. The trace knows the
// command before it leaves. [2]
export async function start(req: HttpRequest<{ orderId: string }>, ctx: HandlerContext) {
  const conversation = ctx.newId();
  const placeOrder = ctx.newId();
  await ctx.kv.put('trace', conversation, { produced: [placeOrder], processed: [] });
  await ctx.send('Orders', {
    type: 'PlaceOrder',
    id: placeOrder,
    payload: { orderId: req.body.orderId, try: 1 },
    headers: { conversation },
  });
  return { conversation };
}

type Next = (ctx?: HandlerContext) => Promise<unknown>;

// Every message Orders and Billing handle passes through here. For now it only passes it on. [3]
export async function tracing(msg: IncomingMessage, ctx: HandlerContext, next: Next) {
  return next(ctx);
}

// The test's check. It looks at the order straight away. [4]
export async function assert(
  req: HttpRequest<{ conversation: string; orderId: string }>,
  ctx: HandlerContext,
) {
  const { conversation, orderId } = req.body;
  const order = await ctx.load<PierogiOrder>('orders', orderId);
  return { conversation, verdict: order?.value.status === 'finalized' ? 'pass' : 'fail' };
}

/**
 * Yours to use: adds one processed message and what it produced to the conversation's trace
 * (optimistic concurrency, retried).
 */
export async function addToTrace(
  ctx: HandlerContext,
  conversation: string,
  processed: string,
  produced: string[],
) {
  for (;;) {
    const trace = await ctx.kv.get<Trace>('trace', conversation);
    const was = trace?.value ?? { produced: [], processed: [] };
    const value: Trace = {
      produced: [...was.produced, ...produced.filter((id) => !was.produced.includes(id))],
      processed: was.processed.includes(processed) ? was.processed : [...was.processed, processed],
    };
    try {
      await ctx.kv.put('trace', conversation, value, { expectedVersion: trace?.version ?? 'none' });
      return;
    } catch (e) {
      // Orders and Billing may write the same trace at once: read again and retry.
      const code = (e as Error).name;
      if (code !== 'ConcurrencyConflict' && code !== 'DocumentExists') throw e;
    }
  }
}

// [1] The checker tries both branches, so "1 in 20" is as likely as "always" to it. The re-sent
//     PlaceOrder may be delivered at any later moment: that covers every delay.
// [2] The trace (key-value store `trace`, key: the conversation id) holds the ids of the messages
//     produced in the conversation and of those processed. The test's own command is its first.
// [3] msg is the whole incoming message: msg.id, msg.headers.conversation. next(otherCtx) runs
//     the handler with a context of your choice, e.g. { ...ctx, send: yourSend }.
// [4] Right after `start` answered, the conversation has only begun. Your assert answers
//     { conversation, verdict: 'not yet' } while it is not over.
