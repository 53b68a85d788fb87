import { coreInvariants, defineExercise, docs, externalRecords, invariant } from '../../src/sim';
import type { Order } from '../types';

type Charge = { orderId: string; amount: number };

const oneChargePerPayment = invariant(
  'oneChargePerPayment',
  'always',
  'PierogiPay charges each order at most once, however often the payment is retried.',
  (w) => {
    const count = new Map<string, number>();
    for (const [, c] of externalRecords<Charge>(w, 'PierogiPay'))
      count.set(c.orderId, (count.get(c.orderId) ?? 0) + 1);
    for (const [orderId, n] of count)
      if (n > 1) return `PierogiPay charged Alice ${n} times for ${orderId}.`;
    return true;
  },
);

const everyOrderPaid = invariant(
  'everyOrderPaid',
  'atQuiescence',
  'When all is done, the order records the one PierogiPay charge that paid it.',
  (w) => {
    const charges = externalRecords<Charge>(w, 'PierogiPay');
    for (const [id, o] of docs<Order & { chargeId?: string }>(w, 'orders')) {
      if (!o.chargeId) return `Order ${id} was never paid.`;
      if (!charges.some(([cid, c]) => cid === o.chargeId && c.orderId === id))
        return `Order ${id} points at ${o.chargeId}, which is not a PierogiPay charge for it.`;
    }
    return true;
  },
);

/** Quick retries are for blips: more than two at once only hammer an API that is down. */
const MAX_CALLS_PER_TICK_WHILE_DOWN = 3;

const noRetryStorm = invariant(
  'noRetryStorm',
  'always',
  `While PierogiPay is down, it gets at most ${MAX_CALLS_PER_TICK_WHILE_DOWN} calls at one moment (a first try and two quick retries); later tries wait.`,
  (w) => {
    const perTick = new Map<number, number>();
    for (const t of w.external.PierogiPay?.callsWhileDown ?? [])
      perTick.set(t, (perTick.get(t) ?? 0) + 1);
    for (const [tick, n] of perTick)
      if (n > MAX_CALLS_PER_TICK_WHILE_DOWN)
        return `PierogiPay is down, and it got ${n} calls at tick ${tick}: a retry storm.`;
    return true;
  },
);

export default defineExercise({
  id: 'retry-storm',
  title: 'Retry storm: back off',
  summary:
    'PierogiPay is down for a while; five immediate retries burn out in no time. Configure retries that outlast the outage.',
  block: 'Partial failures',
  endpoints: {
    Orders: {
      kind: 'messages',
      handles: { BookPayment: 'onBookPayment' },
      // The learner's file exports the retry policy.
      retriesExport: 'retries',
    },
  },
  stores: {
    db: {
      kind: 'documents',
      initial: {
        orders: {
          'order-1': { cartId: 'cart-1', customer: 'alice', items: ['Meat', 'Mushrooms'] },
        },
      },
    },
  },
  // PierogiPay answers every call with an error until the clock reaches tick 30.
  external: { PierogiPay: { honoursIdempotencyKeys: true, outageUntilTick: 30 } },
  workload: {
    messages: [
      {
        destination: 'Orders',
        type: 'BookPayment',
        id: 'book-payment-1',
        payload: { orderId: 'order-1', amount: 100 },
      },
    ],
  },
  // Once PierogiPay is back, one charge may go through with its answer lost on the way back.
  faults: { total: 1, perKind: { externalCommitLost: 1 } },
  invariants: [coreInvariants.noDeadLetters, noRetryStorm, oneChargePerPayment, everyOrderPaid],
  equivalentMutants: {
    'drop-expectedVersion in onBookPayment #1':
      'one BookPayment is handled at a time: nothing else writes the order meanwhile',
  },
  files: {
    starterViolates: 'noRetryStorm',
    variants: {
      'more-immediate-retries': {
        description: 'Ten immediate retries instead of five: all of them still within no time.',
        violates: 'noRetryStorm',
      },
      'gives-up-too-soon': {
        description: 'Backs off, but caps the delayed retries before the outage is over.',
        violates: 'noDeadLetters',
      },
      'retry-loop-in-handler': {
        description: 'Retries the charge in a loop inside the handler.',
        violates: 'noRetryStorm',
      },
      'swallow-the-error': {
        description: 'Catches the PierogiPay error so nothing reaches the error queue.',
        violates: 'everyOrderPaid',
      },
      'storm-then-backoff': {
        description:
          'Keeps the delayed retries but also ten immediate ones: the outage is outlasted, after a storm of calls.',
        violates: 'noRetryStorm',
      },
      'backoff-without-key': {
        description: 'Backs off correctly, but charges without an idempotency key.',
        violates: 'oneChargePerPayment',
      },
    },
  },
});
