/**
 * Performing one call of a handler: the atomic step behind every `await ctx.…`. Given the
 * outcome the scheduler chose ('ok', an injected 'fail', 'crash' = the call takes effect and the
 * process dies right after, or 'commitLost' = an external API commits and its response is lost),
 * it changes the world, records the facts invariants need (commits, reads for lost updates) and
 * returns the call's result for the handler.
 */
import type { CallResult, EffectRequest, SimErrorData } from './effects';
import type { StepContext } from './stepContext';
import type { CallOutcome } from './choices';
import { enqueue } from './broker';
import { cloneValue } from './initial';
import {
  appendToStream,
  applyBatch,
  kvDelete,
  kvGet,
  kvPut,
  loadDoc,
  readAll,
  readStream,
} from './stores';
import type { DocStoreState, EventStoreState, Invocation, StoreState } from './world';
import { logicalKey, readKey } from './historyKeys';
import { own, ownHistory, ownHistoryList } from './cloneWorld';

const ok = (value: unknown): CallResult => ({ ok: true, value: value ?? null });
const err = (error: SimErrorData): CallResult => ({ ok: false, error });

/** The store `name` of `kind`; `write`: the step's own copy, to change. */
function storeOf<K extends StoreState['kind']>(
  ctx: StepContext,
  name: string,
  kind: K,
  write = false,
): Extract<StoreState, { kind: K }> {
  const store = (write ? own(ctx.world, 'stores') : ctx.world.stores)[name];
  if (!store || store.kind !== kind) {
    throw new StoreMisuseError(
      `There is no ${kindName(kind)} store named "${name}" in this exercise (stores: ${Object.keys(ctx.world.stores).join(', ')}).`,
    );
  }
  return store as Extract<StoreState, { kind: K }>;
}

function kindName(kind: StoreState['kind']): string {
  return kind === 'documents' ? 'document' : kind === 'events' ? 'event' : 'key-value';
}

/** A handler used a store that does not exist: a learner error, shown at their call. */
export class StoreMisuseError extends Error {
  override name = 'StoreMisuseError';
}

/** Marks `inv` as having committed a business change for its logical input. */
function markCommitted(ctx: StepContext, inv: Invocation): void {
  inv.committed = true;
  const key = logicalKey(inv.endpoint, inv.incomingId);
  if (!ctx.world.history.effects[key]?.includes(inv.attemptId))
    ownHistoryList(ctx.world, 'effects', key).push(inv.attemptId);
}

