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
 * code that singles one out by its literal name breaks the reduction. The oracle's reference runs
 * are never reduced (they must collect every renamed outcome); its per-intent "can take effect"
 * goals are checked on the worlds kept, so declare symmetry only where no intent can be left
 * undone without faults.
 */
import { escapeRegExp } from '../core/regex';
import { fingerprint64, fingerprint64Renamed } from '../core/hash';
import type { Hash64 } from '../core/hash';

export type Interchangeable = readonly (readonly string[])[];

/** Every string and object key in `v` that holds one of the ids. */
function occurrences(v: unknown, pattern: RegExp, out: string[]): void {
  if (typeof v === 'string') {
    pattern.lastIndex = 0;
    if (pattern.test(v)) out.push(v);
    return;
  }
  if (v === null || typeof v !== 'object') return;
  if (Array.isArray(v)) {
    for (const x of v) occurrences(x, pattern, out);
    return;
  }
  for (const k in v as Record<string, unknown>) {
    pattern.lastIndex = 0;
    if (pattern.test(k)) out.push(k);
    occurrences((v as Record<string, unknown>)[k], pattern, out);
  }
}

/** A function from a (hash-ready) view of a world to its fingerprint under the symmetry. */
export function symmetricFingerprint(groups: Interchangeable): (view: unknown) => Hash64 {
  const all = groups.flat();
  if (all.length === 0) return (view) => fingerprint64(view);
  const pattern = new RegExp(`(?<![\\w-])(?:${all.map(escapeRegExp).join('|')})(?![\\w-])`, 'g');
  const found: string[] = [];
  return (view) => {
    found.length = 0;
    occurrences(view, pattern, found);
    const names = new Map<string, string>();
    for (const group of groups) {
      // Each id's key: the sum of its occurrences' hashes, itself marked, its mates blanked.
      const keyed = group.map((id, index) => {
        let hi = 0;
        let lo = 0;
        for (const text of found) {
          if (!text.includes(id)) continue;
          const h = fingerprint64(
            text.replace(pattern, (t) => (t === id ? '\u0001' : group.includes(t) ? '\u0002' : t)),
          );
          hi = (hi + h.hi) | 0;
          lo = (lo + h.lo) | 0;
        }
        return { id, index, hi, lo };
      });
      keyed.sort((a, b) => a.hi - b.hi || a.lo - b.lo || a.index - b.index);
      keyed.forEach((k, i) => names.set(k.id, group[i]!));
    }
    // Only the strings that name an id change; every other string hashes as it is.
    const holders = new Set(found);
    const rename = (text: string) =>
      holders.has(text) ? text.replace(pattern, (t) => names.get(t) ?? t) : text;
    return fingerprint64Renamed(view, rename);
  };
}
