/**
 * A run someone shared (an attendee, through the room), shown read-only: their code in a
 * read-only editor, their run in the run pane (scrub, step, branch, full view: nothing is kept),
 * and the exercise's instructions. The viewer's own code, settings, versions and progress for
 * the exercise are never read or written here. "Open in my editor" is the ordinary share link,
 * which keeps the viewer's code as a version before it loads theirs. The shared code runs only in
 * the simulation worker's sandbox, like any share link, and only once the viewer chose it: their
 * click on the link, or, when the page came by itself (the instructor's follow-me), their answer
 * to SharedRunGate.
 */
import { useCallback, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ExerciseBundle } from '../../workshop/bundle';
import { ErrorBoundary } from '../ErrorBoundary';
import { Instructions } from '../Instructions';
import { shareHash } from '../routing';
import type { SharedRun } from '../shareLink';
import { CodeEditor } from './CodeEditor';
import { CounterexampleCallout } from './CounterexampleCallout';
import { PANE_ORDER, WorkspaceLayout } from './Layout';
import type { PaneControls } from './Layout';
import { RunPane } from './RunPane';
import { editorLinks, useCodeRunLinks } from './useCodeRunLinks';
import { useExerciseRun, useRunShortcuts } from './useExerciseRun';
import type { ExerciseRun } from './useExerciseRun';
import { useFullView } from './useFullView';

interface Props {
  exercise: ExerciseBundle;
  share: SharedRun;
  seed: number;
}

const NO_ERRORS: never[] = [];
const ignore = () => {};

/** Asks before the shared code runs (`ask`); otherwise shows the run at once. */
export function SharedRunGate({ ask, children }: { ask: boolean; children: ReactNode }) {
  const [accepted, setAccepted] = useState(!ask);
  if (accepted) return children;
  return (
    <section className="panel" aria-labelledby="shared-gate-title" data-testid="shared-run-gate">
      <h2 id="shared-gate-title">The instructor is showing the room a run</h2>
      <p>
        Someone shared this run: it holds their code. It runs only here, in the sandbox, shown
        read-only; your own code is not touched.
      </p>
      <button type="button" className="button" autoFocus onClick={() => setAccepted(true)}>
        Show the run
      </button>
    </section>
  );
}

export function SharedRunWorkspace({ exercise, share, seed }: Props) {
  const { folder, manifest } = exercise;
  const file = manifest.files.starter;
  const starter = exercise.sources[file] ?? '';
  const paneControls = useRef<PaneControls | null>(null);
  const code = useCallback(() => share.code, [share]);
  const opened = useExerciseRun({
    folder,
    file,
    seed,
    share,
    settings: share.settings,
    code,
    snapshot: ignore,
  });
  // Play replays their run from its first step (another seed would leave this page).
  const run: ExerciseRun = {
    ...opened,
    playSeed: async () => {
      if (await opened.session.run({ op: 'seek', cursor: 0 })) opened.playback.play();
    },
  };
  const { session, playback } = run;
  const view = session.view;
  const cex = playback.counterexample;
  const links = useCodeRunLinks(view?.choices ?? null, run.cursorNow, false, cex, manifest.hints);
  const fullView = useFullView();
  useRunShortcuts(run, seed, {
    check: ignore,
    fullView: fullView.toggle,
    pane: (n) => paneControls.current?.togglePane(PANE_ORDER[n - 1]!),
  });

  return (
    <WorkspaceLayout
      controls={paneControls}
      instructions={
        <ErrorBoundary area="the instructions">
          <Instructions readme={exercise.readme} />
        </ErrorBoundary>
      }
      editor={
        <ErrorBoundary area="the shared code">
          <CodeEditor
            file={file}
            code={share.code}
            starter={starter}
            onChange={ignore}
            errors={NO_ERRORS}
            {...editorLinks(links, playback.seekTo)}
            readOnly={{ heading: 'Their code' }}
          />
        </ErrorBoundary>
      }
      run={
        <ErrorBoundary area="the shared run">
          <RunPane
            run={run}
            manifest={manifest}
            file={file}
            seed={seed}
            codeChanged={false}
            links={links}
            fullView={fullView}
          />
        </ErrorBoundary>
      }
      side={
        <section className="panel" aria-labelledby="shared-run-title" data-testid="shared-run">
          <h2 id="shared-run-title">A shared run</h2>
          <p>
            Someone shared this run with you: their code and the steps they took. It is shown
            read-only; your own code for this exercise is untouched.
          </p>
          {cex && (
            <CounterexampleCallout
              counterexample={cex}
              lastLine={links.cexLastLine}
              hints={links.cexHints}
              loading={session.busy}
              onSeek={playback.seekTo}
            />
          )}
          <p>
            <a className="button button-secondary button-small" href={shareHash(folder, share)}>
              Open in my editor
            </a>{' '}
            (your code is kept as a version first)
          </p>
        </section>
      }
    />
  );
}
