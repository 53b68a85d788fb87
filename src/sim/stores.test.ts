import { describe, expect, it } from 'vitest';
import { appendToStream, applyBatch, kvDelete, kvPut, readAll, readStream } from './stores';
import type { DocStoreState, EventStoreState, KvStoreState } from './world';

const docStore = (): DocStoreState => ({
  kind: 'documents',
  collections: { carts: { c1: { value: { n: 1 }, version: 3, writtenBy: 'x' } } },
});

describe('document store', () => {
  it('OCC rejects a stale write and changes nothing', () => {
    const s = docStore();
    const r = applyBatch(
      s,
      [{ op: 'put', collection: 'carts', id: 'c1', value: { n: 2 }, expectedVersion: 2 }],
      'a1',
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'ConcurrencyConflict' } });
    expect(s.collections.carts!.c1).toEqual({ value: { n: 1 }, version: 3, writtenBy: 'x' });
  });
  it('a write at the current version bumps it', () => {
    const s = docStore();
    const r = applyBatch(
      s,
      [{ op: 'put', collection: 'carts', id: 'c1', value: { n: 2 }, expectedVersion: 3 }],
      'a1',
    );
    expect(r).toEqual({ ok: true, writes: [{ target: 'carts/c1', version: 4 }] });
  });
  it("create-only ('none') fails when the document exists, succeeds when absent", () => {
    const s = docStore();
    expect(
      applyBatch(
        s,
        [{ op: 'put', collection: 'carts', id: 'c1', value: {}, expectedVersion: 'none' }],
        'a',
      ),
    ).toMatchObject({ ok: false, error: { code: 'DocumentExists' } });
    expect(
      applyBatch(
        s,
        [{ op: 'put', collection: 'orders', id: 'o1', value: {}, expectedVersion: 'none' }],
        'a',
      ),
    ).toMatchObject({ ok: true });
  });
  it('a batch is atomic: one conflict rejects every write', () => {
    const s = docStore();
    const r = applyBatch(
      s,
      [
        { op: 'put', collection: 'orders', id: 'o1', value: {} },
        { op: 'put', collection: 'carts', id: 'c1', value: {}, expectedVersion: 1 },
      ],
      'a',
    );
    expect(r.ok).toBe(false);
    expect(s.collections.orders).toBeUndefined();
  });
});

describe('key-value store', () => {
  it('put at an expected version, delete conditional on it', () => {
    const s: KvStoreState = { kind: 'kv', entries: {} };
    expect(kvPut(s, 't1', 'x', 'none', 'a')).toEqual({ ok: true, version: 1 });
    expect(kvPut(s, 't1', 'y', 'none', 'a')).toMatchObject({ ok: false });
    expect(kvDelete(s, 't1', 2)).toMatchObject({ ok: false });
    expect(kvDelete(s, 't1', 1)).toEqual({ ok: true, existed: true });
  });
});

describe('event store', () => {
  it('appends at the expected version, keeps a global position, reads streams and all', () => {
    const s: EventStoreState = { kind: 'events', streams: {}, position: 0 };
    expect(appendToStream(s, 'p-1', ['A', 'B'], 0, 'a')).toEqual({
      ok: true,
      version: 2,
      positions: [1, 2],
    });
    expect(appendToStream(s, 'p-2', ['C'], 'none', 'a')).toEqual({
      ok: true,
      version: 1,
      positions: [3],
    });
    expect(appendToStream(s, 'p-1', ['D'], 1, 'b')).toMatchObject({
      ok: false,
      error: { code: 'ConcurrencyConflict' },
    });
    expect(readStream(s, 'p-1', 1).events).toEqual([{ version: 2, position: 2, data: 'B' }]);
    expect(readAll(s, 1).events.map((e) => e.data)).toEqual(['B', 'C']);
  });
});
