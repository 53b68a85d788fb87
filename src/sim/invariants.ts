/**
 * The invariant library: named, pure predicates over a world, each with a kind — `always` (every
 * reachable state), `atQuiescence` (every terminal state), `sometimes` (some reachable state).
 * The core ones of curriculum §0 read the world's history facts; exercises add business ones
 * with the helpers at the bottom. A predicate returns `true` when it holds, or a sentence that
 * says what is wrong (shown to the learner next to the counterexample).
 */
import { mintedBy } from './naming';
import type { InvariantWorld } from './world';
import { parseLogicalKey } from './historyKeys';

export type InvariantKind = 'always' | 'atQuiescence' | 'sometimes';

export interface InvariantSpec {
  name: string;
  kind: InvariantKind;
  /** What it means, in the learner's words. */
  description: string;
  /** Over the world without provenance (`InvariantWorld`: the checker's states leave it out). */
  check(world: InvariantWorld): true | string;
}

const ok = true as const;

/** I-LOSS: every attempt that committed a business change got its intended messages out (equal content). */
export const noLostMessages: InvariantSpec = {
  name: 'noLostMessages',
  kind: 'atQuiescence',
  description: 'Every committed change has its outgoing messages sent.',
  check(w) {
    const h = w.history;
    for (const [key, attempts] of Object.entries(h.effects)) {
      const sentDigests = new Set((h.out[key] ?? []).map((id) => h.enqueued[id]?.digest));
      for (const a of attempts) {
        for (const digest of h.intended[a] ?? []) {
          if (!sentDigests.has(digest)) {
            const { endpoint, incomingId } = parseLogicalKey(key);
            return `${a} committed a change for ${incomingId} at ${endpoint}, but a message it meant to send was never sent (a lost message).`;
          }
        }
      }
    }
    return ok;
  },
};

/** I-GHOST (strong form): no message becomes visible before its producer committed a change. */
export const noGhostMessages: InvariantSpec = {
  name: 'noGhostMessages',
  kind: 'always',
  description: 'No message is sent for a change that was not committed (first).',
  check(w) {
    const g = w.history.ghosts[0];
    return g
      ? `${g.attemptId} sent ${g.messageId} before any change for its input was committed (a ghost message).`
      : ok;
  },
};

/** I-GHOST (TLA+ form): every input that produced output also committed a change, by the end. */
export const noGhostMessagesAtEnd: InvariantSpec = {
  name: 'noGhostMessagesAtEnd',
  kind: 'atQuiescence',
  description: 'Every message sent comes with its committed change (checked when all is done).',
  check(w) {
    const h = w.history;
    for (const [key, ids] of Object.entries(h.out)) {
      if (ids.length > 0 && !h.effects[key]?.length) {
        const { endpoint, incomingId: input } = parseLogicalKey(key);
        return `${endpoint} sent ${ids.join(', ')} for ${input}, but no change for ${input} was ever committed (a ghost message).`;
      }
    }
    return ok;
  },
};

/** I-ONCE: at most one attempt per logical input commits a business change. */
export const noDuplicateProcessing: InvariantSpec = {
  name: 'noDuplicateProcessing',
  kind: 'always',
  description: 'Each logical message changes business state at most once.',
  check(w) {
    for (const [key, attempts] of Object.entries(w.history.effects)) {
      if (attempts.length > 1) {
        const { endpoint, incomingId: id } = parseLogicalKey(key);
        return `${id} was processed ${attempts.length} times by ${endpoint} (attempts ${attempts.join(', ')}).`;
      }
    }
    return ok;
  },
};

