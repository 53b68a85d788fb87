/**
 * Equal values as one object: `of(v)` gives the first value met with `v`'s content (by its 64-bit
 * fingerprint, as the checker tells states apart), so the worlds of a check that hold equal values
 * (the same document loaded in a thousand interleavings) share one object instead of a copy each.
 * An interned value keeps its fingerprint (`contentDigest` reads it instead of hashing again).
 *
 * Only for values that are never changed once made (a world's call results, src/sim/cloneWorld.ts).
 * Bounded: past `max` values it starts again, which costs only the sharing.
 */
import { DigestMap } from './digestMap';
import { fingerprint64 } from './hash';
import type { Hash64 } from './hash';
import { KeptOnObjects } from './keptOnObjects';

const digests = new KeptOnObjects<Hash64>('content digest');

/** `fingerprint64(o)`, kept from interning when `o` was interned. */
export function contentDigest(o: object): Hash64 {
  return digests.get(o) ?? fingerprint64(o);
}

export class Interned<T extends object> {
  private readonly values: DigestMap<T>;

  constructor(max = 50_000) {
    this.values = new DigestMap(max);
  }

  of(value: T): T {
    const digest = fingerprint64(value);
    const known = this.values.get(digest.hi, digest.lo);
    if (known !== undefined) return known;
    digests.set(value, digest);
    this.values.set(digest.hi, digest.lo, value);
    return value;
  }

  get size(): number {
    return this.values.size;
  }
}
