/**
 * Completion for the learner's `ctx.` with each member's documentation. Hand-maintained from the
 * TSDoc of `HandlerContext` in src/sim/context.ts (a generated list would need the TypeScript
 * compiler at build time); `ctxCompletions.test.ts` fails when a member is missing here.
 */
import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';

interface Member {
  label: string;
  signature: string;
  doc: string;
  type: 'method' | 'property' | 'namespace';
}

export const CTX_MEMBERS: Member[] = [
  {
    label: 'endpoint',
    type: 'property',
    signature: 'readonly endpoint: string',
    doc: 'The endpoint running this handler.',
  },
  {
    label: 'attemptId',
    type: 'property',
    signature: 'readonly attemptId: string',
    doc: 'Unique id of this processing attempt.',
  },
  {
    label: 'message',
    type: 'property',
    signature: 'readonly message: IncomingMessage | null',
    doc: 'The incoming message (message handlers): id, type, headers.',
  },
  {
    label: 'delivery',
    type: 'property',
    signature: 'readonly delivery: number',
    doc: 'How many times this copy has been delivered (1 on the first delivery).',
  },
  {
    label: 'load',
    type: 'method',
    signature: 'load<T>(collection, id, options?): Promise<Doc<T> | null>',
    doc: 'Loads a document: its value and version, or null if absent. One step.',
  },
  {
    label: 'store',
    type: 'method',
    signature: 'store(collection, id, value, { expectedVersion?, store? }?): Promise<void>',
    doc: 'Writes one document (optionally at an expected version). One step; may be rejected.',
  },
  {
    label: 'delete',
    type: 'method',
    signature: 'delete(collection, id, options?): Promise<void>',
    doc: 'Deletes one document. One step.',
  },
  {
    label: 'batch',
    type: 'method',
    signature: 'batch(ops: WriteOp[], { store? }?): Promise<void>',
    doc: 'Writes several documents atomically: all or nothing. One step.',
  },
  {
    label: 'send',
    type: 'method',
    signature: 'send(destination, { type, id?, payload?, headers? }, options?): Promise<void>',
    doc: "Sends a command to an endpoint's queue. One step when dispatch is immediate.",
  },
  {
    label: 'sendLocal',
    type: 'method',
    signature: 'sendLocal(message, options?): Promise<void>',
    doc: "Sends a command to this endpoint's own queue.",
  },
  {
    label: 'publish',
    type: 'method',
    signature: 'publish(message, options?): Promise<void>',
    doc: 'Publishes an event to every subscriber.',
  },
  {
    label: 'reply',
    type: 'method',
    signature: 'reply(message, options?): Promise<void>',
    doc: 'Replies to the sender of the incoming message (its `replyTo` header).',
  },
  {
    label: 'kv',
    type: 'namespace',
    signature: 'kv: { get, put, delete }',
    doc: 'Key-value stores (dedup, tokens, blobs). One step each.',
  },
  {
    label: 'events',
    type: 'namespace',
    signature: 'events: { append, read, readAll }',
    doc: 'Event store. One step each.',
  },
  {
    label: 'call',
    type: 'method',
    signature: 'call<T>(api, operation, args, { idempotencyKey? }?): Promise<T>',
    doc: 'Calls an external API (e.g. a payment provider). One step; may fail or lose its response.',
  },
  {
    label: 'newId',
    type: 'method',
    signature: 'newId(): string',
    doc: 'A fresh id, deterministic per attempt (never random).',
  },
  {
    label: 'choose',
    type: 'method',
    signature: 'choose<T>(label, options: readonly T[]): Promise<T>',
    doc: 'Picks one of the options; the checker explores every one. One step.',
  },
  {
    label: 'log',
    type: 'method',
    signature: 'log(text: string): void',
    doc: "Writes a line to the run's log.",
  },
];

export const KV_MEMBERS: Member[] = [
  {
    label: 'get',
    type: 'method',
    signature: 'get<T>(store, key): Promise<Doc<T> | null>',
    doc: 'Reads a key: its value and version, or null. One step.',
  },
  {
    label: 'put',
    type: 'method',
    signature: 'put(store, key, value, { expectedVersion? }?): Promise<void>',
    doc: 'Writes a key (optionally at an expected version). One step.',
  },
  {
    label: 'delete',
    type: 'method',
    signature: 'delete(store, key, { expectedVersion? }?): Promise<void>',
    doc: 'Deletes a key. One step.',
  },
];

export const EVENTS_MEMBERS: Member[] = [
  {
    label: 'append',
    type: 'method',
    signature: 'append(store, stream, events, { expectedVersion? }?)',
    doc: 'Appends events to a stream at an expected version. One step.',
  },
  {
    label: 'read',
    type: 'method',
    signature: 'read<T>(store, stream, fromVersion?)',
    doc: "Reads a stream's events. One step.",
  },
  {
    label: 'readAll',
    type: 'method',
    signature: 'readAll<T>(store, fromPosition?)',
    doc: 'Reads every stream in position order. One step.',
  },
];

function toCompletion(m: Member): Completion {
  return {
    label: m.label,
    type: m.type === 'namespace' ? 'namespace' : m.type,
    detail: m.signature.slice(m.label.length),
    info: `${m.signature}\n\n${m.doc}`,
    ...(m.type === 'method' ? { apply: `${m.label}(` } : {}),
  };
}

/** Completes `ctx.`, `ctx.kv.` and `ctx.events.` (any variable named `ctx`). */
export function ctxCompletionSource(context: CompletionContext): CompletionResult | null {
  const match = context.matchBefore(/\bctx\.(?:(kv|events)\.)?\w*$/);
  if (!match) return null;
  const dot = match.text.lastIndexOf('.');
  const group = /^ctx\.(kv|events)\./.exec(match.text)?.[1];
  const members = group === 'kv' ? KV_MEMBERS : group === 'events' ? EVENTS_MEMBERS : CTX_MEMBERS;
  return {
    from: match.from + dot + 1,
    options: members.map(toCompletion),
    validFor: /^\w*$/,
  };
}
