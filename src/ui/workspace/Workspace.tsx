/**
 * The exercise page of a messaging exercise: instructions, the learner's code, the interactive
 * run, faults and settings, and the checker, wired together. Code, settings and status persist
 * per exercise; a share link restores code, settings and the run's steps. The run and its
 * playback are useExerciseRun (with src/machines/playbackMachine.ts) shown by RunPane, a check's
 * effect on the page useCheckFlow, the editor's errors useLearnerErrors, runs that come in
 * (links, files, versions) useRunTransfers.
 */
import { useCallback, useRef } from 'react';
import type { ExerciseBundle } from '../../workshop/bundle';
import { ErrorBoundary } from '../ErrorBoundary';
import { Instructions } from '../Instructions';
import { RoomReveal } from '../room/RoomReveal';
import { toRunFile } from '../export/runFile';
import { recordVersion } from '../history/versions';
import type { VersionReason } from '../history/versions';
import { shareHash } from '../routing';
import type { SharedRun } from '../shareLink';
import { useProgressStore } from '../useProgressStore';
import { CheckPanel } from './CheckPanel';
import type { CheckControls } from './CheckPanel';
import { CodeEditor } from './CodeEditor';
import { CounterexampleCallout } from './CounterexampleCallout';
import { FaultPanel } from './FaultPanel';
import { PANE_ORDER, WorkspaceLayout } from './Layout';
import type { PaneControls } from './Layout';
import { RunPane } from './RunPane';
import { useCheckFlow } from './useCheckFlow';
import { editorLinks, useCodeRunLinks } from './useCodeRunLinks';
import { useExerciseRun, useRunShortcuts } from './useExerciseRun';
import { useFullView } from './useFullView';
import { useLearnerErrors } from './useLearnerErrors';
import { useSavedCode } from './useSavedCode';
import { useLatestShare } from './useShareLink';
import { useRunTransfers } from './useRunTransfers';
import { useShownRun } from './useShownRun';
import { WorkspaceBars } from './WorkspaceBars';

interface Props {
  exercise: ExerciseBundle;
  seed: number;
  share?: SharedRun;
}

const EMPTY: Record<string, string> = {};

export function Workspace({ exercise, seed, share: shareAtLoad }: Props) {
  const { folder, manifest } = exercise;
  const file = manifest.files.starter;
  const starter = exercise.sources[file] ?? '';
  const share = useLatestShare(shareAtLoad);
  const record = useProgressStore((s) => s.progress.exercises[folder]);
  const saveSettings = useProgressStore((s) => s.saveSettings);
  const markPassed = useProgressStore((s) => s.markPassed);
  const { code, setCode, onCodeChange } = useSavedCode(
    folder,
    () => share?.code ?? record?.code ?? starter,
  );
  const settings = share && !record ? share.settings : (record?.settings ?? EMPTY);
  const checkControls = useRef<CheckControls | null>(null);
  const paneControls = useRef<PaneControls | null>(null);
  const codeRef = useRef(code);
  codeRef.current = code;
  const currentCode = useCallback(() => codeRef.current, []);
  /** Keeps the code in the editor now as a version (history/versions.ts). */
  const snapshot = useCallback(
    (reason: VersionReason, source = codeRef.current, with_ = settings) =>
      void recordVersion(folder, { code: source, settings: with_, reason }),
    [folder, settings],
  );

  const run = useExerciseRun({ folder, file, seed, share, settings, code: currentCode, snapshot });
  const { session, playback } = run;
  const view = session.view;
  const learnerErrors = useLearnerErrors(session, folder, file, code);
  const editing = { setCode, onCodeChange, snapshot };
  const { makeJob, onResult, onEdit } = useCheckFlow({
    folder,
    file,
    settings,
    limits: manifest.limits,
    run,
    code: currentCode,
    snapshot,
    markPassed,
    reportError: learnerErrors.report,
    onCodeChange,
  });

  const transfers = useRunTransfers({ folder, file, settings, share, run, codeRef, ...editing });

  const fullView = useFullView();
  useRunShortcuts(run, seed, {
    check: () => checkControls.current?.check(),
    fullView: fullView.toggle,
    pane: (n) => paneControls.current?.togglePane(PANE_ORDER[n - 1]!),
  });

  const shown = useShownRun(folder, file, { code, settings }, session, run.cursorNow);
  const codeChanged = session.spec !== null && session.spec.source !== code;
  const cex = playback.counterexample;
  const links = useCodeRunLinks(
    view?.choices ?? null,
    run.cursorNow,
    codeChanged,
    cex,
    manifest.hints,
  );

  return (
    <>
      <WorkspaceBars
        folder={folder}
        manifest={manifest}
        code={code}
        shared={share !== undefined}
        run={view ? { events: view.events, cursor: view.cursor } : null}
        counterexample={cex && { invariant: cex.invariant, steps: cex.labels.length }}
        makeShareUrl={() =>
          `${window.location.origin}${window.location.pathname}${shareHash(folder, { ...shown, code, settings })}`
        }
        makeRunFile={() => toRunFile(folder, file, shown, cex?.invariant)}
        onImport={transfers.importRun}
        onRestore={transfers.restoreVersion}
      />
      <WorkspaceLayout
        controls={paneControls}
        instructions={
          <ErrorBoundary area="the instructions">
            <RoomReveal exercise={exercise} />
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
              errors={learnerErrors.errors}
              warnings={learnerErrors.warnings}
              {...editorLinks(links, playback.seekTo)}
            />
          </ErrorBoundary>
        }
        run={
          <ErrorBoundary area="the seeded run">
            <RunPane
              run={run}
              manifest={manifest}
              file={file}
              seed={seed}
              codeChanged={codeChanged}
              links={links}
              fullView={fullView}
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
                    <CounterexampleCallout
                      counterexample={cex}
                      lastLine={links.cexLastLine}
                      hints={links.cexHints}
                      loading={session.busy}
                      onSeek={playback.seekTo}
                    />
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
