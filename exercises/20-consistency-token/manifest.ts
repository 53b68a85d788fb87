import { defineExercise, docs, invariant } from '../../src/sim';
import type { InvariantWorld } from '../../src/sim';

/** A row of "My orders": a cart the projection has seen, or one still pending. */
interface OrderRow {
  cartId: string;
  pending?: boolean;
}

interface HistoryView {
  orders: string[];
  checkpoint: number;
}

const STREAM = 'orders-alice';

/** Alice's carts in the order of her orders stream. */
function placed(w: InvariantWorld): string[] {
  const s = w.stores.shop;
  if (!s || s.kind !== 'events') return [];
  return (s.streams[STREAM] ?? []).map((e) => (e.data as { cartId: string }).cartId);
}

function view(w: InvariantWorld): HistoryView | undefined {
  return docs<HistoryView>(w, 'history', 'views').find(([id]) => id === 'alice')?.[1];
}

export default defineExercise({
  id: 'consistency-token',
  title: 'Read your writes: a consistency token',
  summary: 'After Submit, "My orders" reads a projection that lags; the new order is missing.',
  block: 'Event sourcing',
  endpoints: {
    Frontend: { kind: 'http', routes: { submit: 'submitOrder', myOrders: 'showMyOrders' } },
    History: { kind: 'messages', handles: { OrderPlaced: 'onOrderPlaced' } },
  },
  stores: {
    shop: { kind: 'events' },
    views: {
      kind: 'documents',
      initial: { history: { alice: { orders: [], checkpoint: 0 } satisfies HistoryView } },
    },
  },
  workload: {
    tabs: [
      {
        name: 'alice',
        actions: [
          { endpoint: 'Frontend', route: 'submit', body: { cartId: 'cart-1' } },
          { endpoint: 'Frontend', route: 'myOrders', body: { token: { $fromResponse: 'token' } } },
          { endpoint: 'Frontend', route: 'submit', body: { cartId: 'cart-2' } },
          { endpoint: 'Frontend', route: 'myOrders', body: { token: { $fromResponse: 'token' } } },
        ],
      },
    ],
  },
  // No failures: the projection lagging behind the request is enough.
  faults: { total: 0, perKind: {} },
  invariants: [
    invariant(
      'readYourWrites',
      'always',
      '"My orders" lists every order alice placed before she opened it (as pending at least).',
      (w) => {
        const tab = w.tabs.find((t) => t.tab === 'alice');
        const accepted: string[] = [];
        for (const r of tab?.responses ?? []) {
          const body = r.body as { cartId?: string; orders?: OrderRow[] } | null;
          if (r.route === 'submit' && typeof body?.cartId === 'string') accepted.push(body.cartId);
          if (r.route !== 'myOrders') continue;
          // No failures in this exercise: every answer must be a list (an empty page is not).
          if (!Array.isArray(body?.orders))
            return `"My orders" answered without a list of orders: alice sees nothing at all.`;
          const shown = new Set((body.orders ?? []).map((o) => o.cartId));
          const missing = accepted.filter((c) => !shown.has(c));
          if (missing.length > 0)
            return `alice placed ${missing.join(' and ')}, then "My orders" did not list ${missing.length === 1 ? 'it' : 'them'}: she will submit again.`;
        }
        return true;
      },
    ),
    invariant(
      'projectionMatchesStream',
      'atQuiescence',
      "When all is done, the order history lists each of alice's orders once, in stream order.",
      (w) => {
        const expected = placed(w);
        const v = view(w);
        const got = v?.orders ?? [];
        return JSON.stringify(got) === JSON.stringify(expected) && v?.checkpoint === expected.length
          ? true
          : `The history lists [${got.join(', ')}] at checkpoint ${v?.checkpoint}, the stream holds [${expected.join(', ')}].`;
      },
    ),
  ],
  // The checkpoint is the projection's bookkeeping, not what History shows.
  outcome: { ignore: ['views/history.checkpoint'] },
  equivalentMutants: {
    'drop-expectedVersion in submitOrder #1':
      'one tab submits, one request at a time: nothing appends to the stream between the read and the append',
    'drop-expectedVersion in onOrderPlaced #1':
      'History handles one event at a time: nothing writes the view between the load and the store',
  },
  files: {
    variants: {
      'pending-only-when-empty': {
        description: 'Shows a pending row only while the history is empty, ignoring the token.',
        violates: 'readYourWrites',
      },
      'token-before-append': {
        description: 'Submit returns the version it read, one below the version of the new event.',
        violates: 'readYourWrites',
      },
      'catch-up-without-checkpoint': {
        description:
          'The query saves the missing orders into the history but not its checkpoint, so the projection adds them again.',
        violates: 'readYourWrites',
      },
    },
  },
});
