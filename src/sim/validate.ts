/**
 * Checking a ctx call while learner code makes it, so a misuse is reported at the learner's own
 * line (the call is still on the stack) instead of surfacing later as an engine failure.
 *
 * Contract: `validateEffect(effect, shape)` throws {@link CtxMisuseError} (a `TypeError`, so the
 * runtime treats it like any other bug in learner code: a learner error with file:line, never a
 * fault to retry) when the call names a store, collection, key, stream, API or destination that
 * does not exist or could corrupt plain-object records (`__proto__`, `constructor`, ...), or hands
 * the world a value that is not plain JSON-compatible data (functions, symbols, BigInt, class
 * instances, cycles).
 */
import type { EffectRequest } from './effects';
import type { ExerciseManifest } from './manifest';
import type { StoreState } from './world';

/** A misused ctx call; thrown inside learner code, so its stack names the learner's line. */
export class CtxMisuseError extends TypeError {
  override name = 'CtxMisuseError';
}

/** What a ctx call may name in this exercise (computed once per program). */
export interface ExerciseShape {
  stores: Record<string, StoreState['kind']>;
  apis: string[];
  /** Message endpoints (destinations of `send`). */
  endpoints: string[];
}

export function shapeOf(manifest: ExerciseManifest): ExerciseShape {
  return {
    stores: Object.fromEntries(Object.entries(manifest.stores).map(([n, s]) => [n, s.kind])),
    apis: Object.keys(manifest.external ?? {}),
    endpoints: Object.entries(manifest.endpoints)
      .filter(([, s]) => s.kind === 'messages')
      .map(([n]) => n),
  };
}

const KIND_WORD: Record<StoreState['kind'], string> = {
  documents: 'document',
  events: 'event',
  kv: 'key-value',
};

const MAX_DEPTH = 64;

/** A name that would collide with Object.prototype in a plain-object record. */
function isReservedName(name: string): boolean {
  return name === '__proto__' || name in Object.prototype;
}

function checkName(value: unknown, what: string): void {
  if (typeof value !== 'string' || value.length === 0)
    throw new CtxMisuseError(`${what} must be a non-empty string, not ${describe(value)}.`);
  if (isReservedName(value))
    throw new CtxMisuseError(
      `${what} "${value}" is reserved by JavaScript objects (like __proto__ or constructor); pick another name.`,
    );
}

