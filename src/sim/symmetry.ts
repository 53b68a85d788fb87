/**
 * Symmetry reduction: an exercise (or a grown workload) may declare ids that are interchangeable
 * — identical payments, identical tabs — because nothing about them differs but the name. Two
 * worlds that differ only by a renaming of such ids have the same future up to that renaming, so
 * the checker may treat them as one state: their fingerprint is taken over a canonical renaming.
 *
 * Canonical by sorting, never by trying every permutation: each id of a group gets a key (the
 * hashes of every string that names it, with the id marked and its group-mates blanked, summed),
 * the ids are sorted by key, and the i-th becomes the group's i-th name; the fingerprint is then
 * taken as if every string were renamed so (no copy is built). Ties only cost reduction. Only the fingerprint is canonical: the checker
 * keeps and steps real worlds, so every counterexample is a real run that replays exactly.
 *
 * Names are matched as whole tokens inside strings and object keys (`payment-2`,
 * `payment-2@Counter#2`, `Counter|payment-2`), never inside a longer name (`payment-20`). The
 * declaration is a promise that handlers and invariants treat these ids alike (as opaque ids);
 * code that singles one out by its literal name breaks the reduction. The oracle's reference run
 * with the whole workload is reduced too, and every outcome it collects is then renamed in every
 * way the groups allow (`renamingsOf`, `renamer`), so a learner's run may end in any of them;
 * its per-intent "can take effect" goals are checked on the worlds kept, so declare symmetry only
 * where no intent can be left undone without faults.
 */
import { escapeRegExp } from '../core/regex';
import { fingerprint64, fingerprint64Renamed } from '../core/hash';
import type { Hash64 } from '../core/hash';

export type Interchangeable = readonly (readonly string[])[];

/** The whole-token pattern of every id in the groups (global). */
function idPattern(ids: readonly string[]): RegExp {
  return new RegExp(`(?<![\\w-])(?:${ids.map(escapeRegExp).join('|')})(?![\\w-])`, 'g');
}

/**
 * What one string says about the ids: for each id it names, the hash of the string with that id
 * marked and its group-mates blanked (its share of the id's sort key). Null: it names none.
 */
type Mentions = { id: string; hi: number; lo: number }[] | null;

/** Strings seen, with their mentions: states share most strings, so each is read once. */
const MAX_CACHED_STRINGS = 200_000;

/**
 * Each id's sort key within a value: the sum, over the strings naming it, of their hashes with
 * the id marked and its group-mates blanked. Sums add up across a world's parts.
 */
export type IdKeys = ReadonlyMap<string, { hi: number; lo: number }>;

/** The pieces of a symmetric fingerprint, for callers that cache them per section (fingerprint.ts). */
export interface Symmetry {
  /** The ids' keys within `v` (empty: `v` names no id). */
  keysOf(v: unknown): IdKeys;
  /**
   * The canonical renaming of a world whose parts have `keys`: every id of every group, in the
   * groups' order, to its new name.
   */
  canonicalNames(keys: readonly IdKeys[]): ReadonlyMap<string, string>;
  /** `fingerprint64` of `v` as if renamed by `names` (no copy is built). */
  hashRenamed(v: unknown, names: ReadonlyMap<string, string>): Hash64;
}

const NO_KEYS: IdKeys = new Map();

