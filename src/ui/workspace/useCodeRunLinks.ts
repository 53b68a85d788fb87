/**
 * Code ↔ run on the exercise page: which line of the learner's file to mark (the step under the
 * pointer, else the step at the cursor); the other way, the steps that ran the line the caret is
 * on; and, for a counterexample shown on its own run, the line of its last step in the learner's
 * code and the exercise's hints it matches. Nothing while the run is of code other than the
 * editor's (the lines would not match).
 */
import { useMemo, useState } from 'react';
import type { ShownCounterexample } from '../../machines/playbackMachine';
import type { CounterexampleHint } from '../../sim';
import type { TakenChoice } from '../../workers/sessionProtocol';
import { matchHints } from '../../workshop/hints';
import type { MatchedHint } from '../../workshop/hints';
import { sameSteps } from './useCheckFlow';

export interface CodeRunLinks {
  /** The line to mark in the editor (null: none). */
  runLine: number | null;
  /** The diagram reports the step (1-based) of the row under the pointer here. */
  onHoverStep(step: number | null): void;
  /** The editor reports the caret's line here; `caretSteps` are the steps (1-based) that ran it. */
  onCaretLine(line: number): void;
  caretSteps: { line: number; steps: number[] } | null;
  /** The counterexample's last step in the learner's code, and its line. */
  cexLastLine: { step: number; line: number } | null;
  cexHints: MatchedHint[];
}

export function useCodeRunLinks(
  choices: readonly TakenChoice[] | null,
  cursor: number,
  codeChanged: boolean,
  cex: ShownCounterexample | null,
  hints: readonly CounterexampleHint[] | undefined,
): CodeRunLinks {
  const [hoverStep, setHoverStep] = useState<number | null>(null);
  const [caretLine, setCaretLine] = useState<number | null>(null);
  const caretSteps = useMemo(() => {
    if (codeChanged || caretLine === null || !choices) return null;
    const steps: number[] = [];
    choices.forEach((c, i) => {
      if (c.line === caretLine) steps.push(i + 1);
    });
    return { line: caretLine, steps };
  }, [choices, caretLine, codeChanged]);
  const shownStep = hoverStep ?? cursor;
  const runLine = codeChanged ? null : (choices?.[shownStep - 1]?.line ?? null);
  const own = cex && choices && !codeChanged && sameSteps(choices, cex.labels) ? choices : null;
  return {
    runLine,
    onHoverStep: setHoverStep,
    onCaretLine: setCaretLine,
    caretSteps,
    cexLastLine: own ? lastLineOf(own) : null,
    cexHints: cex && own ? matchHints(hints, cex.invariant, own) : [],
  };
}

/** The last step (1-based) that ran a line of the learner's code, and that line. */
function lastLineOf(choices: readonly { line?: number }[]): { step: number; line: number } | null {
  for (let i = choices.length - 1; i >= 0; i--) {
    const line = choices[i]!.line;
    if (line !== undefined) return { step: i + 1, line };
  }
  return null;
}

/** The editor's side of the code ↔ run links (CodeEditor's props), going to steps with `seekTo`. */
export function editorLinks(links: CodeRunLinks, seekTo: (step: number) => void) {
  return {
    runLine: links.runLine,
    onCaretLine: links.onCaretLine,
    caretSteps: links.caretSteps,
    onGoToStep: seekTo,
  };
}
