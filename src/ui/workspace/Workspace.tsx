/**
 * The exercise page of a messaging exercise: instructions, the learner's code, the interactive
 * run, faults and settings, and the checker, wired together. Code, settings and status persist
 * per exercise; a share link restores code, settings and the run's steps.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { WireResult } from '../../checker/protocol';
import type { LearnerError } from '../../sandbox';
import type { ExerciseBundle } from '../../workshop/bundle';
import { DEFAULT_MAX_STEPS } from '../../workers/sessionProtocol';
import type { SessionSpec } from '../../workers/sessionProtocol';
import type { CheckJob } from '../../machines/checkMachine';
import { ErrorBoundary } from '../ErrorBoundary';
import { Instructions } from '../Instructions';
import { exerciseHash, shareHash } from '../routing';
import type { SharedRun } from '../shareLink';
import { useSavedCode } from './useSavedCode';
import { useProgressStore } from '../useProgressStore';
import { CheckPanel } from './CheckPanel';
import type { CheckControls } from './CheckPanel';
import { CodeEditor } from './CodeEditor';
import { FaultPanel } from './FaultPanel';
import { PANE_ORDER, WorkspaceLayout } from './Layout';
import type { PaneControls } from './Layout';
import { RunView, SPEEDS } from './RunView';
import type { Speed } from './RunView';
import { ShareBar } from './ShareBar';
import { useApplyShare, useLatestShare } from './useShareLink';
import { HistoryButton } from '../history/HistoryDialog';
import { recordVersion } from '../history/versions';
import type { Version, VersionReason } from '../history/versions';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';
import { useLeader } from '../presenter/useLeader';
import { InstructorBar } from '../presenter/InstructorBar';
import { ExportBar } from '../export/ExportBar';
import { toRunFile } from '../export/runFile';
import type { RunFile } from '../export/runFile';
import { useSession } from './useSession';
import { warmChecker } from './checkRunner';

interface Props {
  exercise: ExerciseBundle;
  seed: number;
  share?: SharedRun;
}

const EMPTY: Record<string, string> = {};
const COMPILE_DEBOUNCE_MS = 400;

interface Counterexample {
  invariant: string;
  labels: string[];
  explanation: string | null;
}

export function Workspace({ exercise, seed, share: shareAtLoad }: Props) {
  const { folder, manifest } = exercise;
  const file = manifest.files.starter;
  const starter = exercise.sources[file] ?? '';
  const share = useLatestShare(shareAtLoad);
  const record = useProgressStore((s) => s.progress.exercises[folder]);
  const saveSettings = useProgressStore((s) => s.saveSettings);
  const markPassed = useProgressStore((s) => s.markPassed);
  const applyShare = useProgressStore((s) => s.applyShare);
  const changedElsewhere = useProgressStore((s) => s.changedElsewhere.includes(folder));
  const dismissChangedElsewhere = useProgressStore((s) => s.dismissChangedElsewhere);

  const { code, setCode, onCodeChange } = useSavedCode(
    folder,
    () => share?.code ?? record?.code ?? starter,
  );
  const settings = share && !record ? share.settings : (record?.settings ?? EMPTY);
  const session = useSession();
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<Speed>('fast');
  const [compileError, setCompileError] = useState<LearnerError | null>(null);
  const [runError, setRunError] = useState<{ code: string; error: LearnerError } | null>(null);
  const [cex, setCex] = useState<Counterexample | null>(null);
  const checkControls = useRef<CheckControls | null>(null);
  const paneControls = useRef<PaneControls | null>(null);

  const specOf = useCallback(
    (source: string): SessionSpec => ({ folder, file, source, settings }),
    [folder, file, settings],
  );
  const codeRef = useRef(code);
  codeRef.current = code;
  /** Keeps the code in the editor now as a version (history/versions.ts). */
  const snapshot = useCallback(
    (reason: VersionReason, source = codeRef.current, with_ = settings) =>
      void recordVersion(folder, { code: source, settings: with_, reason }),
    [folder, settings],
  );

  // Scrubbing: the cursor the learner asked for. Moves accumulate on it (each ← / → counts from
  // the target, not from the last view the worker sent), one seek at a time goes to it, and the
  // page shows it until the worker's view catches up, so a stale answer never moves it back.
  const target = useRef<number | null>(null);
  const [targetCursor, setTargetCursor] = useState<number | null>(null);
  const seeking = useRef(false);
  const setTarget = useCallback((cursor: number | null) => {
    target.current = cursor;
    setTargetCursor(cursor);
  }, []);
  const { run: runOp } = session;
  const seekToTarget = useCallback(async () => {
    if (seeking.current) return; // the seek in flight goes on to the target when it answers
    seeking.current = true;
    try {
      while (target.current !== null) {
        const want = target.current;
        const ok = await runOp({ op: 'seek', cursor: want });
        if (!ok || target.current === want) setTarget(null);
      }
    } finally {
      seeking.current = false;
    }
  }, [runOp, setTarget]);

  useApplyShare(folder, share, {
    current: () => ({ code: codeRef.current, settings }),
    show: (link) => {
      setCode(link.code);
      setCex(null);
      setPlaying(false);
      setTarget(null);
      const { labels, cursor, seed: sharedSeed } = link;
      void session.open(
        { folder, file, source: link.code, settings: link.settings },
        { labels, cursor, seed: sharedSeed },
      );
    },
  });

  // First run: the shared run, else a seeded run of the current code (shown at its end).
  const opened = useRef(false);
  const playFromStart = useCallback(
    (s: number) => {
      setPlaying(false);
      setTarget(null);
      snapshot('run');
      return session.open(specOf(codeRef.current), {
        seed: s,
        play: { seed: s, maxSteps: DEFAULT_MAX_STEPS },
      });
    },
    [session, specOf, setTarget, snapshot],
  );
  useEffect(() => {
    if (!opened.current && share) {
      opened.current = true;
      const { labels, cursor, seed: sharedSeed } = share;
      void session.open(specOf(codeRef.current), { labels, cursor, seed: sharedSeed });
      return;
    }
    opened.current = true;
    void playFromStart(seed);
    // Re-run when the seed in the URL changes; other changes wait for Play / Reset.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [seed]);

  // Compile as the learner types (debounced), in the worker.
  useEffect(() => {
    const timer = setTimeout(() => {
      void session.compile(folder, file, code).then((error) => {
        if (error !== undefined && codeRef.current === code) setCompileError(error);
      });
    }, COMPILE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [code, folder, file]);

  // A learner error from a run lands in the editor (until the code changes).
  const runProblem = session.problem?.type === 'learnerError' ? session.problem.error : null;
  const stepError = session.view?.stepError ?? runProblem;
  useEffect(() => {
    if (stepError && session.spec) setRunError({ code: session.spec.source, error: stepError });
  }, [stepError, session.spec]);

  const view = session.view;
  /** Where the run is shown: the target while scrubbing, else the worker's cursor. */
  const cursorNow = targetCursor ?? view?.cursor ?? 0;
  const openFresh = async (source = code) => {
    setPlaying(false);
    setTarget(null);
    snapshot('run', source);
    return session.open(specOf(source));
  };
  const playSeed = async (s: number) => {
    if (s !== seed) {
      window.location.hash = exerciseHash(folder, s);
      return;
    }
    if (!(await playFromStart(s))) return;
    if (await session.run({ op: 'seek', cursor: 0 })) setPlaying(true);
  };
  /** The cursor moves count from: the target, else the worker's latest (maybe unrendered) view. */
  const scrubBase = () => target.current ?? session.latest().view?.cursor ?? 0;
  const seek = (cursor: number) => {
    setPlaying(false);
    const latest = session.latest().view;
    if (!latest) return;
    const next = Math.max(0, Math.min(cursor, latest.choices.length));
    if (next === scrubBase()) return;
    setTarget(next);
    void seekToTarget();
  };
  const step = (index: number) => {
    setPlaying(false);
    setTarget(null);
    void session.run({ op: 'step', index });
  };

  // Playback: advance the cursor one step per tick of the chosen speed.
  useEffect(() => {
    if (!playing || session.busy || !view) return;
    if (view.cursor >= view.choices.length) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(
      () => void session.run({ op: 'seek', cursor: view.cursor + 1 }),
      SPEEDS[speed],
    );
    return () => clearTimeout(timer);
  }, [playing, session, view, speed]);

  useKeyboardShortcuts({
    step: () => {
      const { view: latest, busy } = session.latest();
      if (!latest) return;
      const at = scrubBase();
      if (at < latest.choices.length) return seek(at + 1);
      if (busy || target.current !== null) return;
      const next = latest.enabled.find((c) => c.fault === null) ?? latest.enabled[0];
      if (next) step(next.index);
    },
    back: () => seek(scrubBase() - 1),
    forward: () => seek(scrubBase() + 1),
    check: () => checkControls.current?.check(),
    playPause: () => (playing ? setPlaying(false) : void playSeed(view?.seed ?? seed)),
    reset: () => void openFresh(),
    pane: (n) => paneControls.current?.togglePane(PANE_ORDER[n - 1]!),
  });

  // Once the learner edits (a check is coming), the checker prepares what it will need: the
  // reference runs past the bounds. Not on opening, where it would compete with the first run
  // for the laptop's cores.
  const warmedFor = useRef<string | null>(null);
  const onEdit = useCallback(
    (next: string) => {
      onCodeChange(next);
      const key = JSON.stringify([folder, settings]);
      if (warmedFor.current === key) return;
      warmedFor.current = key;
      warmChecker({ kind: 'exercise', folder, file, source: next, settings });
    },
    [onCodeChange, folder, file, settings],
  );

  const makeJob = useCallback((): CheckJob => {
    snapshot('check');
    return {
      model: { kind: 'exercise', folder, file, source: codeRef.current, settings },
      limits: manifest.limits,
    };
  }, [folder, file, settings, manifest.limits, snapshot]);

  const onResult = useCallback(
    (result: WireResult, job: CheckJob) => {
      if (job.model.kind !== 'exercise') return;
      const { source } = job.model;
      setCex(null);
      switch (result.verdict) {
        case 'passed':
          markPassed(folder, source);
          return;
        case 'violated':
        case 'cycle': {
          const labels = result.counterexample.choices;
          const invariant = result.verdict === 'violated' ? result.invariant : 'cycle';
          const fallback = result.description;
          setPlaying(false);
          setTarget(null);
          // The checker's own words on the violating state, when the invariant gives them.
          const explanation = result.verdict === 'violated' ? (result.explanation ?? null) : null;
          setCex({ invariant, labels, explanation });
          // Found past the bounds: the run replays on the grown workload it was found on.
          const beyond = result.verdict === 'violated' ? result.beyond : undefined;
          const spec = beyond ? { ...specOf(source), settings: beyond.settings } : specOf(source);
          void session.open(spec, { labels, cursor: labels.length }).then((ok) => {
            if (!ok) setCex({ invariant, labels, explanation: explanation ?? fallback });
          });
          return;
        }
        case 'learner-error':
          setRunError({
            code: source,
            error: {
              kind: 'runtime',
              file: result.file,
              message: result.message,
              ...(result.line !== undefined ? { line: result.line } : {}),
              ...(result.column !== undefined ? { column: result.column } : {}),
            },
          });
          return;
        default:
          return;
      }
    },
    [folder, markPassed, session, specOf, setTarget],
  );

  // The invariant's own words on the counterexample's last state explain the violation.
  useEffect(() => {
    if (!cex || cex.explanation !== null || !view) return;
    if (view.choices.length !== cex.labels.length || view.cursor !== cex.labels.length) return;
    const found = view.invariants.find((i) => i.name === cex.invariant);
    const words =
      found && typeof found.result === 'string'
        ? found.result
        : found
          ? `${found.description} (it does not hold at the end of this run)`
          : 'Every step of this run is in the timeline.';
    setCex({ ...cex, explanation: words });
  }, [cex, view]);

  const errors = useMemo(() => {
    const list: LearnerError[] = [];
    if (compileError) list.push(compileError);
    if (
      runError &&
      runError.code === code &&
      !list.some((e) => e.message === runError.error.message)
    )
      list.push(runError.error);
    return list;
  }, [compileError, runError, code]);

  // An imported run file: another exercise opens as a share link would; this one loads here.
  const importRun = (run: RunFile) => {
    const shared = {
      code: run.code,
      settings: run.settings,
      labels: run.labels,
      cursor: run.cursor,
      seed: run.seed,
    };
    if (run.exercise !== folder) {
      window.location.hash = shareHash(run.exercise, shared);
      return;
    }
    snapshot('before-import');
    snapshot('import', run.code, run.settings);
    applyShare(folder, run.code, run.settings);
    setCode(run.code);
    setCex(null);
    setPlaying(false);
    setTarget(null);
    void session.open(
      { folder, file, source: run.code, settings: run.settings },
      { labels: run.labels, cursor: run.cursor, seed: run.seed },
    );
  };

  // A version from the history goes back in the editor; the code it replaces is kept first.
  const restoreVersion = (v: Version) => {
    snapshot('before-restore');
    onCodeChange(v.code);
    if (JSON.stringify(v.settings) !== JSON.stringify(settings))
      saveSettings(folder, v.settings, v.code);
    setCex(null);
    void openFresh(v.code);
  };

  // The presenter window follows this run (src/ui/presenter).
  useLeader(
    view && session.spec
      ? {
          folder,
          file,
          code: session.spec.source,
          editorCode: code,
          settings: session.spec.settings,
          labels: view.choices.map((c) => c.label),
          cursor: view.cursor,
          seed: view.seed,
        }
      : null,
  );

  const shareUrl = () =>
    `${window.location.origin}${window.location.pathname}${shareHash(folder, {
      code,
      settings,
      labels: view?.choices.map((c) => c.label) ?? [],
      cursor: view?.cursor ?? 0,
      seed: view?.seed ?? null,
    })}`;

  return (
    <>
      <div className="workspace-bars">
        <ShareBar folder={folder} makeUrl={shareUrl} shared={share !== undefined} />
        <HistoryButton folder={folder} currentCode={code} onRestore={restoreVersion} />
        {changedElsewhere && (
          <p className="callout callout-info" role="status" data-testid="changed-elsewhere">
            This exercise was changed in another tab. This tab keeps your code; the other tab&apos;s
            is kept in History.{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => dismissChangedElsewhere(folder)}
            >
              Dismiss
            </button>
          </p>
        )}
        <InstructorBar folder={folder} />
        <ExportBar
          folder={folder}
          manifest={manifest}
          run={view ? { events: view.events, cursor: view.cursor } : null}
          makeJson={() =>
            toRunFile(
              folder,
              file,
              {
                code: session.spec?.source ?? code,
                settings: session.spec?.settings ?? settings,
                labels: view?.choices.map((c) => c.label) ?? [],
                cursor: view?.cursor ?? 0,
                seed: view?.seed ?? null,
              },
              cex?.invariant,
            )
          }
          onImport={importRun}
        />
      </div>
      <WorkspaceLayout
        controls={paneControls}
        instructions={
          <ErrorBoundary area="the instructions">
            <Instructions readme={exercise.readme} />
          </ErrorBoundary>
        }
        editor={
          <ErrorBoundary area="the editor">
            <CodeEditor
              file={file}
              code={code}
              starter={starter}
              onChange={onEdit}
              errors={errors}
            />
          </ErrorBoundary>
        }
        run={
          <ErrorBoundary area="the seeded run">
            <RunView
              session={session}
              cursor={cursorNow}
              manifest={manifest}
              {...(cex ? { highlightStep: cex.labels.length - 1 } : {})}
              file={file}
              seed={seed}
              playing={playing}
              speed={speed}
              codeChanged={session.spec !== null && session.spec.source !== code}
              onSpeed={setSpeed}
              onPlay={(s) => void playSeed(s)}
              onPause={() => setPlaying(false)}
              onReset={() => void openFresh()}
              onRetry={() => void playFromStart(seed)}
              onStep={step}
              onSeek={seek}
              onBranch={(at, index) => {
                setTarget(null);
                void session.run({
                  op: 'play',
                  seed: view?.seed ?? seed,
                  maxSteps: DEFAULT_MAX_STEPS,
                  from: { step: at, index },
                });
              }}
            />
          </ErrorBoundary>
        }
        side={
          <>
            <ErrorBoundary area="the checker">
              <CheckPanel
                makeJob={makeJob}
                onResult={onResult}
                controls={checkControls}
                counterexample={
                  cex && (
                    <div className="callout counterexample" data-testid="counterexample">
                      <p>
                        <strong>What is wrong:</strong>{' '}
                        {cex.explanation ?? 'Loading the counterexample…'}
                      </p>
                      <p className="muted">
                        The shortest run that breaks it ({cex.labels.length} steps) is loaded in the
                        run view.
                      </p>
                      <div className="toolbar">
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          onClick={() => seek(0)}
                        >
                          Step through it from the start
                        </button>
                        <button
                          type="button"
                          className="button button-secondary button-small"
                          onClick={() => seek(cex.labels.length)}
                        >
                          Jump to the violation
                        </button>
                      </div>
                    </div>
                  )
                }
              />
            </ErrorBoundary>
            <ErrorBoundary area="the fault settings">
              <FaultPanel
                manifest={manifest}
                settings={settings}
                onChange={(next) => saveSettings(folder, next, code)}
              />
            </ErrorBoundary>
          </>
        }
      />
    </>
  );
}