export function performCall(
  ctx: StepContext,
  inv: Invocation,
  effect: EffectRequest,
  outcome: CallOutcome,
  option: number,
): CallResult {
  const fail = outcome === 'fail';
  const base = { attemptId: inv.attemptId, endpoint: inv.endpoint };
  switch (effect.kind) {
    case 'load': {
      const store = storeOf(ctx, effect.store, 'documents');
      const doc = loadDoc(store, effect.collection, effect.id);
      const target = `${effect.collection}/${effect.id}`;
      inv.reads[readKey(effect.store, target)] = doc?.version ?? 0;
      if (ctx.tracing)
        ctx.emit({
          type: 'read',
          ...base,
          store: effect.store,
          target,
          version: doc?.version ?? null,
        });
      return ok(doc ? { value: structuredCopy(doc.value), version: doc.version } : null);
    }
    case 'batch': {
      const store = storeOf(ctx, effect.store, 'documents', true);
      if (fail) {
        if (ctx.tracing)
          ctx.emit({
            type: 'reject',
            ...base,
            store: effect.store,
            reason: 'fault',
            code: 'StoreUnavailable',
          });
        return err({
          code: 'StoreUnavailable',
          message: `the database (${effect.store}) is unavailable`,
        });
      }
      recordLostUpdates(ctx, inv, effect.store, store, effect.ops);
      const result = applyBatch(
        store,
        effect.ops.map(
          (op) =>
            ({ ...op, value: op.op === 'put' ? structuredCopy(op.value) : undefined }) as typeof op,
        ),
        inv.attemptId,
      );
      if (!result.ok) {
        if (ctx.tracing)
          ctx.emit({
            type: 'reject',
            ...base,
            store: effect.store,
            reason: 'conflict',
            code: result.error.code,
            target: result.target,
          });
        return err(result.error);
      }
      if (effect.ops.some((op) => !isBookkeeping(ctx, effect.store, op.collection)))
        markCommitted(ctx, inv);
      if (ctx.tracing)
        ctx.emit({
          type: 'commit',
          ...base,
          incomingId: inv.incomingId,
          store: effect.store,
          writes: result.writes,
        });
      return ok(null);
    }
    case 'send': {
      if (fail) {
        if (ctx.tracing)
          ctx.emit({
            type: 'sendFail',
            ...base,
            messageType: effect.message.type,
            destination: effect.destination,
          });
        return err({
          code: 'BrokerUnavailable',
          message: `the broker rejected ${effect.message.type}`,
        });
      }
      enqueue(ctx, inv, effect.destination, effect.message, effect.mode);
      return ok(null);
    }
    case 'kvGet': {
      const store = storeOf(ctx, effect.store, 'kv');
      const doc = kvGet(store, effect.key);
      if (ctx.tracing)
        ctx.emit({
          type: 'kv',
          ...base,
          store: effect.store,
          op: 'get',
          key: effect.key,
          outcome: doc ? 'ok' : 'missing',
          version: doc?.version ?? null,
        });
      return ok(doc ? { value: structuredCopy(doc.value), version: doc.version } : null);
    }
    case 'kvPut':
    case 'kvDelete': {
      const store = storeOf(ctx, effect.store, 'kv', true);
      const op = effect.kind === 'kvPut' ? 'put' : 'delete';
      const trace = (outcome: 'ok' | 'conflict' | 'fault', version: number | null) => {
        if (ctx.tracing)
          ctx.emit({
            type: 'kv',
            ...base,
            store: effect.store,
            op,
            key: effect.key,
            outcome,
            version,
          });
      };
      if (fail) {
        trace('fault', null);
        return err({
          code: 'StoreUnavailable',
          message: `the key-value store ${effect.store} is unavailable`,
        });
      }
      const result =
        effect.kind === 'kvPut'
          ? kvPut(
              store,
              effect.key,
              structuredCopy(effect.value),
              effect.expectedVersion,
              inv.attemptId,
            )
          : kvDelete(store, effect.key, effect.expectedVersion);
      if (!result.ok) {
        trace('conflict', store.entries[effect.key]?.version ?? null);
        return err(result.error);
      }
      if (!isBookkeeping(ctx, effect.store)) markCommitted(ctx, inv);
      trace('ok', 'version' in result ? result.version : null);
      return ok(null);
    }
    case 'append': {
      const store = storeOf(ctx, effect.store, 'events', true);
      const trace = (outcome: 'ok' | 'conflict' | 'fault', version: number) => {
        if (ctx.tracing) {
          ctx.emit({
            type: 'append',
            ...base,
            store: effect.store,
            stream: effect.stream,
            count: effect.events.length,
            outcome,
            version,
          });
        }
      };
      const before = (store.streams[effect.stream] ?? []).length;
      if (fail) {
        trace('fault', before);
        return err({
          code: 'StoreUnavailable',
          message: `the event store ${effect.store} is unavailable`,
        });
      }
      const result = appendToStream(
        store,
        effect.stream,
        effect.events.map(structuredCopy),
        effect.expectedVersion,
        inv.attemptId,
      );
      if (!result.ok) {
        trace('conflict', before);
        return err(result.error);
      }
      markCommitted(ctx, inv);
      trace('ok', result.version);
      return ok({ version: result.version, positions: result.positions });
    }
    case 'readStream': {
      const store: EventStoreState = storeOf(ctx, effect.store, 'events');
      const result = readStream(store, effect.stream, effect.fromVersion ?? 0);
      if (ctx.tracing)
        ctx.emit({
          type: 'readStream',
          ...base,
          store: effect.store,
          stream: effect.stream,
          version: result.version,
        });
      return ok(structuredCopy(result));
    }
    case 'readAll': {
      const store: EventStoreState = storeOf(ctx, effect.store, 'events');
      const result = readAll(store, effect.fromPosition ?? 0);
      if (ctx.tracing)
        ctx.emit({
          type: 'readStream',
          ...base,
          store: effect.store,
          stream: '$all',
          version: result.position,
        });
      return ok(structuredCopy(result));
    }
    case 'external':
      return performExternal(ctx, inv, effect, outcome);
    case 'choose': {
      const value = effect.options[option];
      if (ctx.tracing)
        ctx.emit({ type: 'choose', ...base, label: effect.label, value: value ?? null });
      return ok(structuredCopy(value));
    }
  }
}