export function createSymmetry(groups: Interchangeable): Symmetry {
  const pattern = idPattern(groups.flat());
  const groupOf = new Map(groups.flatMap((g) => g.map((id) => [id, g] as const)));
  const cache = new Map<string, Mentions>();
  const mentionsOf = (text: string): Mentions => {
    let m = cache.get(text);
    if (m !== undefined) return m;
    const ids = new Set(text.match(pattern) ?? []);
    m =
      ids.size === 0
        ? null
        : [...ids].map((id) => {
            const group = groupOf.get(id)!;
            const marked = text.replace(pattern, (t) =>
              t === id ? '\u0001' : group.includes(t) ? '\u0002' : t,
            );
            return { id, ...fingerprint64(marked) };
          });
    if (cache.size >= MAX_CACHED_STRINGS) cache.clear();
    cache.set(text, m);
    return m;
  };
  // The walks below are made once, not per call: they share the keys being gathered and the
  // renaming in force (a check runs one fingerprint at a time).
  let keys: Map<string, { hi: number; lo: number }> | null = null;
  const addKeys = (text: string) => {
    const m = mentionsOf(text);
    if (!m) return;
    keys ??= new Map();
    for (const { id, hi, lo } of m) {
      const k = keys.get(id);
      if (k) {
        k.hi = (k.hi + hi) | 0;
        k.lo = (k.lo + lo) | 0;
      } else keys.set(id, { hi, lo });
    }
  };
  const walkKeys = (x: unknown): void => {
    if (typeof x === 'string') return addKeys(x);
    if (x === null || typeof x !== 'object') return;
    if (Array.isArray(x)) {
      for (const y of x) walkKeys(y);
      return;
    }
    for (const k in x as Record<string, unknown>) {
      addKeys(k);
      walkKeys((x as Record<string, unknown>)[k]);
    }
  };
  let renaming: ReadonlyMap<string, string> = new Map();
  const renameId = (t: string) => renaming.get(t) ?? t;
  // Only the strings that name an id change; every other string hashes as it is.
  const renameText = (text: string) => (mentionsOf(text) ? text.replace(pattern, renameId) : text);
  return {
    keysOf(v) {
      keys = null;
      walkKeys(v);
      const found = keys;
      keys = null;
      return found ?? NO_KEYS;
    },
    canonicalNames(parts) {
      const names = new Map<string, string>();
      for (const group of groups) {
        const keyed = group.map((id, index) => {
          let hi = 0;
          let lo = 0;
          for (const part of parts) {
            const k = part.get(id);
            if (!k) continue;
            hi = (hi + k.hi) | 0;
            lo = (lo + k.lo) | 0;
          }
          return { id, index, hi, lo };
        });
        keyed.sort((a, b) => a.hi - b.hi || a.lo - b.lo || a.index - b.index);
        const to: string[] = [];
        keyed.forEach((k, i) => (to[k.index] = group[i]!));
        group.forEach((id, i) => names.set(id, to[i]!));
      }
      return names;
    },
    hashRenamed(v, names) {
      renaming = names;
      return fingerprint64Renamed(v, renameText);
    },
  };
}

/** Every ordering of `items`. */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((x, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]),
  );
}

/**
 * Every renaming the groups allow (each group permuted on its own, all combinations), the
 * identity first, as a map from id to its new name; null when there would be more than `max`.
 */
export function renamingsOf(
  groups: Interchangeable,
  max: number,
): ReadonlyMap<string, string>[] | null {
  let count = 1;
  for (const g of groups) for (let k = 2; k <= g.length; k++) count *= k;
  if (count > max) return null;
  let out: Map<string, string>[] = [new Map()];
  for (const group of groups) {
    out = out.flatMap((base) =>
      permutations(group).map((order) => {
        const next = new Map(base);
        group.forEach((id, i) => next.set(id, order[i]!));
        return next;
      }),
    );
  }
  return out;
}

/**
 * A function giving a value with every whole-token id in its strings and object keys renamed by
 * `names` (a copy; the value is not changed).
 */
export function renamer(names: ReadonlyMap<string, string>): <T>(v: T) => T {
  if (names.size === 0) return (v) => v;
  const pattern = idPattern([...names.keys()]);
  const text = (s: string) => s.replace(pattern, (t) => names.get(t) ?? t);
  const walk = (x: unknown): unknown => {
    if (typeof x === 'string') return text(x);
    if (x === null || typeof x !== 'object') return x;
    if (Array.isArray(x)) return x.map(walk);
    const out: Record<string, unknown> = {};
    for (const k in x as Record<string, unknown>)
      out[text(k)] = walk((x as Record<string, unknown>)[k]);
    return out;
  };
  return <T>(v: T) => walk(v) as T;
}
