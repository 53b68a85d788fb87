/**
 * An open-addressing hash table of 64-bit fingerprints over typed arrays (V8's Set and Map stop
 * at 2^24 entries). Each slot holds the fingerprint as two int32 halves and the state's index
 * + 1 (0 = empty slot), interleaved, so the explorer can find an already-seen state's parent pointers. Linear
 * probing; the table grows (x4, jumping from 2^18 to 2^21 slots, then x2) and rehashes at a load
 * factor of 3/4.
 */
export class FingerprintTable {
  /** Slot i is [hi, lo, index + 1] at 3i (one cache line per probe, mostly). */
  private slots: Int32Array;
  private mask: number;
  private count = 0;

  constructor(initialCapacity = 1 << 18) {
    let cap = 16;
    while (cap < initialCapacity) cap *= 2;
    this.slots = new Int32Array(cap * 3);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.count;
  }

  get capacity(): number {
    return this.mask + 1;
  }

  /**
   * The index stored for (hi, lo) (int32 halves), or -1 after inserting (hi, lo) with `index`
   * when absent.
   */
  getOrInsert(hi: number, lo: number, index: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let at = 3 * ((lo ^ Math.imul(hi, 0x9e3779b1)) & mask);
    for (;;) {
      const v = slots[at + 2]!;
      if (v === 0) break;
      if (slots[at + 1] === lo && slots[at] === hi) return v - 1;
      at += 3;
      if (at === slots.length) at = 0;
    }
    slots[at] = hi;
    slots[at + 1] = lo;
    slots[at + 2] = index + 1;
    if (++this.count * 4 > (mask + 1) * 3) this.grow();
    return -1;
  }

  /**
   * Touches the home slots of `count` fingerprints (pairs in `hashes`) so that their cache
   * misses overlap; returns a value only to keep the loads alive.
   */
  prefetch(hashes: Int32Array, count: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let sum = 0;
    for (let k = 0; k < count; k++) {
      sum += slots[3 * ((hashes[2 * k + 1]! ^ Math.imul(hashes[2 * k]!, 0x9e3779b1)) & mask) + 2]!;
    }
    return sum;
  }

  /** The index stored for (hi, lo) (int32 halves), or -1. */
  get(hi: number, lo: number): number {
    const slots = this.slots;
    let at = 3 * ((lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask);
    for (;;) {
      const v = slots[at + 2]!;
      if (v === 0) return -1;
      if (slots[at + 1] === lo && slots[at] === hi) return v - 1;
      at += 3;
      if (at === slots.length) at = 0;
    }
  }

  private grow(): void {
    const old = this.slots;
    // Straight to 2^21 slots (24 MB) from 2^18, so a million-state search rehashes once, early
    // (rehashing is random writes: a cache miss per state); then double.
    const size = this.mask + 1;
    const cap = size < 1 << 21 ? Math.max(size * 4, size >= 1 << 18 ? 1 << 21 : 0) : size * 2;
    const slots = new Int32Array(cap * 3);
    const mask = cap - 1;
    for (let i = 0; i < old.length; i += 3) {
      const v = old[i + 2]!;
      if (v === 0) continue;
      const hi = old[i]!;
      const lo = old[i + 1]!;
      let at = 3 * ((lo ^ Math.imul(hi, 0x9e3779b1)) & mask);
      while (slots[at + 2] !== 0) {
        at += 3;
        if (at === slots.length) at = 0;
      }
      slots[at] = hi;
      slots[at + 1] = lo;
      slots[at + 2] = v;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** A growable Int32Array (parent pointers, choice indices). */
export class IntVector {
  data: Int32Array;
  length = 0;

  constructor(initialCapacity = 1 << 16) {
    this.data = new Int32Array(initialCapacity);
  }

  push(x: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = x;
  }

  get(i: number): number {
    return this.data[i]!;
  }
}

/**
 * 64-bit fingerprint of ints `v[offset..offset+width)`: two xxHash32-style lanes (multiply,
 * rotate, multiply: half the operations of murmur3 per int) with different primes and rotations,
 * each finished by murmur3's avalanche, written to `out[0]` (hi) and `out[1]` (lo) as int32.
 */
export function hashVector(v: Int32Array, offset: number, width: number, out: Int32Array): void {
  let h1 = 0x165667b1 ^ width;
  let h2 = 0x27d4eb2f;
  for (let i = offset, end = offset + width; i < end; i++) {
    const x = v[i]!;
    h1 = (h1 + Math.imul(x, 0x85ebca77)) | 0;
    h1 = Math.imul((h1 << 13) | (h1 >>> 19), 0x9e3779b1);
    h2 = (h2 + Math.imul(x, 0xc2b2ae3d)) | 0;
    h2 = Math.imul((h2 << 17) | (h2 >>> 15), 0x27d4eb2f);
  }
  out[0] = fmix(h1);
  out[1] = fmix(h2 ^ h1);
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
