import { coreInvariants, defineExercise, invariant } from '../../src/sim';
import type { InvariantWorld } from '../../src/sim';

interface PaymentEvent {
  type: 'PaymentCounted' | 'CouponGranted';
  amount?: number;
}

const STREAM = 'payments-alice';

/** The events of alice's payments stream, in stream order. */
function stream(w: InvariantWorld): PaymentEvent[] {
  const s = w.stores.marketing;
  if (!s || s.kind !== 'events') return [];
  return (s.streams[STREAM] ?? []).map((e) => e.data as PaymentEvent);
}

const PAYMENTS = [
  { id: 'payment-1', amount: 100 },
  { id: 'payment-2', amount: 100 },
];

/** Every payment counted once, the coupon granted once, when the total crossed 100. */
export function couponWhenTotalCrosses100(payments: readonly { amount: number }[]) {
  return invariant(
    'couponWhenTotalCrosses100',
    'atQuiescence',
    'When all is done, every payment is counted once, and the coupon was granted once, when the total crossed 100.',
    (w) => {
      const events = stream(w);
      const expected = payments.reduce((t, p) => t + p.amount, 0);
      const total = events.reduce(
        (t, e) => t + (e.type === 'PaymentCounted' ? (e.amount ?? 0) : 0),
        0,
      );
      if (total !== expected)
        return `Alice's payments add up to ${total} in the stream, but she paid ${expected}.`;
      let running = 0;
      let coupons = 0;
      for (const e of events) {
        if (e.type === 'PaymentCounted') running += e.amount ?? 0;
        else if (e.type === 'CouponGranted') {
          coupons += 1;
          if (running < 100) return `A coupon was granted at a total of ${running}, below 100.`;
        }
      }
      return coupons === 1
        ? true
        : `Alice's total is ${total}, but ${coupons} coupons were granted.`;
    },
  );
}

export default defineExercise({
  id: 'event-sourcing',
  title: 'Event sourcing: append at the expected version',
  summary: "Two threads append to one customer's payment stream at once; the coupon rule misfires.",
  block: 'Event sourcing',
  endpoints: {
    Marketing: {
      kind: 'messages',
      handles: { PaymentBooked: 'onPaymentBooked' },
      concurrency: 2,
      // A conflict is retried at once; with more payments each may lose more races (the solution
      // still passes with four: see the benchmark's grown workloads).
      retries: { immediate: 3, delayed: 0, backoffBaseTicks: 10 },
    },
  },
  stores: { marketing: { kind: 'events' } },
  workload: {
    messages: PAYMENTS.map((p) => ({
      destination: 'Marketing',
      type: 'PaymentBooked',
      id: p.id,
      payload: { customer: 'alice', amount: p.amount },
    })),
  },
  // One fault: a handler crashes after a step, or the broker delivers a message twice.
  faults: { total: 1, perKind: { crash: 1, duplicate: 1 } },
  invariants: [
    invariant('oneCoupon', 'always', 'Alice is granted at most one coupon.', (w) => {
      const n = stream(w).filter((e) => e.type === 'CouponGranted').length;
      return n <= 1 ? true : `Alice's stream holds ${n} CouponGranted events.`;
    }),
    {
      ...coreInvariants.noDuplicateProcessing,
      description: 'Each PaymentBooked is appended in at most one batch of events.',
    },
    couponWhenTotalCrosses100(PAYMENTS),
  ],
  files: {
    variants: {
      'expected-version-only': {
        description: 'Appends at the expected version, but never looks for the message id.',
        violates: 'noDuplicateProcessing',
      },
      'dedup-only': {
        description:
          'Recognises duplicates by message id, but appends without an expected version.',
        violates: 'oneCoupon',
      },
      'retry-without-rereading': {
        description:
          'On a conflict, appends the same events again at the new version, without deciding again.',
        violates: 'oneCoupon',
      },
    },
  },
});
