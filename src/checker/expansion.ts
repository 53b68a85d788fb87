/**
 * Expanding a chunk of a BFS level away from the search: what a helper of the checker's pool
 * (every core, see pool.ts) does with states it is sent as text.
 *
 * Contract: `createExpansionHelper(model)` returns `expand(request)`, which deserialises each
 * state, checks its invariants in the order the sequential explorer does (`always`, then the
 * `sometimes` still wanted, then at a terminal state `isQuiescent` and `atQuiescence`), steps every
 * enabled choice and fingerprints each successor. It returns plain data (typed arrays, strings)
 * that survives `postMessage`: the search merges chunks in level order, so state indices, parent
 * pointers, verdicts and counterexamples are exactly the sequential explorer's, whatever the
 * number of helpers or the order their answers arrive in.
 *
 * A successor's text is sent once per helper: a helper remembers the fingerprints it has sent
 * and sends `null` for them after that (the search already holds such a state, since it merges
 * every chunk of a helper in the order the helper expanded them). A helper also keeps the
 * successors it produced for one level, by fingerprint: the search sends a state back to the
 * helper that produced it without its text, and the helper expands the very object, whose
 * sections' digests are already cached (a state rebuilt from text hashes every section again:
 * 2.6x the fingerprint's cost, measured on 17 with 5 payments). Learner code that throws is
 * reported with the state it threw at and the successors it produced before, as plain data.
 */
import { ReductionUnsound } from './reduced';
import { Hasher } from '../core/hash';
import { FingerprintTable } from './fingerprintTable';
import { SearchLimitReached } from './limitReached';
import { toLearnerError } from './learnerError';
import type { ExpandRequest, ExpandedChunk, ExpansionFailure, Model } from './types';

export type { ExpandRequest, ExpandedChunk, ExpansionFailure } from './types';

export const NOT_BROKEN = -1;
export const NORMAL_END = -1;
export const STUCK = -2;

/** Writes the 64-bit fingerprint of `s` into `out` (hi, lo), as the explorer does. */
export function fingerprintInto<S, C>(model: Model<S, C>, s: S, out: Int32Array): void {
  const hasher = new Hasher();
  const direct = model.fingerprint(s, hasher);
  const fp = direct ?? hasher.digest();
  out[0] = fp.hi | 0;
  out[1] = fp.lo | 0;
}

/** Invariant indices by kind, in model order (as the explorer lists them). */
export function invariantsByKind<S>(model: Model<S, unknown>): {
  always: number[];
  atQuiescence: number[];
  sometimes: number[];
} {
  const always: number[] = [];
  const atQuiescence: number[] = [];
  const sometimes: number[] = [];
  model.invariants.forEach((inv, i) => {
    if (inv.kind === 'always') always.push(i);
    else if (inv.kind === 'atQuiescence') atQuiescence.push(i);
    else sometimes.push(i);
  });
  return { always, atQuiescence, sometimes };
}

/** Plain data for what a model threw (internal errors too: the search reports them). */
export function describeFailure(err: unknown): ExpansionFailure {
  if (err instanceof SearchLimitReached) {
    return { kind: 'limit', limit: err.limit, reason: err.reason };
  }
  if (err instanceof ReductionUnsound) return { kind: 'reduction', message: err.message };
  const info = toLearnerError(err);
  if (info) return { kind: 'learner', info: { ...info } };
  return { kind: 'internal', message: err instanceof Error ? err.message : String(err) };
}

export function createExpansionHelper<S, C>(
  model: Model<S, C>,
): (request: ExpandRequest) => ExpandedChunk {
  const { serialize, deserialize } = model;
  if (!serialize || !deserialize) {
    throw new Error('A model expanded by helpers needs serialize and deserialize.');
  }
  const kinds = invariantsByKind(model);
  const sent = new FingerprintTable(1 << 12);
  const h = new Int32Array(2);
  // The successors produced while expanding level `level - 1` (states of `level`), and those
  // produced now (states of `level + 1`), by fingerprint.
  let level = -1;
  let expanding = new Map<string, S>();
  let producing = new Map<string, S>();
  const stateAt = (request: ExpandRequest, at: number): S => {
    const text = request.texts[at];
    if (text != null) return deserialize(text);
    const key = `${request.fingerprints[2 * at]!},${request.fingerprints[2 * at + 1]!}`;
    const s = expanding.get(key);
    if (s === undefined) throw new Error('A helper was sent a state it does not hold.');
    expanding.delete(key);
    return s;
  };
  return (request) => {
    if (request.level !== level) {
      expanding = request.level === level + 1 ? producing : new Map();
      producing = new Map();
      level = request.level;
    }
    const n = request.texts.length;
    const nSometimes = kinds.sometimes.length;
    const broken = new Int32Array(n).fill(NOT_BROKEN);
    const held = new Uint8Array(n * nSometimes);
    const successors = new Int32Array(n);
    const end = new Int32Array(n).fill(NORMAL_END);
    const fingerprints: number[] = [];
    const texts: (string | null)[] = [];
    const chunk = (failure?: ExpandedChunk['failure']): ExpandedChunk => ({
      broken,
      held,
      successors,
      end,
      fingerprints: Int32Array.from(fingerprints),
      texts,
      ...(failure ? { failure } : {}),
    });
    for (let at = 0; at < n; at++) {
      const before = texts.length;
      try {
        const s = stateAt(request, at);
        const brokenBy = kinds.always.find((i) => !model.invariants[i]!.holds(s));
        if (brokenBy !== undefined) {
          broken[at] = brokenBy;
          continue;
        }
        for (let k = 0; k < nSometimes; k++) {
          if (request.wanted[k] && model.invariants[kinds.sometimes[k]!]!.holds(s)) {
            held[at * nSometimes + k] = 1;
          }
        }
        const enabled = model.enabled(s);
        successors[at] = enabled.length;
        if (request.countOnly && enabled.length > 0) continue;
        for (const c of enabled) {
          const t = model.step(s, c);
          fingerprintInto(model, t, h);
          fingerprints.push(h[0]!, h[1]!);
          // Sent before: the search knows it (from an earlier level: not new; from this one: the
          // first of equal fingerprints is kept already, as the search keeps it; under a symmetry
          // they may be different renamings of one state). Only a first one is kept and sent.
          const first = sent.getOrInsert(h[0]!, h[1]!, 0) < 0;
          if (first) producing.set(`${h[0]!},${h[1]!}`, t);
          texts.push(first ? serialize(t) : null);
        }
        if (enabled.length === 0) end[at] = endOf(model, kinds.atQuiescence, s);
      } catch (err) {
        return chunk({ at, emitted: texts.length - before, failure: describeFailure(err) });
      }
    }
    return chunk();
  };
}

function endOf<S, C>(model: Model<S, C>, atQuiescence: number[], s: S): number {
  if (model.isQuiescent && !model.isQuiescent(s)) return STUCK;
  return atQuiescence.find((i) => !model.invariants[i]!.holds(s)) ?? NORMAL_END;
}
