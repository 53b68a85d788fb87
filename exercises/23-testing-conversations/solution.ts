import type { HandlerContext, HttpRequest, IncomingMessage, OutgoingMessage } from '../types';

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

// Every message Orders and Billing handle passes through here. [3]
export async function tracing(msg: IncomingMessage, ctx: HandlerContext, next: Next) {
  const conversation = msg.headers.conversation;
  if (!conversation) return next(ctx);
  const produced: string[] = [];
  // Every way out of the handler: the id is known before the message leaves, and the
  // conversation id travels in its headers. [4]
  const traced = (message: OutgoingMessage): OutgoingMessage => {
    const id = message.id ?? ctx.newId();
    produced.push(id);
    return { ...message, id, headers: { ...message.headers, conversation } };
  };
  await next({
    ...ctx,
    send: (destination, message, options) => ctx.send(destination, traced(message), options),
    sendLocal: (message, options) => ctx.sendLocal(traced(message), options),
    publish: (message, options) => ctx.publish(traced(message), options),
  });
  // Only now, in one write: this message is processed, and these are what it produced. [5]
  await addToTrace(ctx, conversation, msg.id, produced);
}

// The test's check, which the test calls until it gets a verdict.
export async function assert(
  req: HttpRequest<{ conversation: string; orderId: string }>,
  ctx: HandlerContext,
) {
  const { conversation, orderId } = req.body;
  const trace = await ctx.kv.get<Trace>('trace', conversation);
  const processed = trace?.value.processed ?? [];
  const pending = (trace?.value.produced ?? []).filter((id) => !processed.includes(id));
  if (!trace || pending.length > 0) return { conversation, verdict: 'not yet', pending }; // [6]
  const order = await ctx.load<PierogiOrder>('orders', orderId);
  return { conversation, verdict: order?.value.status === 'finalized' ? 'pass' : 'fail' };
}

/** Adds one processed message and what it produced to the conversation's trace (OCC, retried). */
async function addToTrace(
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
// [2] A sleep would guess how long the conversation takes. The trace knows instead: the
//     conversation is over when every message produced in it has been processed.
// [3] The conversation id comes in the headers, like NServiceBus's ConversationId or a trace id.
// [4] Three exits: send, sendLocal (Orders re-sends to itself) and publish. A message that leaves
//     by an unwrapped one is missing from the trace, and carries no conversation id.
// [5] After the handler: a message marked processed before its handler ran would make the
//     conversation look over while its outgoing messages are still unknown.
// [6] Judge only a quiet conversation; the order is loaded after the trace, so it is at least as
//     recent as the quiet trace.