/** A blind write to a document this attempt read at an older version loses an update (I-OCC). */
function recordLostUpdates(
  ctx: StepContext,
  inv: Invocation,
  storeName: string,
  store: DocStoreState,
  ops: readonly { op: string; collection: string; id: string; expectedVersion?: unknown }[],
): void {
  for (const op of ops) {
    if (op.expectedVersion !== undefined) continue;
    const target = `${op.collection}/${op.id}`;
    const read = inv.reads[readKey(storeName, target)];
    if (read === undefined) continue;
    const current = loadDoc(store, op.collection, op.id)?.version ?? 0;
    if (current !== read) {
      ownHistory(ctx.world, 'lostUpdates').push({
        store: storeName,
        collection: op.collection,
        id: op.id,
        attemptId: inv.attemptId,
        readVersion: read,
        currentVersion: current,
      });
    }
  }
}

function isBookkeeping(ctx: StepContext, store: string, collection?: string): boolean {
  const b = ctx.bookkeeping.get(store);
  return b === true || (b !== undefined && collection !== undefined && b.has(collection));
}

/**
 * External APIs keep records (charges, shipments). An operation named create*, charge* or book*
 * creates a record from its args; search*, find* and list* return the records whose fields match
 * the args; get* returns one by id. With idempotency keys honoured, a repeated key returns the
 * stored response without creating anything.
 */
function performExternal(
  ctx: StepContext,
  inv: Invocation,
  effect: Extract<EffectRequest, { kind: 'external' }>,
  outcome: CallOutcome,
): CallResult {
  const api = own(ctx.world, 'external')[effect.api];
  if (!api)
    throw new StoreMisuseError(`There is no external API named "${effect.api}" in this exercise.`);
  const spec = ctx.manifest.external?.[effect.api];
  const machine = ctx.machines.external();
  const base = {
    attemptId: inv.attemptId,
    endpoint: inv.endpoint,
    api: effect.api,
    operation: effect.operation,
    idempotencyKey: effect.idempotencyKey,
  };
  const down = spec?.outageUntilTick !== undefined && ctx.world.tick < spec.outageUntilTick;
  if (down) api.callsWhileDown?.push(ctx.world.tick);
  if (outcome === 'fail' || down) {
    api.machine = machine.next(api.machine, 'CALL_FAILED');
    if (ctx.tracing) ctx.emit({ type: 'external', ...base, outcome: 'failed', replayed: false });
    return err({
      code: 'ExternalUnavailable',
      message: down
        ? `${effect.api} is down (until tick ${spec!.outageUntilTick})`
        : `${effect.api} is unavailable`,
    });
  }
  const key = effect.idempotencyKey;
  let response: unknown;
  let recordId: string | undefined;
  let replayed = false;
  const op = effect.operation;
  if (key !== undefined && spec?.honoursIdempotencyKeys && key in api.keys) {
    response = api.keys[key];
    replayed = true;
  } else if (/^(create|charge|book)/i.test(op)) {
    recordId = `${effect.api.toLowerCase()}-${++api.nextId}`;
    api.records[recordId] = {
      data: structuredCopy(effect.args),
      createdBy: inv.attemptId,
      ...(key !== undefined ? { idempotencyKey: key } : {}),
    };
    response = { id: recordId };
    if (key !== undefined && spec?.honoursIdempotencyKeys) api.keys[key] = response;
  } else if (/^(search|find|list)/i.test(op)) {
    const args = (effect.args ?? {}) as Record<string, unknown>;
    response = Object.entries(api.records)
      .filter(([, r]) =>
        Object.entries(args).every(([k, v]) => (r.data as Record<string, unknown>)?.[k] === v),
      )
      .map(([id, r]) => ({ id, ...(r.data as object) }));
  } else if (/^get/i.test(op)) {
    const id = String((effect.args as { id?: unknown })?.id);
    const r = api.records[id];
    response = r ? { id, ...(r.data as object) } : null;
  } else {
    throw new StoreMisuseError(
      `${effect.api} has no operation "${op}" (use create…/charge…, search…/find…/list… or get…).`,
    );
  }
  const traceDone = (done: 'ok' | 'committedResponseLost') => {
    if (ctx.tracing)
      ctx.emit({
        type: 'external',
        ...base,
        outcome: done,
        replayed,
        ...(recordId ? { recordId } : {}),
      });
  };
  if (outcome === 'commitLost') {
    api.machine = machine.next(api.machine, 'CALL_COMMITTED_RESPONSE_LOST');
    traceDone('committedResponseLost');
    return err({
      code: 'ExternalTimeout',
      message: `${effect.api} did not answer in time (it may have done the work)`,
    });
  }
  api.machine = machine.next(api.machine, 'CALL_OK');
  traceDone('ok');
  return ok(structuredCopy(response));
}

/** Values crossing between learner code and the world are copied, so neither can alias the other. */
export function structuredCopy<T>(v: T): T {
  return v === undefined ? v : cloneValue(v);
}
