/**
 * The learner's handler API (`HandlerContext`). Every method that touches infrastructure returns
 * an effect request (see effects.ts) that the learner awaits: ONE atomic step the checker can
 * interleave with other actors and inject a fault into. `newId()` is deterministic per attempt,
 * `choose()` is nondeterminism the checker branches on, and in batched dispatch mode sends are
 * captured and leave after the handler returns (not a step of their own).
 */
import type { Doc, EffectRequest, ExpectedVersion, OutgoingMessage, WriteOp } from './effects';
import { validateEffect } from './validate';
import type { ExerciseShape } from './validate';

export interface IncomingMessage<T = unknown> {
  id: string;
  type: string;
  payload: T;
  headers: Record<string, string>;
}

export interface HttpRequest<T = unknown> {
  /** The logical request id (the same on every retry of it; usable as an idempotency key). */
  requestId: string;
  route: string;
  body: T;
  /** 1 for the first try, 2 for the first retry... */
  attempt: number;
}

export interface SendOptions {
  /** An explicit message id (deterministic ids, outbox re-sends); otherwise a fresh one. */
  id?: string;
  headers?: Record<string, string>;
}

export interface StoreOptions {
  /** OCC: a number (must equal the current version), 'none' (create-only), or absent (blind write). */
  expectedVersion?: ExpectedVersion;
  /** Which document store; default: the exercise's first one. */
  store?: string;
}

export interface HandlerContext {
  /** The endpoint running this handler. */
  readonly endpoint: string;
  /** Unique id of this processing attempt. */
  readonly attemptId: string;
  /** The incoming message (message handlers) — id, type, headers. */
  readonly message: IncomingMessage | null;
  /** How many times this copy has been delivered (1 on the first delivery). */
  readonly delivery: number;

  /** Loads a document: its value and version, or null if absent. One step. */
  load<T = unknown>(
    collection: string,
    id: string,
    options?: { store?: string },
  ): Promise<Doc<T> | null>;
  /** Writes one document (optionally at an expected version). One step; may be rejected. */
  store(collection: string, id: string, value: unknown, options?: StoreOptions): Promise<void>;
  /** Deletes one document. One step. */
  delete(collection: string, id: string, options?: StoreOptions): Promise<void>;
  /** Writes several documents atomically: all or nothing. One step. */
  batch(ops: WriteOp[], options?: { store?: string }): Promise<void>;

  /** Sends a command to an endpoint's queue. One step when dispatch is immediate. */
  send(destination: string, message: OutgoingMessage, options?: SendOptions): Promise<void>;
  /** Sends a command to this endpoint's own queue. */
  sendLocal(message: OutgoingMessage, options?: SendOptions): Promise<void>;
  /** Publishes an event to every subscriber. */
  publish(message: OutgoingMessage, options?: SendOptions): Promise<void>;
  /** Replies to the sender of the incoming message (its `replyTo` header). */
  reply(message: OutgoingMessage, options?: SendOptions): Promise<void>;

  /** Key-value stores (dedup, tokens, blobs). One step each. */
  kv: {
    /** Reads a key: its value and version, or null if absent. One step. */
    get<T = unknown>(store: string, key: string): Promise<Doc<T> | null>;
    /** Writes a key (optionally at an expected version). One step; may be rejected. */
    put(
      store: string,
      key: string,
      value: unknown,
      options?: { expectedVersion?: ExpectedVersion },
    ): Promise<void>;
    /** Deletes a key (optionally at an expected version). One step. */
    delete(
      store: string,
      key: string,
      options?: { expectedVersion?: ExpectedVersion },
    ): Promise<void>;
  };
  /** Event store. One step each. */
  events: {
    /** Appends events to a stream at an expected version. One step; may be rejected. */
    append(
      store: string,
      stream: string,
      events: unknown[],
      options?: { expectedVersion?: ExpectedVersion },
    ): Promise<{ version: number; positions: number[] }>;
    /** Reads a stream's events (from a version on). One step. */
    read<T = unknown>(
      store: string,
      stream: string,
      fromVersion?: number,
    ): Promise<{ version: number; events: { version: number; position: number; data: T }[] }>;
    /** Reads every stream's events in position order (from a position on). One step. */
    readAll<T = unknown>(
      store: string,
      fromPosition?: number,
    ): Promise<{
      position: number;
      events: { stream: string; version: number; position: number; data: T }[];
    }>;
  };
  /** Calls an external API (e.g. a payment provider). One step; may fail or lose its response. */
  call<T = unknown>(
    api: string,
    operation: string,
    args: unknown,
    options?: { idempotencyKey?: string },
  ): Promise<T>;

