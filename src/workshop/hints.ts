/**
 * Hints tied to the failing run (an exercise's `hints`, src/sim/manifest.ts): which of them a
 * counterexample matches, and what in it matched ("line 27 ran in m1@Orders and m1@Orders#2,
 * both for m1"). Pure: the page calls it on the counterexample's own run.
 */
import type { CounterexampleHint, FaultKind } from '../sim';

/** A step of the counterexample's run, as the session reports it. */
export interface HintStep {
  fault: FaultKind | null;
  line?: number;
  attempt?: string;
  input?: string;
}

export interface MatchedHint {
  text: string;
  /** What in the run matched, when there is something to point at. */
  detail: string | null;
}

export function matchHints(
  hints: readonly CounterexampleHint[] | undefined,
  invariant: string,
  steps: readonly HintStep[],
): MatchedHint[] {
  const out: MatchedHint[] = [];
  for (const hint of hints ?? []) {
    const { when } = hint;
    if (when.invariant !== undefined && when.invariant !== invariant) continue;
    if (when.fault !== undefined && !steps.some((s) => s.fault === when.fault)) continue;
    let detail: string | null = null;
    if (when.lineRanTwice) {
      detail = lineRanTwice(steps);
      if (detail === null) continue;
    }
    out.push({ text: hint.text, detail });
  }
  return out;
}

/** The first line that ran in two attempts at one input, in words; null when none did. */
function lineRanTwice(steps: readonly HintStep[]): string | null {
  const attempts = new Map<string, string[]>();
  for (const s of steps) {
    if (s.line === undefined || s.attempt === undefined || s.input === undefined) continue;
    const key = `${s.line}\u0000${s.input}`;
    const seen = attempts.get(key) ?? [];
    if (!seen.includes(s.attempt)) seen.push(s.attempt);
    attempts.set(key, seen);
    if (seen.length === 2)
      return `Line ${s.line} ran in ${seen[0]} and in ${seen[1]}, both for ${s.input}.`;
  }
  return null;
}
