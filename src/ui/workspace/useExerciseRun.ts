/**
 * The run of the exercise page: the session in the simulation worker and its playback, with the
 * ways a run starts — the first run (the shared one, else the URL's seed, shown at its end), Play
 * with a seed, Reset, a step chosen by the learner, a branch after a fault, a run opened from a
 * link, a file or a counterexample. Everything that starts a run stops playback first.
 */
import { useCallback, useEffect, useRef } from 'react';
import { DEFAULT_MAX_STEPS } from '../../workers/sessionProtocol';
import type { SessionSpec } from '../../workers/sessionProtocol';
import type { VersionReason } from '../history/versions';
import { exerciseHash } from '../routing';
import type { SharedRun } from '../shareLink';
import { usePlayback } from './usePlayback';
import type { Playback } from './usePlayback';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';
import type { Shortcuts } from './useKeyboardShortcuts';
import { useSession } from './useSession';
import type { Session } from './useSession';

/** A recorded run to show: its labels, the step to show and the seed it came from. */
export interface RecordedRun {
  labels: string[];
  cursor: number;
  seed: number | null;
}

export interface ExerciseRun {
  session: Session;
  playback: Playback;
  /** Where the run is shown: the target while scrubbing, else the worker's cursor. */
  cursorNow: number;
  specOf(source: string): SessionSpec;
  /** A new run of `source` (default: the editor's code), from the start. */
  openFresh(source?: string): Promise<boolean>;
  /** The seeded run of the editor's code, shown at its end (after a failure: try again). */
  playFromStart(seed: number): Promise<boolean>;
  /** Play: the seeded run from its first step (another seed goes through the URL). */
  playSeed(seed: number): Promise<void>;
  step(index: number): void;
  branch(at: number, index: number): void;
  /** Shows a recorded run (a share link, an imported file, a counterexample). */
  openRecorded(spec: SessionSpec, run: RecordedRun): Promise<boolean>;
}

interface Args {
  folder: string;
  file: string;
  /** The seed in the URL. */
  seed: number;
  /** The share link the page was opened with. */
  share: SharedRun | undefined;
  settings: Record<string, string>;
  /** The editor's code now. */
  code(): string;
  /** Keeps the code as a version (history). */
  snapshot(reason: VersionReason, source?: string): void;
}

export function useExerciseRun({ folder, file, seed, share, settings, code, snapshot }: Args) {
  const session = useSession();
  const playback = usePlayback(session);
  const { stop } = playback;
  const specOf = useCallback(
    (source: string): SessionSpec => ({ folder, file, source, settings }),
    [folder, file, settings],
  );

  const playFromStart = useCallback(
    (s: number) => {
      stop();
      snapshot('run');
      return session.open(specOf(code()), {
        seed: s,
        play: { seed: s, maxSteps: DEFAULT_MAX_STEPS },
      });
    },
    [session, specOf, stop, snapshot, code],
  );

  // First run: the shared run, else a seeded run of the current code (shown at its end).
  const opened = useRef(false);
  useEffect(() => {
    if (!opened.current && share) {
      opened.current = true;
      const { labels, cursor, seed: sharedSeed } = share;
      void session.open(specOf(code()), { labels, cursor, seed: sharedSeed });
      return;
    }
    opened.current = true;
    void playFromStart(seed);
    // Re-run when the seed in the URL changes; other changes wait for Play / Reset.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [seed]);

  const view = session.view;
  const run: ExerciseRun = {
    session,
    playback,
    cursorNow: playback.target ?? view?.cursor ?? 0,
    specOf,
    playFromStart,
    openFresh: (source = code()) => {
      stop();
      snapshot('run', source);
      return session.open(specOf(source));
    },
    playSeed: async (s) => {
      if (s !== seed) {
        window.location.hash = exerciseHash(folder, s);
        return;
      }
      if (!(await playFromStart(s))) return;
      if (await session.run({ op: 'seek', cursor: 0 })) playback.play();
    },
    step: (index) => {
      stop();
      void session.run({ op: 'step', index });
    },
    branch: (at, index) => {
      stop();
      void session.run({
        op: 'play',
        seed: view?.seed ?? seed,
        maxSteps: DEFAULT_MAX_STEPS,
        from: { step: at, index },
      });
    },
    openRecorded: (spec, { labels, cursor, seed: runSeed }) => {
      stop();
      return session.open(spec, { labels, cursor, seed: runSeed });
    },
  };
  return run;
}

/**
 * The page keys that move the run: space steps (through the run shown, then the first normal
 * step enabled), ←/→ scrub, K plays or pauses, R resets; `check` and `pane` come from the page.
 */
export function useRunShortcuts(
  run: ExerciseRun,
  seed: number,
  page: Pick<Shortcuts, 'check' | 'pane' | 'fullView'>,
): void {
  const { session, playback } = run;
  useKeyboardShortcuts({
    step: () => {
      const { view: latest, busy } = session.latest();
      if (!latest) return;
      const at = playback.base();
      if (at < latest.choices.length) return playback.seekTo(at + 1);
      if (busy || playback.seeking()) return;
      const next = latest.enabled.find((c) => c.fault === null) ?? latest.enabled[0];
      if (next) run.step(next.index);
    },
    back: () => playback.seekBy(-1),
    forward: () => playback.seekBy(1),
    playPause: () =>
      playback.playing ? playback.pause() : void run.playSeed(session.view?.seed ?? seed),
    reset: () => void run.openFresh(),
    ...page,
  });
}
