import type { HandlerContext } from '../types';

type PaymentEvent = { type: 'PaymentCounted'; amount: number } | { type: 'CouponGranted' };

// Marketing keeps each customer's payments as a stream of events; the state is a fold. [1]
export async function onPaymentBooked(
  msg: { customer: string; amount: number },
  ctx: HandlerContext,
) {
  const stream = `payments-${msg.customer}`;
  const { events } = await ctx.events.read<PaymentEvent>('marketing', stream);
  let total = 0;
  let granted = false;
  for (const e of events) {
    if (e.data.type === 'PaymentCounted') total += e.data.amount;
    if (e.data.type === 'CouponGranted') granted = true;
  }
  const decided: PaymentEvent[] = [{ type: 'PaymentCounted', amount: msg.amount }];
  if (!granted && total + msg.amount >= 100) decided.push({ type: 'CouponGranted' }); // [2]
  await ctx.events.append('marketing', stream, decided); // [3]
}

// [1] `ctx.events.read(store, stream)` gives `{ version, events }`; `ctx.events.append(store,
//     stream, events, { expectedVersion })` adds events at the end, in one atomic batch.
// [2] The coupon rule: a customer gets one coupon, once her payments reach 100 USD.
// [3] Two threads process Marketing's messages. Both can read the same version of the stream,
//     both decide, and both append.
