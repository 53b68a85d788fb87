import type { HandlerContext, HttpRequest, IncomingMessage, OutgoingMessage } from '../../types';

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
// its own queue to try again a moment later; otherwise it hands the order to Billing.
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
// command before it leaves.
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

// Every message Orders and Billing handle passes through here.
export async function tracing(msg: IncomingMessage, ctx: HandlerContext, next: Next) {
  const conversation = msg.headers.conversation;
  if (!conversation) return next(ctx);
  // The message has arrived: it counts as processed. [1]
  await addToTrace(ctx, conversation, msg.id, []);
  const produced: string[] = [];
  // Every way out of the handler: the id is known before the message leaves, and the
  // conversation id travels in its headers.
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
  if (!trace || pending.length > 0) return { conversation, verdict: 'not yet', pending };
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

// [1] Between this write and the one after the handler, the trace holds no unprocessed message:
//     the conversation looks over before the handler has sent what comes next.