function checkStore(shape: ExerciseShape, store: unknown, kind: StoreState['kind']): void {
  checkName(store, 'A store name');
  if (shape.stores[store as string] !== kind) {
    const known = Object.entries(shape.stores)
      .filter(([, k]) => k === kind)
      .map(([n]) => `"${n}"`);
    throw new CtxMisuseError(
      `There is no ${KIND_WORD[kind]} store named "${String(store)}" in this exercise${known.length ? ` (${KIND_WORD[kind]} stores: ${known.join(', ')})` : ''}.`,
    );
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

/** Throws unless `value` is JSON-compatible data: what a database or a broker can hold. */
export function checkPlainData(value: unknown, what: string): void {
  const ancestors: object[] = [];
  const visit = (v: unknown, path: string, depth: number): void => {
    switch (typeof v) {
      case 'string':
      case 'boolean':
      case 'undefined':
        return;
      case 'number':
        if (!Number.isFinite(v))
          throw new CtxMisuseError(`${what}${path} is ${v}, which JSON cannot store.`);
        return;
      case 'function':
      case 'symbol':
      case 'bigint':
        throw new CtxMisuseError(
          `${what}${path} is a ${typeof v}: only plain data (objects, arrays, strings, numbers, booleans, null) can be stored or sent.`,
        );
    }
    if (v === null) return;
    const obj = v as object;
    if (depth > MAX_DEPTH)
      throw new CtxMisuseError(`${what} is nested more than ${MAX_DEPTH} levels deep.`);
    if (ancestors.includes(obj))
      throw new CtxMisuseError(
        `${what}${path} refers back to itself (a cycle): JSON cannot store it.`,
      );
    const proto: unknown = Object.getPrototypeOf(obj);
    const isArray = Array.isArray(obj);
    if (!isArray && proto !== Object.prototype && proto !== null)
      throw new CtxMisuseError(
        `${what}${path} is a ${(obj.constructor as { name?: string } | undefined)?.name ?? 'non-plain'} object: only plain objects and arrays can be stored or sent.`,
      );
    ancestors.push(obj);
    if (isArray) {
      const items = obj as unknown[];
      for (let i = 0; i < items.length; i++) {
        if (items[i] === undefined)
          throw new CtxMisuseError(
            `${what}${path}[${i}] is undefined, which JSON cannot store in an array: use null.`,
          );
        visit(items[i], `${path}[${i}]`, depth + 1);
      }
      ancestors.pop();
      return;
    }
    for (const key of Object.keys(obj)) {
      if (key === '__proto__')
        throw new CtxMisuseError(`${what}${path} has a "__proto__" key, which cannot be stored.`);
      visit((obj as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
    }
    ancestors.pop();
  };
  visit(value, '', 0);
}

/** Throws {@link CtxMisuseError} when a ctx call cannot be performed as written. */
export function validateEffect(effect: EffectRequest, shape: ExerciseShape): void {
  switch (effect.kind) {
    case 'load':
      checkStore(shape, effect.store, 'documents');
      checkName(effect.collection, 'A collection name');
      checkName(effect.id, 'A document id');
      return;
    case 'batch':
      checkStore(shape, effect.store, 'documents');
      if (!Array.isArray(effect.ops))
        throw new CtxMisuseError('ctx.batch takes an array of write operations.');
      for (const op of effect.ops) {
        if (typeof op !== 'object' || op === null || (op.op !== 'put' && op.op !== 'delete'))
          throw new CtxMisuseError(`A batch operation must be { op: 'put' | 'delete', ... }.`);
        checkName(op.collection, 'A collection name');
        checkName(op.id, 'A document id');
        if (op.op === 'put') checkPlainData(op.value, `The value of ${op.collection}/${op.id}`);
      }
      return;
    case 'send':
      checkName(effect.message?.type, 'A message type');
      if (effect.mode === 'send' && !shape.endpoints.includes(effect.destination))
        throw new CtxMisuseError(
          `There is no endpoint "${String(effect.destination)}" to send to (endpoints: ${shape.endpoints.join(', ')}).`,
        );
      if (effect.message.id !== undefined) checkName(effect.message.id, 'A message id');
      checkPlainData(effect.message.payload, `The payload of ${effect.message.type}`);
      checkPlainData(effect.message.headers, `The headers of ${effect.message.type}`);
      return;
    case 'kvGet':
    case 'kvDelete':
      checkStore(shape, effect.store, 'kv');
      checkName(effect.key, 'A key');
      return;
    case 'kvPut':
      checkStore(shape, effect.store, 'kv');
      checkName(effect.key, 'A key');
      checkPlainData(effect.value, `The value of key ${effect.key}`);
      return;
    case 'append':
      checkStore(shape, effect.store, 'events');
      checkName(effect.stream, 'A stream name');
      if (!Array.isArray(effect.events))
        throw new CtxMisuseError('ctx.events.append takes an array of events.');
      checkPlainData(effect.events, `The events appended to ${effect.stream}`);
      return;
    case 'readStream':
      checkStore(shape, effect.store, 'events');
      checkName(effect.stream, 'A stream name');
      return;
    case 'readAll':
      checkStore(shape, effect.store, 'events');
      return;
    case 'external':
      if (!shape.apis.includes(effect.api))
        throw new CtxMisuseError(
          `There is no external API named "${String(effect.api)}" in this exercise${shape.apis.length ? ` (APIs: ${shape.apis.join(', ')})` : ''}.`,
        );
      checkName(effect.operation, 'An operation name');
      if (effect.idempotencyKey !== undefined)
        checkName(effect.idempotencyKey, 'An idempotency key');
      checkPlainData(effect.args, `The arguments of ${effect.api}.${effect.operation}`);
      return;
    case 'choose':
      checkPlainData(effect.options, `The options of ctx.choose('${effect.label}')`);
      return;
  }
}
