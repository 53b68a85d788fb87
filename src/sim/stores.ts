/**
 * Stores: document collections with a version per document and optimistic concurrency
 * (`expectedVersion`, create-only with 'none'), atomic batches; an event store (append at an
 * expected version, read a stream, a global position); key-value stores. Pure functions over the
 * store state in the world: each returns a result or a typed rejection and mutates only on
 * success, so a rejected batch changes nothing.
 */
import type { ExpectedVersion, SimErrorData, WriteOp } from './effects';
import type { DocStoreState, EventStoreState, KvStoreState, StoredDoc } from './world';

export type WriteResult =
  | { ok: true; writes: { target: string; version: number | null }[] }
  | { ok: false; error: SimErrorData; target: string };

function checkExpected(
  current: StoredDoc | undefined,
  expected: ExpectedVersion | undefined,
  target: string,
): SimErrorData | null {
  if (expected === undefined) return null;
  if (expected === 'none') {
    return current
      ? { code: 'DocumentExists', message: `${target} already exists (create-only write)` }
      : null;
  }
  if (!current) {
    return {
      code: 'ConcurrencyConflict',
      message: `${target} does not exist, but version ${expected} was expected`,
    };
  }
  if (current.version !== expected) {
    return {
      code: 'ConcurrencyConflict',
      message: `${target} is at version ${current.version}, but version ${expected} was expected`,
    };
  }
  return null;
}

export function loadDoc(
  store: DocStoreState,
  collection: string,
  id: string,
): StoredDoc | undefined {
  return store.collections[collection]?.[id];
}

/** Applies all ops or none (single-partition transactional batch). */
export function applyBatch(
  store: DocStoreState,
  ops: readonly WriteOp[],
  attemptId: string,
): WriteResult {
  for (const op of ops) {
    const target = `${op.collection}/${op.id}`;
    const error = checkExpected(loadDoc(store, op.collection, op.id), op.expectedVersion, target);
    if (error) return { ok: false, error, target };
  }
  const writes: { target: string; version: number | null }[] = [];
  for (const op of ops) {
    const coll = (store.collections[op.collection] ??= {});
    const target = `${op.collection}/${op.id}`;
    if (op.op === 'put') {
      const version = (coll[op.id]?.version ?? 0) + 1;
      coll[op.id] = { value: op.value, version, writtenBy: attemptId };
      writes.push({ target, version });
    } else {
      delete coll[op.id];
      writes.push({ target, version: null });
    }
  }
  return { ok: true, writes };
}

export function kvGet(store: KvStoreState, key: string): StoredDoc | undefined {
  return store.entries[key];
}

export function kvPut(
  store: KvStoreState,
  key: string,
  value: unknown,
  expected: ExpectedVersion | undefined,
  attemptId: string,
): { ok: true; version: number } | { ok: false; error: SimErrorData } {
  const error = checkExpected(store.entries[key], expected, key);
  if (error) return { ok: false, error };
  const version = (store.entries[key]?.version ?? 0) + 1;
  store.entries[key] = { value, version, writtenBy: attemptId };
  return { ok: true, version };
}

export function kvDelete(
  store: KvStoreState,
  key: string,
  expected: ExpectedVersion | undefined,
): { ok: true; existed: boolean } | { ok: false; error: SimErrorData } {
  const error = checkExpected(store.entries[key], expected, key);
  if (error) return { ok: false, error };
  const existed = key in store.entries;
  delete store.entries[key];
  return { ok: true, existed };
}

export function appendToStream(
  store: EventStoreState,
  stream: string,
  events: readonly unknown[],
  expected: ExpectedVersion | undefined,
  attemptId: string,
): { ok: true; version: number; positions: number[] } | { ok: false; error: SimErrorData } {
  const current = store.streams[stream] ?? [];
  const version = current.length;
  if (expected !== undefined) {
    const wanted = expected === 'none' ? 0 : expected;
    if (version !== wanted) {
      return {
        ok: false,
        error: {
          code: 'ConcurrencyConflict',
          message: `stream ${stream} is at version ${version}, but version ${wanted} was expected`,
        },
      };
    }
  }
  const positions: number[] = [];
  const next = [...current];
  for (const data of events) {
    store.position += 1;
    positions.push(store.position);
    next.push({ data, position: store.position, writtenBy: attemptId });
  }
  store.streams[stream] = next;
  return { ok: true, version: next.length, positions };
}

export function readStream(store: EventStoreState, stream: string, fromVersion = 0) {
  const events = store.streams[stream] ?? [];
  return {
    version: events.length,
    events: events.slice(fromVersion).map((e, i) => ({
      version: fromVersion + i + 1,
      position: e.position,
      data: e.data,
    })),
  };
}

export function readAll(store: EventStoreState, fromPosition = 0) {
  const all: { stream: string; version: number; position: number; data: unknown }[] = [];
  for (const [stream, events] of Object.entries(store.streams)) {
    events.forEach((e, i) => {
      if (e.position > fromPosition)
        all.push({ stream, version: i + 1, position: e.position, data: e.data });
    });
  }
  all.sort((a, b) => a.position - b.position);
  return { position: store.position, events: all };
}
