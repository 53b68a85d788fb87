/**
 * The checker's helpers on every core: a pool the search hands chunks of a BFS level to
 * (expansion.ts), over any message channel (Web Workers in the browser, worker threads in Node).
 *
 * Contract: `createExpansionPool(ports)` sends each `expand` to the helper the search chose (the
 * one that produced those states, or the least busy) and resolves with its answer; the search
 * merges answers in level order, so which helper took a chunk never shows in a result. A helper that fails (its model could not be built,
 * its thread died) rejects what it holds and every later chunk: the check ends with an operating
 * error, never a verdict. `serveExpansion(expand)` is the helper's side of the channel.
 * `inThreadPool` runs helpers in this thread (tests, and a one-core fallback), answering in a
 * scrambled order so that tests meet what threads do.
 */
import type { ExpandRequest, ExpandedChunk, ExpansionPool } from './types';

export type { ExpansionPool } from './types';

export type HelperRequest = { type: 'expand'; id: number; request: ExpandRequest };

export type HelperResponse =
  | { type: 'expanded'; id: number; chunk: ExpandedChunk }
  /** The helper cannot serve (its model could not be built): every chunk fails. */
  | { type: 'unavailable'; message: string };

/** One helper at the other end of a channel. */
export interface HelperPort {
  post(message: HelperRequest): void;
  /** `onMessage` gets the helper's answers; `onFailure` that it died. */
  listen(onMessage: (message: HelperResponse) => void, onFailure: (message: string) => void): void;
  terminate(): void;
}

interface Outstanding {
  resolve(chunk: ExpandedChunk): void;
  reject(error: Error): void;
}

export class HelperFailed extends Error {
  override name = 'HelperFailed';
}

export function createExpansionPool(ports: readonly HelperPort[]): ExpansionPool {
  if (ports.length === 0) throw new Error('An expansion pool needs at least one helper.');
  const outstanding = ports.map(() => new Map<number, Outstanding>());
  let failure: HelperFailed | undefined;
  let nextId = 1;
  const fail = (message: string) => {
    failure ??= new HelperFailed(`A checker helper stopped: ${message}`);
    for (const held of outstanding) {
      for (const o of held.values()) o.reject(failure);
      held.clear();
    }
  };
  ports.forEach((port, i) => {
    port.listen(
      (message) => {
        if (message.type === 'unavailable') return fail(message.message);
        const o = outstanding[i]!.get(message.id);
        outstanding[i]!.delete(message.id);
        o?.resolve(message.chunk);
      },
      (message) => fail(message),
    );
  });
  return {
    size: ports.length,
    outstanding: (helper) => outstanding[helper]!.size,
    expand(request, helper) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise<ExpandedChunk>((resolve, reject) => {
        outstanding[helper]!.set(id, { resolve, reject });
        ports[helper]!.post({ type: 'expand', id, request });
      });
    },
    close() {
      for (const port of ports) port.terminate();
    },
  };
}

/** The helper's side: answers each `expand` with `expand`'s chunk, in the order they came. */
export function serveExpansion(
  expand: (request: ExpandRequest) => ExpandedChunk,
  post: (response: HelperResponse) => void,
): (message: HelperRequest) => void {
  return (message) => {
    post({ type: 'expanded', id: message.id, chunk: expand(message.request) });
  };
}

/**
 * `pool` and one more helper in the search's own thread (numbered `pool.size`): its chunks wait
 * until the search has nothing to merge, then `workHere()` expands one. On two cores the search's
 * thread then expands instead of waiting, beside one helper thread.
 */
export function withHelperHere(
  pool: ExpansionPool,
  expand: (request: ExpandRequest) => ExpandedChunk,
): ExpansionPool {
  const here = pool.size;
  const queue: { request: ExpandRequest; resolve(chunk: ExpandedChunk): void }[] = [];
  return {
    size: pool.size + 1,
    outstanding: (helper) => (helper === here ? queue.length : pool.outstanding(helper)),
    expand(request, helper) {
      if (helper !== here) return pool.expand(request, helper);
      return new Promise((resolve) => queue.push({ request, resolve }));
    },
    workHere() {
      const next = queue.shift();
      if (!next) return false;
      next.resolve(expand(next.request));
      return true;
    },
    close: () => pool.close(),
  };
}

/**
 * `size` helpers in this thread, each with its own `expand` (its own memory of texts sent).
 * Answers come back on later microtasks, in an order scrambled by `seed`, as threads would.
 */
export function inThreadPool(
  helpers: readonly ((request: ExpandRequest) => ExpandedChunk)[],
  seed = 1,
): ExpansionPool {
  let state = seed >>> 0 || 1;
  const ports = helpers.map((expand): HelperPort => {
    let answer: ((message: HelperResponse) => void) | undefined;
    const serve = serveExpansion(expand, (response) => answer?.(response));
    // Each helper answers its own chunks in order, as a thread does (expansion.ts relies on it).
    const queue: HelperRequest[] = [];
    return {
      post(message) {
        queue.push(message);
        // xorshift: 0-3 microtask hops before the next answer, so helpers overtake each other.
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        let hops = (state >>> 0) % 4;
        const later = (): void => {
          if (hops-- > 0) void Promise.resolve().then(later);
          else serve(queue.shift()!);
        };
        void Promise.resolve().then(later);
      },
      listen(onMessage) {
        answer = onMessage;
      },
      terminate() {
        answer = undefined;
      },
    };
  });
  return createExpansionPool(ports);
}
