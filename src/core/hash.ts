/**
 * Stable hashing of JSON-compatible values. `hashValue` gives a 64-bit fingerprint as two 32-bit
 * halves (FNV-1a-style mixing over a canonical walk: object keys sorted), so equal worlds hash
 * equally whatever the insertion order of their keys. `stableStringify` is the canonical text.
 */
export interface Hash64 {
  hi: number;
  lo: number;
}

const enum Tag {
  Null = 1,
  False,
  True,
  Number,
  String,
  Array,
  Object,
  Undefined,
}

export class Hasher {
  private h1 = 0x811c9dc5 | 0;
  private h2 = 0x01000193 | 0;

  int(n: number): void {
    this.h1 = Math.imul(this.h1 ^ n, 0x01000193);
    this.h2 = Math.imul(this.h2 ^ n, 0x5bd1e995);
    this.h2 ^= this.h2 >>> 13;
  }

  string(s: string): void {
    this.int(s.length);
    for (let i = 0; i < s.length; i++) this.int(s.charCodeAt(i));
  }

  number(x: number): void {
    if (Number.isInteger(x) && Math.abs(x) < 2 ** 31) this.int(x | 0);
    else this.string(String(x));
  }

  value(v: unknown): void {
    if (v === null) return this.int(Tag.Null);
    switch (typeof v) {
      case 'undefined':
        return this.int(Tag.Undefined);
      case 'boolean':
        return this.int(v ? Tag.True : Tag.False);
      case 'number':
        this.int(Tag.Number);
        return this.number(v);
      case 'string':
        this.int(Tag.String);
        return this.string(v);
      case 'object': {
        if (Array.isArray(v)) {
          this.int(Tag.Array);
          this.int(v.length);
          for (const item of v) this.value(item);
          return;
        }
        const obj = v as Record<string, unknown>;
        const keys = Object.keys(obj).sort();
        this.int(Tag.Object);
        let count = 0;
        for (const k of keys) if (obj[k] !== undefined) count++;
        this.int(count);
        for (const k of keys) {
          if (obj[k] === undefined) continue;
          this.string(k);
          this.value(obj[k]);
        }
        return;
      }
      default:
        throw new TypeError(`Cannot hash a ${typeof v}`);
    }
  }

  digest(): Hash64 {
    return finish(this.h1, this.h2);
  }
}

/** Murmur3's fmix32 avalanche. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The final 64 bits from two 32-bit lanes, cross-mixed. */
function finish(h1: number, h2: number): Hash64 {
  return { hi: fmix(h1 ^ Math.imul(h2, 0x27d4eb2d)), lo: fmix(h2 + h1) };
}

export function hashValue(v: unknown): Hash64 {
  const h = new Hasher();
  h.value(v);
  return h.digest();
}

/** Canonical JSON: object keys sorted, undefined members dropped. */
export function stableStringify(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v))
    return `[${v.map((x) => (x === undefined ? 'null' : stableStringify(x))).join(',')}]`;
  const obj = v as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of Object.keys(obj).sort()) {
    if (obj[k] === undefined) continue;
    parts.push(`${JSON.stringify(k)}:${stableStringify(obj[k])}`);
  }
  return `{${parts.join(',')}}`;
}

/** A short, stable, human-readable digest (8 hex chars) of a value, e.g. for payload hashes. */
export function shortHash(v: unknown): string {
  // The order-independent walk (no key sorting, strings' lanes cached): the engine takes a digest
  // of every call and every send, on every step the checker explores.
  const { hi } = fingerprint64(v);
  return (hi >>> 0).toString(16).padStart(8, '0');
}

// ---- fast order-independent fingerprints ---------------------------------------------------

const hasOwn = Object.prototype.hasOwnProperty;
/** Set per walk: Object.prototype has enumerable members (learner code put them there). */
let polluted = false;

function prototypeIsPolluted(): boolean {
  for (const _ in {}) return true;
  return false;
}

let lane1 = 0;
let lane2 = 0;
/** Applied to every string and object key while `fingerprint64Renamed` runs, else null. */
let renameString: ((s: string) => string) | null = null;

function mixInt(h: number, n: number, m: number): number {
  h = Math.imul(h ^ n, m);
  return h ^ (h >>> 15);
}

/**
 * Lanes of the strings hashed so far: a world repeats the same keys and ids in every state, so
 * most strings are looked up, not rehashed. Short strings are cheaper to hash than to look up,
 * and long ones (learner data) are not kept. Bounded: cleared when full (the hashes do not
 * change, only the time to recompute them).
 */
const stringLanes = new Map<string, Int32Array>();
const MAX_CACHED_STRINGS = 1 << 16;
const CACHE_FROM_LENGTH = 5;
const CACHE_UP_TO_LENGTH = 64;

