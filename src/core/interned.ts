/**
 * Equal values as one object: `of(v)` gives the first value met with `v`'s content (by its 64-bit
 * fingerprint, as the checker tells states apart), so the worlds of a check that hold equal values
 * (the same document loaded in a thousand interleavings) share one object instead of a copy each.
 *
 * Only for values that are never changed once made (a world's call results, src/sim/cloneWorld.ts).
 * Bounded: past `max` values it starts again, which costs only the sharing.
 */
import { fingerprint64 } from './hash';

export class Interned<T extends object> {
  /** By the fingerprint's low half; the high half is checked. */
  private readonly byLow = new Map<number, { hi: number; value: T }>();

  constructor(private readonly max = 50_000) {}

  of(value: T): T {
    const { hi, lo } = fingerprint64(value);
    const known = this.byLow.get(lo);
    if (known !== undefined && known.hi === hi) return known.value;
    if (this.byLow.size >= this.max) this.byLow.clear();
    this.byLow.set(lo, { hi, value });
    return value;
  }

  get size(): number {
    return this.byLow.size;
  }
}
