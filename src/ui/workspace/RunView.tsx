/**
 * The run view: controls (Play with a seed, Pause, Step by choosing the next event, Back,
 * Forward, Reset, speed), the run summary and invariants at the cursor, the timeline (each step
 * offers the faults that could have happened there, and re-runs from it), and the world state.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { messagesInFlightAt } from '../../projections';
import type { EnabledChoice } from '../../workers/sessionProtocol';
import type { ExerciseManifest } from '../../sim';
import { SequenceDiagram } from '../diagram/SequenceDiagram';
import { usePrefsStore } from '../shell/usePrefsStore';
import { TimelineTable } from '../TimelineTable';
import { Tabs } from './Tabs';
import { ChoiceList } from './ChoiceList';
import { RunProblem } from './RunProblem';
import type { Session } from './useSession';
import { RunControls } from './RunControls';
import { RunDetails } from './RunDetails';
import { FaultMenu } from './FaultMenu';
import { FullViewBar } from './FullViewBar';
import { SPEEDS } from '../../machines/playbackMachine';
import type { Speed } from '../../machines/playbackMachine';

interface Props {
  session: Session;
  /**
   * The cursor to show: while the learner scrubs, where they asked to be (the world view follows
   * when the worker answers); otherwise the view's cursor.
   */
  cursor?: number;
  manifest: ExerciseManifest;
  /** A step to emphasise in the diagram (where a counterexample breaks the invariant). */
  highlightStep?: number;
  file: string;
  seed: number;
  playing: boolean;
  speed: Speed;
  codeChanged: boolean;
  onSpeed(speed: Speed): void;
  onPlay(seed: number): void;
  onPause(): void;
  onReset(): void;
  /** After a failure: run the seeded run again. */
  onRetry(): void;
  onStep(index: number): void;
  onSeek(cursor: number): void;
  onBranch(step: number, index: number): void;
  /** The step (1-based) of the diagram row under the pointer, null when none. */
  onHoverStep?(step: number | null): void;
  /** The run's full view (useFullView.ts); without it, no "Full view" button. */
  fullView?: { on: boolean; toggle(): void };
  /** What the full view says above the diagram (the counterexample's verdict), if anything. */
  fullViewBanner?: ReactNode;
}

