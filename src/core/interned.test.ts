import { describe, expect, it } from 'vitest';
import { fingerprint64 } from './hash';
import { contentDigest, Interned } from './interned';

describe('interned values', () => {
  it('gives the first value met for equal content, whatever its key order', () => {
    const interned = new Interned<object>();
    const first = { ok: true, value: { items: ['Meat'], version: 2 } };
    expect(interned.of(first)).toBe(first);
    expect(interned.of({ value: { version: 2, items: ['Meat'] }, ok: true })).toBe(first);
  });

  it('keeps different content apart', () => {
    const interned = new Interned<object>();
    const meat = { items: ['Meat'] };
    const cheese = { items: ['SwissCheese'] };
    expect(interned.of(meat)).toBe(meat);
    expect(interned.of(cheese)).toBe(cheese);
    expect(interned.of({ items: ['Meat', 'Meat'] })).not.toBe(meat);
    expect(interned.size).toBe(3);
  });

  it('starts again past its bound, losing only the sharing', () => {
    const interned = new Interned<object>(2);
    const a = { n: 1 };
    interned.of(a);
    interned.of({ n: 2 });
    interned.of({ n: 3 });
    expect(interned.size).toBe(1);
    const again = { n: 1 };
    expect(interned.of(again)).toBe(again);
  });

  it('keeps the fingerprint of what it interned, and of nothing else', () => {
    const interned = new Interned<object>();
    const kept = interned.of({ items: ['Meat'] });
    const fresh = { items: ['Meat'] };
    expect(interned.of(fresh)).toBe(kept);
    expect(contentDigest(kept)).toEqual(fingerprint64(kept));
    // What `of` kept is read back, not worked out again; an equal fresh object is hashed.
    expect(contentDigest(kept)).toBe(contentDigest(kept));
    expect(contentDigest(fresh)).not.toBe(contentDigest(fresh));
    expect(contentDigest(fresh)).toEqual(fingerprint64(fresh));
  });
});
