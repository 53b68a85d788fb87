/**
 * The effect protocol between learner handlers and the engine.
 *
 * Learner code is written with `async`/`await`; the sandbox rewrites every `await x` into
 * `(yield* __await(x))` and every async function into a generator function. `ctx` methods return
 * an {@link EffectRequest} (plain data, branded with `__effect`), which `__await` yields to the
 * engine; the engine performs it as ONE atomic step and resumes the generator with the result
 * (or throws a typed error into it). Awaiting a nested handler helper (a generator) delegates to
 * it; awaiting any other value returns it unchanged; awaiting a real Promise is a learner error.
 *
 * Because handlers are deterministic given their call results, an invocation in flight is fully
 * described by (handler, input, attempt, results so far) and can be restored by replay.
 */

export type Version = number;

/** What a write expects of the stored version: a number (OCC), 'none' (create-only), or absent (blind). */
export type ExpectedVersion = Version | 'none';

export interface Doc<T = unknown> {
  value: T;
  version: Version;
}

export interface OutgoingMessage {
  type: string;
  /** Explicit message id; when absent the engine assigns a fresh one (origin-tagged). */
  id?: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

export type WriteOp =
  | { op: 'put'; collection: string; id: string; value: unknown; expectedVersion?: ExpectedVersion }
  | { op: 'delete'; collection: string; id: string; expectedVersion?: ExpectedVersion };

/** Every infrastructure call a handler can make. One effect = one atomic, fault-injectable step. */
export type EffectRequest = { __effect: true } & (
  | { kind: 'load'; store: string; collection: string; id: string }
  | { kind: 'batch'; store: string; ops: WriteOp[] }
  | {
      kind: 'send';
      destination: string;
      message: OutgoingMessage;
      mode: 'send' | 'publish' | 'reply';
    }
  | { kind: 'kvGet'; store: string; key: string }
  | { kind: 'kvPut'; store: string; key: string; value: unknown; expectedVersion?: ExpectedVersion }
  | { kind: 'kvDelete'; store: string; key: string; expectedVersion?: ExpectedVersion }
  | {
      kind: 'append';
      store: string;
      stream: string;
      events: unknown[];
      expectedVersion?: ExpectedVersion;
    }
  | { kind: 'readStream'; store: string; stream: string; fromVersion?: number }
  | { kind: 'readAll'; store: string; fromPosition?: number }
  | { kind: 'external'; api: string; operation: string; args: unknown; idempotencyKey?: string }
  | { kind: 'choose'; label: string; options: unknown[] }
);

export type EffectKind = EffectRequest['kind'];

/** The recorded result of one call: what replay feeds back into a restored handler. */
export type CallResult = { ok: true; value: unknown } | { ok: false; error: SimErrorData };

/** Errors the engine throws into handlers; learner code can catch them by `name` or `code`. */
export type SimErrorCode =
  | 'ConcurrencyConflict'
  | 'DocumentExists'
  | 'StoreUnavailable'
  | 'BrokerUnavailable'
  | 'ExternalUnavailable'
  | 'ExternalTimeout'
  | 'NotFound';

export interface SimErrorData {
  code: SimErrorCode;
  message: string;
}

/** The Error subclass learner code sees. `err.code` tells the kind; `err.transient` says a retry may help. */
export class SimError extends Error {
  readonly code: SimErrorCode;
  constructor(data: SimErrorData) {
    super(data.message);
    this.name = data.code;
    this.code = data.code;
  }
}

export function isEffectRequest(x: unknown): x is EffectRequest {
  return typeof x === 'object' && x !== null && (x as { __effect?: unknown }).__effect === true;
}

/** A compiled handler: a generator function over effects (what the sandbox produces from async code). */
export type HandlerGenerator = Generator<EffectRequest, unknown, unknown>;
export type HandlerFn = (
  input: unknown,
  ctx: unknown,
  next?: unknown,
) => HandlerGenerator | unknown;

/**
 * The runtime helper the sandbox inserts for `await`. Exported so hand-written generator handlers
 * (in tests) can use the same semantics: `const doc = yield* awaitValue(ctx.load(...))`.
 */
export function* awaitValue(x: unknown): Generator<EffectRequest, unknown, unknown> {
  if (isEffectRequest(x)) return yield x;
  if (isIterator(x)) return yield* x as Generator<EffectRequest, unknown, unknown>;
  if (typeof x === 'object' && x !== null && typeof (x as { then?: unknown }).then === 'function') {
    throw new TypeError(
      'Awaited a Promise: handlers may only await ctx calls and other handler functions (no Promise.all, fetch or timers).',
    );
  }
  return x;
}

function isIterator(x: unknown): boolean {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as { next?: unknown }).next === 'function' &&
    typeof (x as { throw?: unknown }).throw === 'function' &&
    typeof (x as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function'
  );
}
