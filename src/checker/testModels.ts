/**
 * Small models for the checker's tests: an explicit graph of named nodes.
 */
import type { Hasher } from '../core/hash';
import type { Invariant, Model } from './types';

/** A model over named nodes of an explicit graph; choices are successor positions. */
export function graphModel(
  edges: Record<string, string[]>,
  invariants: Invariant<string>[] = [],
  extra: Partial<Model<string, number>> = {},
): Model<string, number> {
  return {
    initialStates: () => ['init'],
    enabled: (s) => (edges[s] ?? []).map((_, i) => i),
    step: (s, c) => edges[s]![c]!,
    fingerprint: (s: string, h: Hasher) => h.string(s),
    invariants,
    describeChoice: (c) => `#${c}`,
    ...extra,
  };
}
