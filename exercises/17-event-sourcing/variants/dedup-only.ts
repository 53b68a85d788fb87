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
  const messageId = ctx.message!.id;
  const { events } = await ctx.events.read<PaymentEvent>('marketing', stream);
  if (events.some((e) => e.data.messageId === messageId)) {
    ctx.log(`${messageId} is already in ${stream}: a duplicate`); // [2]
    return;
  }
  let total = 0;
  let granted = false;
  for (const e of events) {
    if (e.data.type === 'PaymentCounted') total += e.data.amount;
    if (e.data.type === 'CouponGranted') granted = true;
  }
  const decided: PaymentEvent[] = [{ type: 'PaymentCounted', amount: msg.amount, messageId }];
  if (!granted && total + msg.amount >= 100) decided.push({ type: 'CouponGranted', messageId }); // [3]
  await ctx.events.append('marketing', stream, decided); // [4]
}

// [1] `ctx.events.read(store, stream)` gives `{ version, events }`; `ctx.events.append(store,
//     stream, events, { expectedVersion })` adds events at the end, in one atomic batch.
// [2] The message id travels with the events it caused, so the stream itself remembers which
//     messages it has seen: no separate dedup store, and no way to record one without the other.
// [3] The coupon rule: a customer gets one coupon, once her payments reach 100 USD.
// [4] No expected version: the duplicate check is a check-then-act, and so is the coupon
//     rule. Two threads that read the same version both pass both checks.
