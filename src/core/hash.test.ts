import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fingerprint64, hashValue, shortHash, stableStringify, UnorderedDigests } from './hash';

describe('fingerprint64', () => {
  it('does not depend on key order', () => {
    expect(fingerprint64({ a: 1, b: { c: [1, 2], d: 'x' } })).toEqual(
      fingerprint64({ b: { d: 'x', c: [1, 2] }, a: 1 }),
    );
  });
  it('distinguishes values, array order, and nesting', () => {
    const samples = [
      { a: 1 },
      { a: 2 },
      { b: 1 },
      { a: '1' },
      { a: [1, 2] },
      { a: [2, 1] },
      { a: { b: 1 } },
      { a: 1, b: 2 },
      { a: 2, b: 1 },
      [1, [2]],
      [[1], 2],
      null,
      true,
      false,
      0,
      '',
      { a: null },
      {},
    ];
    const seen = new Set(samples.map((s) => JSON.stringify(fingerprint64(s))));
    expect(seen.size).toBe(samples.length);
  });
  it('equal canonical JSON ⇔ equal fingerprint, on random data (no collisions seen)', () => {
    const seen = new Map<string, string>();
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (v) => {
        const canon = stableStringify(v);
        const fp = JSON.stringify(fingerprint64(v));
        const before = seen.get(fp);
        if (before !== undefined) expect(before).toBe(canon);
        seen.set(fp, canon);
        expect(fingerprint64(JSON.parse(JSON.stringify(v)))).toEqual(fingerprint64(v));
      }),
      { numRuns: 3000, seed: 7 },
    );
  });
  it('ignores undefined members like JSON does', () => {
    expect(fingerprint64({ a: 1, b: undefined })).toEqual(fingerprint64({ a: 1 }));
    expect(hashValue({ a: 1, b: undefined })).toEqual(hashValue({ a: 1 }));
  });
});

describe('fingerprints under a polluted prototype', () => {
  it('take own members only: junk learner code puts on Object.prototype changes nothing', () => {
    const value = { a: 1, b: ['x', { c: 'long enough string' }] };
    const clean = [fingerprint64(value), shortHash(value)];
    const proto = Object.prototype as unknown as { junk?: number };
    proto.junk = 42;
    try {
      expect([fingerprint64(value), shortHash(value)]).toEqual(clean);
    } finally {
      delete proto.junk;
    }
  });
});

describe('UnorderedDigests', () => {
  const tag = (s: string) => fingerprint64(s);
  const combine = (pairs: [string, string][]) => {
    const d = new UnorderedDigests();
    for (const [t, v] of pairs) {
      const h = fingerprint64(v);
      d.add(tag(t), h.hi, h.lo);
    }
    return d.digest();
  };

  it('ignores the order pairs are added in, and nothing else', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 8 }), (pairs) => {
        expect(combine([...pairs].reverse())).toEqual(combine(pairs));
      }),
    );
    expect(combine([['a', 'x']])).not.toEqual(combine([['b', 'x']]));
    expect(combine([['a', 'x']])).not.toEqual(combine([['a', 'y']]));
    expect(
      combine([
        ['a', 'x'],
        ['b', 'y'],
      ]),
    ).not.toEqual(
      combine([
        ['a', 'y'],
        ['b', 'x'],
      ]),
    );
    // A pair added twice is not the pair added once, nor nothing (sums do not cancel).
    expect(
      combine([
        ['a', 'x'],
        ['a', 'x'],
      ]),
    ).not.toEqual(combine([['a', 'x']]));
    expect(
      combine([
        ['a', 'x'],
        ['a', 'x'],
      ]),
    ).not.toEqual(combine([]));
  });

  it('starts again from nothing after reset', () => {
    const d = new UnorderedDigests();
    d.add(tag('a'), 1, 2);
    const once = d.digest();
    d.reset().add(tag('a'), 1, 2);
    expect(d.digest()).toEqual(once);
  });
});