function hashString(s: string): void {
  if (s.length < CACHE_FROM_LENGTH || s.length > CACHE_UP_TO_LENGTH) return hashStringNow(s);
  const cached = stringLanes.get(s);
  if (cached !== undefined) {
    lane1 = cached[0]!;
    lane2 = cached[1]!;
    return;
  }
  hashStringNow(s);
  if (stringLanes.size >= MAX_CACHED_STRINGS) stringLanes.clear();
  stringLanes.set(s, Int32Array.of(lane1, lane2));
}

function hashStringNow(s: string): void {
  let a = 0x9e3779b9 ^ s.length;
  let b = 0x85ebca6b + s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b + c, 0x5bd1e995) ^ (b >>> 13);
  }
  lane1 = a;
  lane2 = b;
}

function hashAny(v: unknown): void {
  if (v === null) {
    lane1 = 0x1234567;
    lane2 = 0x7654321;
    return;
  }
  switch (typeof v) {
    case 'string':
      return hashString(renameString === null ? v : renameString(v));
    case 'number':
      if (Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff) {
        lane1 = mixInt(0x27d4eb2d, v, 0x85ebca6b);
        lane2 = mixInt(0x165667b1, v, 0xc2b2ae35);
        return;
      }
      return hashString(`#${v}`);
    case 'boolean':
      lane1 = v ? 0x3c6ef372 : 0x510e527f;
      lane2 = v ? 0x9b05688c : 0x1f83d9ab;
      return;
    case 'undefined':
      lane1 = 0x5be0cd19;
      lane2 = 0x6a09e667;
      return;
    case 'object': {
      if (Array.isArray(v)) {
        // Ordered: a rolling combination of the element hashes.
        let a = 0xa54ff53a ^ v.length;
        let b = 0xbb67ae85 + v.length;
        for (const item of v) {
          hashAny(item);
          a = Math.imul(a ^ lane1, 0x01000193) + 0x7f4a7c15;
          b = Math.imul(b + lane2, 0x5bd1e995) ^ (b >>> 13);
        }
        lane1 = a;
        lane2 = b;
        return;
      }
      // Unordered: the sum of (key, value) pair hashes, so insertion order does not matter
      // and no key sorting is needed.
      let a = 0;
      let b = 0;
      let count = 0;
      const obj = v as Record<string, unknown>;
      for (const k in obj) {
        // Own members only: learner code may have put enumerable junk on a shared prototype.
        if (polluted && !hasOwn.call(obj, k)) continue;
        const val = obj[k];
        if (val === undefined) continue;
        hashAny(val);
        const v1 = lane1;
        const v2 = lane2;
        hashString(renameString === null ? k : renameString(k));
        a = (a + mixInt(lane1 ^ Math.imul(v1, 0x9e3779b1), v2, 0x85ebca6b)) | 0;
        b = (b + mixInt(lane2 + Math.imul(v2, 0x7feb352d), v1, 0xc2b2ae35)) | 0;
        count++;
      }
      lane1 = mixInt(a, count, 0x2545f491);
      lane2 = mixInt(b, count, 0x9e3779b9);
      return;
    }
    default:
      throw new TypeError(`Cannot fingerprint a ${typeof v}`);
  }
}

/**
 * A 64-bit fingerprint of JSON-compatible data, independent of object key order, without
 * sorting keys (objects combine their key/value hashes commutatively). Used for checker states.
 */
export function fingerprint64(v: unknown): Hash64 {
  polluted = prototypeIsPolluted();
  hashAny(v);
  return finish(lane1, lane2);
}

/**
 * `fingerprint64` of `v` as if every string and object key in it were `rename(s)`, without
 * building that copy (symmetry reduction renames ids this way, src/sim/symmetry.ts).
 */
export function fingerprint64Renamed(v: unknown, rename: (s: string) => string): Hash64 {
  renameString = rename;
  polluted = prototypeIsPolluted();
  try {
    hashAny(v);
  } finally {
    renameString = null;
  }
  return finish(lane1, lane2);
}

/**
 * Digests combined without regard to order: equal multisets of (tag, digest) pairs give equal
 * results whatever order they were added in (a sum of mixed pairs, as `fingerprint64` combines
 * an object's members). The tag says what a digest stands for (a key, a position), so equal
 * digests under different tags do not cancel out. Reused with `reset`: it allocates nothing.
 */
export class UnorderedDigests {
  private a = 0;
  private b = 0;
  private count = 0;

  reset(): this {
    this.a = 0;
    this.b = 0;
    this.count = 0;
    return this;
  }

  add(tag: Hash64, hi: number, lo: number): void {
    this.a = (this.a + mixInt(tag.hi ^ Math.imul(hi, 0x9e3779b1), lo, 0x85ebca6b)) | 0;
    this.b = (this.b + mixInt(tag.lo + Math.imul(lo, 0x7feb352d), hi, 0xc2b2ae35)) | 0;
    this.count++;
  }

  digest(): Hash64 {
    return finish(mixInt(this.a, this.count, 0x2545f491), mixInt(this.b, this.count, 0x9e3779b9));
  }
}
