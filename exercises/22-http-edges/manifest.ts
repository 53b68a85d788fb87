import {
  coreInvariants,
  defineExercise,
  doc,
  invariant,
  logicalKey,
  parseLogicalKey,
} from '../../src/sim';
import type { InvariantWorld } from '../../src/sim';

interface Line {
  filling: string;
  stamp: string;
}
interface Order {
  customer: string;
  lines: Line[];
}
interface Receipt {
  filling?: string;
  stamp?: string;
}

const API = 'OrderApi';
const ORDER = 'order-1';

const lines = (w: InvariantWorld): Line[] => doc<Order>(w, 'orders', ORDER)?.lines ?? [];

/** Request id -> attempts of it that committed a change (the engine's own record). */
function committedAttempts(w: InvariantWorld): [string, string[]][] {
  return Object.entries(w.history.effects)
    .map(([key, attempts]) => [parseLogicalKey(key), attempts] as const)
    .filter(([input]) => input.endpoint === API)
    .map(([input, attempts]) => [input.incomingId, attempts]);
}

/**
 * The stamp request `requestId` committed: the line of the order whose stamp the Clock handed to
 * an attempt of that request that committed. Undefined when the order holds no such line.
 */
function committedStamp(w: InvariantWorld, requestId: string): string | undefined {
  const attempts = w.history.effects[logicalKey(API, requestId)] ?? [];
  const clock = w.external.Clock?.records ?? {};
  return lines(w).find((l) => attempts.includes(clock[l.stamp]?.createdBy ?? ''))?.stamp;
}

function receipts(w: InvariantWorld): [string, Receipt][] {
  const s = w.stores.receipts;
  if (s?.kind !== 'kv') return [];
  return Object.entries(s.entries).map(([key, d]) => [key, (d.value ?? {}) as Receipt]);
}

/** What an attempt answers: present from the moment the handler returned until the answer leaves. */
function answerOf(p: InvariantWorld['invocations'][number]['pending']): unknown {
  if (p.phase === 'respond') return p.body;
  if (p.phase === 'dispatch') return p.response?.body;
  return undefined;
}

const stampOf = (body: unknown): string | undefined => {
  const s = (body as { stamp?: unknown } | null | undefined)?.stamp;
  return typeof s === 'string' ? s : undefined;
};

