/**
 * The exercise page's side of a check: the job (the code in the editor, with the settings), and
 * what a verdict does to the page — a pass is recorded, a counterexample is opened in the run
 * view (on the grown workload when it was found beyond the bounds) and explained in the
 * invariant's own words, a learner error lands in the editor.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { WireResult } from '../../checker/protocol';
import { learnerError } from '../../core/learnerError';
import type { CheckLimits } from '../../checker/types';
import type { CheckJob } from '../../machines/checkMachine';
import type { VersionReason } from '../history/versions';
import type { ExerciseRun } from './useExerciseRun';
import type { LearnerErrors } from './useLearnerErrors';
import { warmChecker } from './checkRunner';

interface Args {
  folder: string;
  file: string;
  settings: Record<string, string>;
  limits: CheckLimits;
  run: ExerciseRun;
  code(): string;
  snapshot(reason: VersionReason): void;
  markPassed(folder: string, code: string): void;
  reportError: LearnerErrors['report'];
  /** Saves the learner's edit. */
  onCodeChange(code: string): void;
}

export function useCheckFlow(args: Args) {
  const { folder, file, settings, limits, run, code, snapshot, markPassed, reportError } = args;
  const { onCodeChange } = args;
  const { playback, session, specOf, openRecorded } = run;
  const { showCounterexample, explain, clearCounterexample } = playback;

  const makeJob = useCallback((): CheckJob => {
    snapshot('check');
    return { model: { kind: 'exercise', folder, file, source: code(), settings }, limits };
  }, [folder, file, settings, limits, snapshot, code]);

  const onResult = (result: WireResult, job: CheckJob) => {
    if (job.model.kind !== 'exercise') return;
    const { source } = job.model;
    clearCounterexample();
    switch (result.verdict) {
      case 'passed':
        markPassed(folder, source);
        return;
      case 'violated':
      case 'cycle': {
        const labels = result.counterexample.choices;
        const invariant = result.verdict === 'violated' ? result.invariant : 'cycle';
        // The checker's own words on the violating state, when the invariant gives them.
        const explanation = result.verdict === 'violated' ? (result.explanation ?? null) : null;
        showCounterexample({ invariant, labels, explanation });
        // Found past the bounds: the run replays on the grown workload it was found on.
        const beyond = result.verdict === 'violated' ? result.beyond : undefined;
        const spec = beyond ? { ...specOf(source), settings: beyond.settings } : specOf(source);
        void openRecorded(spec, { labels, cursor: labels.length, seed: null }).then((ok) => {
          if (!ok) explain(result.description);
        });
        return;
      }
      case 'learner-error':
        reportError(source, learnerError(result.file, result.message, result));
        return;
      default:
        return;
    }
  };

  // Without the checker's words, the invariant's on the counterexample's last state explain it.
  const cex = playback.counterexample;
  const view = session.view;
  useEffect(() => {
    if (!cex || cex.explanation !== null || !view) return;
    // Only the counterexample's own run (the same steps, at its end), never a run that merely
    // has as many steps.
    if (view.cursor !== cex.labels.length || !sameSteps(view.choices, cex.labels)) return;
    const found = view.invariants.find((i) => i.name === cex.invariant);
    explain(
      found && typeof found.result === 'string'
        ? found.result
        : found
          ? `${found.description} (it does not hold at the end of this run)`
          : 'Every step of this run is in the timeline.',
    );
  }, [cex, view, explain]);

  // Once the learner edits (a check is coming), the checker prepares what it will need: the
  // reference runs past the bounds. Not on opening, where it would compete with the first run.
  const warmedFor = useRef<string | null>(null);
  const onEdit = (next: string) => {
    onCodeChange(next);
    const key = JSON.stringify([folder, settings]);
    if (warmedFor.current === key) return;
    warmedFor.current = key;
    warmChecker({ kind: 'exercise', folder, file, source: next, settings });
  };

  return { makeJob, onResult, onEdit };
}

/** A run view shows exactly these steps (a counterexample's own run, not one as long). */
export function sameSteps(
  choices: readonly { label: string }[],
  labels: readonly string[],
): boolean {
  return choices.length === labels.length && choices.every((c, i) => c.label === labels[i]);
}
