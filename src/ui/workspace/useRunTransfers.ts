/**
 * Runs that come into the exercise page from elsewhere: a share link (at load or later), an
 * imported run file (another exercise's opens as its share link would), and a version from the
 * history. Each keeps the code it replaces as a version first, so nothing the learner wrote is
 * lost; an exported counterexample comes back as a counterexample.
 */
import type { RefObject } from 'react';
import type { RunFile } from '../export/runFile';
import type { Version, VersionReason } from '../history/versions';
import { shareHash } from '../routing';
import type { SharedRun } from '../shareLink';
import { useProgressStore } from '../useProgressStore';
import type { ExerciseRun } from './useExerciseRun';
import { useApplyShare } from './useShareLink';

interface Args {
  folder: string;
  file: string;
  settings: Record<string, string>;
  share: SharedRun | undefined;
  run: ExerciseRun;
  /** The editor's code now. */
  codeRef: RefObject<string>;
  /** Replaces the editor's code (not saved as the learner's own). */
  setCode(code: string): void;
  /** Replaces the editor's code as the learner's own (saved). */
  onCodeChange(code: string): void;
  snapshot(reason: VersionReason, source?: string, settings?: Record<string, string>): void;
}

export interface RunTransfers {
  importRun(runFile: RunFile): void;
  restoreVersion(version: Version): void;
}

export function useRunTransfers(args: Args): RunTransfers {
  const { folder, file, settings, share, run, codeRef, setCode, onCodeChange, snapshot } = args;
  const { playback } = run;
  const saveSettings = useProgressStore((s) => s.saveSettings);
  const applyShare = useProgressStore((s) => s.applyShare);

  /** Shows a recorded run with its code, as a share link or an imported file brings it. */
  const showRecorded = (shared: SharedRun) => {
    setCode(shared.code);
    playback.clearCounterexample();
    void run.openRecorded({ folder, file, source: shared.code, settings: shared.settings }, shared);
  };
  useApplyShare(folder, share, {
    current: () => ({ code: codeRef.current, settings }),
    show: showRecorded,
  });

  return {
    importRun(runFile) {
      const { code: source, settings: with_, labels, cursor, seed } = runFile;
      const shared = { code: source, settings: with_, labels, cursor, seed };
      if (runFile.exercise !== folder) {
        window.location.hash = shareHash(runFile.exercise, shared);
        return;
      }
      snapshot('before-import');
      snapshot('import', source, with_);
      applyShare(folder, source, with_);
      showRecorded(shared);
      // An exported counterexample comes back as one: named, highlighted and explained.
      if (runFile.violates !== undefined)
        playback.showCounterexample({ invariant: runFile.violates, labels, explanation: null });
    },
    // A version from the history goes back in the editor; the code it replaces is kept first.
    restoreVersion(v) {
      snapshot('before-restore');
      onCodeChange(v.code);
      if (JSON.stringify(v.settings) !== JSON.stringify(settings))
        saveSettings(folder, v.settings, v.code);
      playback.clearCounterexample();
      void run.openFresh(v.code);
    },
  };
}
