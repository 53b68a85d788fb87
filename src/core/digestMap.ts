/**
 * Values by a 64-bit digest (two int32 halves, as `fingerprint64` gives them), in a Map keyed by
 * the low half with the high half checked. Bounded: past `max` entries it starts again, so a cache
 * built on it costs only time when it overflows, never correctness.
 */
export class DigestMap<T> {
  private readonly byLow = new Map<number, { hi: number; value: T }>();

  constructor(private readonly max: number) {}

  get(hi: number, lo: number): T | undefined {
    const known = this.byLow.get(lo);
    return known !== undefined && known.hi === hi ? known.value : undefined;
  }

  set(hi: number, lo: number, value: T): void {
    if (this.byLow.size >= this.max) this.byLow.clear();
    this.byLow.set(lo, { hi, value });
  }

  get size(): number {
    return this.byLow.size;
  }
}