export function RunView(props: Props) {
  const { session, file, seed, playing, speed, codeChanged } = props;
  const { view, busy, problem } = session;
  const projector = usePrefsStore((s) => s.projector);
  const [menu, setMenu] = useState<{ step: number; faults: EnabledChoice[] | null } | null>(null);
  const [runTab, setRunTab] = useState<'diagram' | 'timeline'>('diagram');

  useEffect(() => setMenu(null), [view?.events]);

  const openFaults = (step: number) => {
    if (menu?.step === step) return setMenu(null);
    setMenu({ step, faults: null });
    void session
      .faultsAt(step)
      .then((faults) => setMenu((m) => (m?.step === step ? { step, faults } : m)));
  };

  const pickFault = (index: number) => {
    const at = menu?.step;
    setMenu(null);
    if (at !== undefined) props.onBranch(at, index);
  };

  const cursor = props.cursor ?? view?.cursor ?? 0;
  // Messages enqueued or delivered by the step that led to the shown world travel along their
  // topology edge for about one step of Play.
  const { manifest } = props;
  const inFlight = useMemo(
    () =>
      view && {
        step: view.cursor,
        messages: messagesInFlightAt(view.events, view.cursor, manifest),
        durationMs: playing ? SPEEDS[speed] : SPEEDS.slow,
      },
    [view, manifest, playing, speed],
  );
  const seeking = session.pending === 'seek';
  const highlight = view?.branchStep ?? props.highlightStep;
  const length = view?.choices.length ?? 0;
  const full = props.fullView?.on === true;
  const canBack = !(busy && !seeking) && cursor > 0;
  const canForward = !(busy && !seeking) && cursor < length;
  const status = session.pending === 'play' ? `Running seed ${seed}…` : busy ? 'Working…' : '';
  // The step counter and the keys: in the tab row once there is a run (so the toolbar stays one
  // row), else in the toolbar.
  const runMeta = (
    <>
      <span className="muted step-counter" data-testid="cursor">
        Step {cursor} of {length}
      </span>
      <details className="key-help">
        <summary aria-label="Keys for the run" title="Keys for the run">
          ?
        </summary>
        <p className="key-help-popover">
          Keys: <kbd>space</kbd> step, <kbd>←</kbd>/<kbd>→</kbd> scrub, <kbd>K</kbd> play/pause,{' '}
          <kbd>C</kbd> check, <kbd>R</kbd> reset, <kbd>?</kbd> all keys.
        </p>
      </details>
    </>
  );
  return (
    <section
      className={full ? 'panel run is-full' : 'panel run'}
      aria-labelledby="run-title"
      aria-busy={busy}
    >
      <div className="run-stage">
        {full ? (
          <FullViewBar
            canBack={canBack}
            canForward={canForward}
            onBack={() => props.onSeek(cursor - 1)}
            onForward={() => props.onSeek(cursor + 1)}
            onLeave={props.fullView!.toggle}
            status={status}
          >
            {props.fullViewBanner}
          </FullViewBar>
        ) : (
          <div className="run-toolbar">
            <h2 id="run-title">Run</h2>
            <RunControls
              seed={seed}
              playing={playing}
              speed={speed}
              canBack={canBack}
              canForward={canForward}
              onPlay={props.onPlay}
              onPause={props.onPause}
              onBack={() => props.onSeek(cursor - 1)}
              onForward={() => props.onSeek(cursor + 1)}
              onReset={props.onReset}
              onSpeed={props.onSpeed}
              {...(props.fullView ? { onFullView: props.fullView.toggle } : {})}
            />
            {!view && runMeta}
            <p role="status" className="run-status">
              {status}
            </p>
          </div>
        )}
        {codeChanged && view && (
          <p className="callout callout-info callout-compact">
            Your code changed since this run started: press Reset or Play to run the new code.
          </p>
        )}
        {problem && <RunProblem problem={problem} onRetry={props.onRetry} />}
        {view?.stepError && (
          <RunProblem
            problem={{ type: 'learnerError', error: view.stepError }}
            onRetry={props.onReset}
          />
        )}
        {view && (
          <div className={busy ? 'run-main stale' : 'run-main'}>
            {!full && cursor === length && view.cursor === length && (
              <ChoiceList enabled={view.enabled} disabled={busy} onPick={props.onStep} />
            )}
            <Tabs<'diagram' | 'timeline'>
              label="Run view"
              className="run-tabs"
              extra={runMeta}
              selected={runTab}
              onSelect={setRunTab}
              tabs={[
                {
                  key: 'diagram',
                  label: 'Sequence diagram',
                  render: () => (
                    <div className="diagram-host">
                      {menu && (
                        <div className="callout fault-menu-callout">
                          <FaultMenu step={menu.step} faults={menu.faults} onPick={pickFault} />
                          <button
                            type="button"
                            className="button button-secondary button-small"
                            onClick={() => setMenu(null)}
                          >
                            Close
                          </button>
                        </div>
                      )}
                      <SequenceDiagram
                        events={view.events}
                        manifest={props.manifest}
                        cursor={cursor - 1}
                        large={projector}
                        fitHeight={full}
                        onCursor={(stepIndex) => props.onSeek(stepIndex + 1)}
                        onRowAction={({ step }) => openFaults(step)}
                        onHoverStep={(stepIndex) =>
                          props.onHoverStep?.(stepIndex === null ? null : stepIndex + 1)
                        }
                        {...(highlight !== undefined ? { highlightStep: highlight } : {})}
                      />
                    </div>
                  ),
                },
                {
                  key: 'timeline',
                  label: 'Timeline table',
                  render: () => (
                    <div className="timeline-host">
                      <TimelineTable
                        events={view.events}
                        seed={view.seed}
                        file={file}
                        cursor={cursor}
                        branchStep={view.branchStep}
                        onSeek={props.onSeek}
                        onFaults={openFaults}
                        faultMenu={
                          menu && {
                            step: menu.step,
                            content: (
                              <FaultMenu step={menu.step} faults={menu.faults} onPick={pickFault} />
                            ),
                          }
                        }
                      />
                    </div>
                  ),
                },
              ]}
            />
          </div>
        )}
      </div>
      {view && (
        <RunDetails
          view={view}
          stale={busy}
          manifest={props.manifest}
          {...(inFlight ? { inFlight } : {})}
        />
      )}
    </section>
  );
}
