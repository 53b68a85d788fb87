import type { HandlerContext } from '../../types';

type PaymentEvent =
  | { type: 'PaymentCounted'; amount: number; messageId: string }
  | { type: 'CouponGranted'; messageId: string };

// Marketing keeps each customer's payments as a stream of events; the state is a fold. [1]
export async function onPaymentBooked(
  msg: { customer: string; amount: number },
  ctx: HandlerContext,
) {
  const stream = `payments-${msg.customer}`;
  const messageId = ctx.message!.id; // [2]
  const { version, events } = await ctx.events.read<PaymentEvent>('marketing', stream);
  let total = 0;
  let granted = false;
  for (const e of events) {
    if (e.data.type === 'PaymentCounted') total += e.data.amount;
    if (e.data.type === 'CouponGranted') granted = true;
  }
  const decided: PaymentEvent[] = [{ type: 'PaymentCounted', amount: msg.amount, messageId }];
  if (!granted && total + msg.amount >= 100) decided.push({ type: 'CouponGranted', messageId }); // [3]
  await ctx.events.append('marketing', stream, decided, { expectedVersion: version }); // [4]
}

// [1] `ctx.events.read(store, stream)` gives `{ version, events }`; `ctx.events.append(store,
//     stream, events, { expectedVersion })` adds events at the end, in one atomic batch.
// [2] The message id travels with the events, but nobody looks for it: a message processed
//     again after a crash is counted twice.
// [3] The coupon rule: a customer gets one coupon, once her payments reach 100 USD.
// [4] Append only if nobody appended since our read. The loser gets a conflict, the message is
//     retried, and the retry reads the new events and decides again: it sees the coupon.