  /** A fresh id, deterministic per attempt (never random). */
  newId(): string;
  /** Picks one of the options; the checker explores every one. One step. */
  choose<T>(label: string, options: readonly T[]): Promise<T>;
  /** Writes a line to the run's log. */
  log(text: string): void;
}

/** What the engine gives the context so it can capture sends and hand out ids. */
export interface ContextHost {
  endpoint: string;
  attemptId: string;
  message: IncomingMessage | null;
  delivery: number;
  defaultStore: string;
  dispatch: 'immediate' | 'batched';
  /** Called for every send (captured or immediate) so I-LOSS knows the intent. */
  onSend(
    destination: string,
    message: OutgoingMessage,
    mode: 'send' | 'publish' | 'reply',
  ): OutgoingMessage;
  nextId(): string;
  log(text: string): void;
  /** What calls may name (stores, APIs, endpoints); when present every call is validated. */
  shape?: ExerciseShape;
  /** When true, each call records the stack it was made on (to name the learner's line). */
  locating?: boolean;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** Builds the effect request of a ctx call, checked while the learner's call is on the stack. */
const effect = (
  host: ContextHost,
  e: DistributiveOmit<EffectRequest, '__effect'>,
): EffectRequest => {
  const request = { __effect: true, ...e } as EffectRequest;
  if (host.shape) validateEffect(request, host.shape);
  // Only while locating a nondeterministic call: the stack of the learner's call.
  if (host.locating) Object.defineProperty(request, '__site', { value: new Error('call site') });
  return request;
};

/** What every context method reads through `this` (own property, so `{ ...ctx }` keeps working). */
interface WithHost {
  __host: ContextHost;
}

function hostOf(self: WithHost | undefined, method: string): ContextHost {
  if (!self || !self.__host) {
    throw new TypeError(
      `Call ctx.${method}(...) on the context itself (not a detached copy of the method).`,
    );
  }
  return self.__host;
}

const asPromise = <T>(x: unknown) => x as Promise<T>;

function sendVia(
  host: ContextHost,
  destination: string,
  message: OutgoingMessage,
  mode: 'send' | 'publish' | 'reply',
  options?: SendOptions,
) {
  const msg = host.onSend(destination, withOptions(message, options), mode);
  // Built (and so checked) in both dispatch modes; a batched send yields nothing.
  const request = effect(host, { kind: 'send', destination, message: msg, mode });
  return host.dispatch === 'batched' ? undefined : request;
}

// The methods are shared functions that find their host through `this`: building a context costs
// one object, not twenty closures (contexts are created for every handler attempt and replay).
const contextMethods: ThisType<WithHost> &
  Omit<HandlerContext, 'endpoint' | 'attemptId' | 'message' | 'delivery' | 'kv' | 'events'> = {
  load(collection, id, options) {
    const host = hostOf(this, 'load');
    return asPromise(
      effect(host, { kind: 'load', store: options?.store ?? host.defaultStore, collection, id }),
    );
  },
  store(collection, id, value, options) {
    const host = hostOf(this, 'store');
    return asPromise(
      effect(host, {
        kind: 'batch',
        store: options?.store ?? host.defaultStore,
        ops: [{ op: 'put', collection, id, value, expectedVersion: options?.expectedVersion }],
      }),
    );
  },
  delete(collection, id, options) {
    const host = hostOf(this, 'delete');
    return asPromise(
      effect(host, {
        kind: 'batch',
        store: options?.store ?? host.defaultStore,
        ops: [{ op: 'delete', collection, id, expectedVersion: options?.expectedVersion }],
      }),
    );
  },
  batch(ops, options) {
    const host = hostOf(this, 'batch');
    return asPromise(
      effect(host, { kind: 'batch', store: options?.store ?? host.defaultStore, ops }),
    );
  },
  send(destination, message, options) {
    return asPromise(sendVia(hostOf(this, 'send'), destination, message, 'send', options));
  },
  sendLocal(message, options) {
    const host = hostOf(this, 'sendLocal');
    return asPromise(sendVia(host, host.endpoint, message, 'send', options));
  },
  publish(message, options) {
    return asPromise(sendVia(hostOf(this, 'publish'), '*', message, 'publish', options));
  },
  reply(message, options) {
    const host = hostOf(this, 'reply');
    return asPromise(
      sendVia(host, host.message?.headers.replyTo ?? '?', message, 'reply', options),
    );
  },
  call(api, operation, args, options) {
    const host = hostOf(this, 'call');
    return asPromise(
      effect(host, {
        kind: 'external',
        api,
        operation,
        args,
        idempotencyKey: options?.idempotencyKey,
      }),
    );
  },
  newId() {
    return hostOf(this, 'newId').nextId();
  },
  choose(label, options) {
    const host = hostOf(this, 'choose');
    return asPromise(effect(host, { kind: 'choose', label, options: [...options] }));
  },
  log(text) {
    hostOf(this, 'log').log(String(text));
  },
};

const kvMethods: ThisType<WithHost> & HandlerContext['kv'] = {
  get(store, key) {
    const host = hostOf(this, 'kv.get');
    return asPromise(effect(host, { kind: 'kvGet', store, key }));
  },
  put(store, key, value, options) {
    const host = hostOf(this, 'kv.put');
    return asPromise(
      effect(host, { kind: 'kvPut', store, key, value, expectedVersion: options?.expectedVersion }),
    );
  },
  delete(store, key, options) {
    const host = hostOf(this, 'kv.delete');
    return asPromise(
      effect(host, { kind: 'kvDelete', store, key, expectedVersion: options?.expectedVersion }),
    );
  },
};

const eventMethods: ThisType<WithHost> & HandlerContext['events'] = {
  append(store, stream, events, options) {
    const host = hostOf(this, 'events.append');
    return asPromise(
      effect(host, {
        kind: 'append',
        store,
        stream,
        events,
        expectedVersion: options?.expectedVersion,
      }),
    );
  },
  read(store, stream, fromVersion) {
    const host = hostOf(this, 'events.read');
    return asPromise(effect(host, { kind: 'readStream', store, stream, fromVersion }));
  },
  readAll(store, fromPosition) {
    const host = hostOf(this, 'events.readAll');
    return asPromise(effect(host, { kind: 'readAll', store, fromPosition }));
  },
};

/**
 * Builds the context object handed to learner code. Methods return effect requests (typed as
 * Promises for the learner's editor: `await` is how they are used), or undefined when a send is
 * captured for batched dispatch. Middleware may pass a modified copy to `next`, e.g.
 * `next({ ...ctx, send: capture })`.
 */
export function createContext(host: ContextHost): HandlerContext {
  return {
    __host: host,
    endpoint: host.endpoint,
    attemptId: host.attemptId,
    message: host.message,
    delivery: host.delivery,
    ...contextMethods,
    kv: { __host: host, ...kvMethods } as HandlerContext['kv'],
    events: { __host: host, ...eventMethods } as HandlerContext['events'],
  } as HandlerContext;
}

function withOptions(message: OutgoingMessage, options?: SendOptions): OutgoingMessage {
  if (!options) return message;
  return {
    ...message,
    id: options.id ?? message.id,
    headers: options.headers ? { ...message.headers, ...options.headers } : message.headers,
  };
}