/** I-CONSISTENT-OUT: copies with equal ids have equal content; a logical input's outputs come from one attempt. */
export const consistentOutput: InvariantSpec = {
  name: 'consistentOutput',
  kind: 'always',
  description: 'Re-sent messages are identical, and come from one attempt.',
  check(w) {
    const h = w.history;
    const bad = h.inconsistent[0];
    if (bad) return `${bad.attemptId} re-sent ${bad.messageId} with different content.`;
    for (const [key, ids] of Object.entries(h.out)) {
      const origins = new Set<string>();
      for (const id of ids) {
        const origin = mintedBy(id);
        if (origin) origins.add(origin);
      }
      if (origins.size > 1) {
        return `The outputs for ${parseLogicalKey(key).incomingId} come from different attempts (${[...origins].join(', ')}): alternative worlds.`;
      }
    }
    return ok;
  },
};

/** I-OCC: no committed write was computed from a stale read. */
export const noLostUpdates: InvariantSpec = {
  name: 'noLostUpdates',
  kind: 'always',
  description: 'No write overwrites a change its writer did not see.',
  check(w) {
    const u = w.history.lostUpdates[0];
    return u
      ? `${u.attemptId} wrote ${u.collection}/${u.id} based on version ${u.readVersion}, but it was already at version ${u.currentVersion}: a lost update.`
      : ok;
  },
};

/** Quiescence: no copy in flight, no handler running, no request open, every tab done. */
export function isQuiescent(w: InvariantWorld): boolean {
  return w.copies.length === 0 && w.invocations.length === 0 && w.requests.length === 0;
}

export const noDeadLetters: InvariantSpec = {
  name: 'noDeadLetters',
  kind: 'atQuiescence',
  description: 'No message ends up in the error queue.',
  check(w) {
    const m = w.history.deadLettered[0];
    return m ? `${m} ran out of retries and was moved to the error queue.` : ok;
  },
};

/** I-BOUNDED: dedup data stays within k × (messages in flight + 1). */
export function boundedDedupData(count: (w: InvariantWorld) => number, k = 1): InvariantSpec {
  return {
    name: 'boundedDedupData',
    kind: 'always',
    description: `Deduplication data stays proportional to the messages in flight (at most ${k} per message).`,
    check(w) {
      const inFlight = new Set(w.copies.map((c) => c.messageId)).size;
      const n = count(w);
      return n <= k * Math.max(inFlight, 1)
        ? ok
        : `${n} dedup records are kept for ${inFlight} message(s) in flight.`;
    },
  };
}

// ---- helpers for business invariants -------------------------------------------------------

/** The documents of a collection (values only). */
export function docs<T = Record<string, unknown>>(
  w: InvariantWorld,
  collection: string,
  store = 'db',
): [string, T][] {
  const s = w.stores[store];
  if (!s || s.kind !== 'documents') return [];
  return Object.entries(s.collections[collection] ?? {}).map(([id, d]) => [id, d.value as T]);
}

export function doc<T = Record<string, unknown>>(
  w: InvariantWorld,
  collection: string,
  id: string,
  store = 'db',
): T | undefined {
  const s = w.stores[store];
  if (!s || s.kind !== 'documents') return undefined;
  return s.collections[collection]?.[id]?.value as T | undefined;
}

/** Records an external API holds. */
export function externalRecords<T = Record<string, unknown>>(
  w: InvariantWorld,
  api: string,
): [string, T][] {
  return Object.entries(w.external[api]?.records ?? {}).map(([id, r]) => [id, r.data as T]);
}

/** Distinct logical messages of a type that were enqueued. */
export function enqueuedOfType(
  w: InvariantWorld,
  type: string,
): { id: string; destination: string }[] {
  return Object.entries(w.history.enqueued)
    .filter(([, e]) => e.type === type)
    .map(([id, e]) => ({ id, destination: e.destination }));
}

/** Defines a business invariant. */
export function invariant(
  name: string,
  kind: InvariantKind,
  description: string,
  check: (w: InvariantWorld) => true | string,
): InvariantSpec {
  return { name, kind, description, check };
}

export const coreInvariants = {
  noLostMessages,
  noGhostMessages,
  noGhostMessagesAtEnd,
  noDuplicateProcessing,
  consistentOutput,
  noLostUpdates,
  noDeadLetters,
};