export default defineExercise({
  id: 'http-edges',
  title: 'Exactly once at the HTTP edge',
  summary:
    'A retried "+" tap adds a second portion with a new time stamp: apply each request id once and repeat its stored result.',
  block: 'Third parties',
  endpoints: {
    // An HTTP function: it changes the order, writes a receipt blob and tells the kitchen.
    OrderApi: { kind: 'http', routes: { addItem: 'addItem' } },
    Kitchen: { kind: 'messages', handles: { ItemAdded: 'onItemAdded' } },
  },
  stores: {
    db: { kind: 'documents', initial: { orders: { [ORDER]: { customer: 'alice', lines: [] } } } },
    // Blob storage. A receipt is output derived from the order, like a message: writing it
    // again is not a second change.
    receipts: { kind: 'kv', bookkeeping: true },
  },
  // The time server answers a new stamp on every call and keeps no idempotency keys.
  external: { Clock: { honoursIdempotencyKeys: false } },
  // Alice taps "+" on Meat twice: two portions, two request ids, the same body. Her browser
  // tries each request twice in all.
  workload: {
    tabs: [
      {
        name: 'alice',
        maxAttempts: 2,
        actions: [
          { endpoint: API, route: 'addItem', body: { orderId: ORDER, filling: 'Meat' } },
          { endpoint: API, route: 'addItem', body: { orderId: ORDER, filling: 'Meat' } },
        ],
      },
    ],
  },
  // One fault: an answer is lost on its way back, or the function crashes after a step.
  faults: { total: 1, perKind: { responseLost: 1, crash: 1 } },
  invariants: [
    invariant(
      'oneLinePerRequest',
      'always',
      'Each tap (request id) adds its portion once, however often it is retried.',
      (w) => {
        for (const [requestId, attempts] of committedAttempts(w)) {
          if (attempts.length > 1)
            return `Request ${requestId} added its portion ${attempts.length} times (attempts ${attempts.join(' and ')}): alice's order has ${lines(w).length} lines.`;
        }
        return true;
      },
    ),
    invariant(
      'answersShowTheCommittedStamp',
      'always',
      'Every answer to a request carries the stamp its line was stored with.',
      (w) => {
        for (const inv of w.invocations) {
          if (inv.endpoint !== API) continue;
          const stamp = stampOf(answerOf(inv.pending));
          if (stamp === undefined) continue;
          const committed = committedStamp(w, inv.incomingId);
          if (stamp !== committed)
            return committed === undefined
              ? `${inv.attemptId} answers request ${inv.incomingId} with stamp ${stamp}, but that request added no line to the order.`
              : `${inv.attemptId} answers request ${inv.incomingId} with stamp ${stamp}, but its line in the order has ${committed}.`;
        }
        return true;
      },
    ),
    invariant(
      'kitchenGetsTheCommittedStamp',
      'always',
      'Every ItemAdded for a request carries the stamp its line was stored with.',
      (w) => {
        for (const c of [...w.copies, ...w.errorQueue]) {
          if (c.type !== 'ItemAdded' || c.producedBy.endpoint !== API) continue;
          const stamp = stampOf(c.payload);
          const committed = committedStamp(w, c.producedBy.incomingId);
          if (stamp !== committed)
            return committed === undefined
              ? `${c.messageId} tells the kitchen stamp ${stamp ?? '(none)'}, but request ${c.producedBy.incomingId} added no line to the order.`
              : `${c.messageId} tells the kitchen stamp ${stamp ?? '(none)'}, but the line of request ${c.producedBy.incomingId} has ${committed}.`;
        }
        return true;
      },
    ),
    invariant(
      'receiptsMatchTheOrder',
      'always',
      'Every receipt shows a line of the order as stored, and no line has two receipts.',
      (w) => {
        const seen = new Map<string, string>();
        for (const [key, r] of receipts(w)) {
          const line = lines(w).find((l) => l.stamp === r.stamp);
          if (!line || line.filling !== r.filling)
            return `${key} shows ${r.filling ?? '?'} at ${r.stamp ?? '?'}, but the order has no such line.`;
          const other = seen.get(line.stamp);
          if (other)
            return `${other} and ${key} are two receipts for the same line (${line.stamp}).`;
          seen.set(line.stamp, key);
        }
        return true;
      },
    ),
    invariant(
      'everyAddAnnounced',
      'atQuiescence',
      'When all is done, every line added has its receipt, and the kitchen heard of it.',
      (w) => {
        for (const [requestId] of committedAttempts(w)) {
          const stamp = committedStamp(w, requestId);
          if (stamp === undefined) continue;
          const sent = (w.history.out[logicalKey(API, requestId)] ?? []).some(
            (id) => w.history.enqueued[id]?.type === 'ItemAdded',
          );
          if (!sent)
            return `The line stamped ${stamp} (request ${requestId}) is in the order, but no ItemAdded was ever sent for it: the kitchen will not cook it.`;
          if (!receipts(w).some(([, r]) => r.stamp === stamp))
            return `The line stamped ${stamp} (request ${requestId}) is in the order, but it has no receipt.`;
        }
        return true;
      },
    ),
    coreInvariants.consistentOutput,
    coreInvariants.noGhostMessages,
  ],
  // The clock is asked for the time on every try: its stamps are not business records. The
  // results kept per request are the deduplication record.
  outcome: { ignore: ['Clock', 'db/orders.results'] },
  equivalentMutants: {
    'drop-expectedVersion in once #1':
      'one tab taps one request at a time: nothing writes the order between the load and the store',
    'swap-calls in addItem #1':
      'both the send and the receipt are repeated from the stored result on every attempt: which comes first does not matter',
    'gut in onItemAdded #1':
      'the Kitchen only listens: its handler does nothing in the solution either',
  },
  files: {
    variants: {
      'result-not-stored': {
        description:
          'Records the request id with the change, but not the stamp: a repeat asks the Clock again and answers with a new stamp.',
        violates: 'answersShowTheCommittedStamp',
      },
      'emit-from-fresh-call': {
        description:
          "Asks the Clock before once (fine), but builds the message, receipt and answer from that fresh stamp instead of once's result.",
        violates: 'kitchenGetsTheCommittedStamp',
      },
      'blob-with-random-name': {
        description:
          'Writes the right receipt under a fresh name on every attempt: a repeat leaves two receipts for one line.',
        violates: 'receiptsMatchTheOrder',
      },
      'return-early-on-repeat': {
        description:
          'Answers a repeat with the stored result and stops: after a crash behind the commit, no message and no receipt.',
        violates: 'everyAddAnnounced',
      },
      'receipt-as-dedup-record': {
        description:
          'Treats an existing receipt as "already done": it is written after the change, so a crash in between adds the line again.',
        violates: 'oneLinePerRequest',
      },
      'dedup-by-content': {
        description:
          "Takes a Meat line already in the order for the retry: Alice's second tap gets the first tap's line.",
        violates: 'kitchenGetsTheCommittedStamp',
      },
    },
  },
});
