/**
 * The presenter window (`#/present`): the run view big — sequence diagram and world — styled for
 * the projector, following the main window live over a BroadcastChannel (channel.ts). It runs
 * its own session in its own worker from the leader's code, labels and cursor, so it shows
 * exactly the same run. Instructors can reveal hints or the solution here, or move it to an
 * exercise.
 */
import { use, useEffect, useRef, useState } from 'react';
import { isMessaging, isModelChecking } from '../../workshop/bundle';
import type { ExerciseBundle, ModelCheckingBundle } from '../../workshop/bundle';
import { DEFAULT_MAX_STEPS } from '../../workers/sessionProtocol';
import { SequenceDiagram } from '../diagram/SequenceDiagram';
import { Topology } from '../diagram/Topology';
import { getExercises } from '../exercises';
import { toPathItem } from '../learningPath';
import { DEFAULT_SEED } from '../routing';
import { Invariants } from '../workspace/Invariants';
import { useSession } from '../workspace/useSession';
import { openChannel, sameRun } from './channel';
import { PresenterTimer } from './PresenterTimer';
import { RevealPanel } from './RevealPanel';
import type { LiveState, ModelLiveState, PresenterMessage, Reveal, RunLiveState } from './channel';
import { ModelTrace } from '../workspace/ModelTrace';

export function PresenterView() {
  const exercises = use(getExercises());
  const [live, setLive] = useState<LiveState | null>(null);
  const [reveal, setReveal] = useState<{ folder: string; what: Reveal } | null>(null);
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    const ch = openChannel();
    if (!ch) return;
    ch.onmessage = (e: MessageEvent<PresenterMessage>) => {
      const m = e.data;
      if (m?.type === 'state') {
        setConnected(true);
        setLive(m.state);
      } else if (m?.type === 'goto') {
        const ex = exercises.find((x) => x.folder === m.folder);
        if (ex && isModelChecking(ex)) {
          setLive({ kind: 'model', folder: ex.folder, editorCode: '', trace: null });
        } else if (ex && isMessaging(ex)) {
          const file = ex.manifest.files.starter;
          setLive({
            kind: 'run',
            folder: ex.folder,
            file,
            code: ex.sources[file] ?? '',
            editorCode: ex.sources[file] ?? '',
            settings: {},
            labels: [],
            cursor: -1,
            seed: DEFAULT_SEED,
          });
        }
      } else if (m?.type === 'reveal') setReveal({ folder: m.folder, what: m.what });
    };
    ch.postMessage({ type: 'hello' } satisfies PresenterMessage);
    return () => ch.close();
  }, [exercises]);

  const exercise = live ? exercises.find((e) => e.folder === live.folder) : undefined;
  if (live?.kind === 'model' && exercise && isModelChecking(exercise)) {
    return <PresenterModel exercise={exercise} live={live} />;
  }
  if (!live || live.kind !== 'run' || !exercise || !isMessaging(exercise)) {
    return (
      <section className="presenter presenter-waiting" aria-labelledby="presenter-title">
        <h1 id="presenter-title">Presenter view</h1>
        <p role="status" data-testid="presenter-status">
          {connected
            ? 'The main window is not on an exercise with a run.'
            : 'Waiting for the main window: open an exercise there.'}
        </p>
      </section>
    );
  }
  const shown = reveal?.folder === live.folder ? reveal.what : null;
  // One session per exercise: a run of one exercise is never drawn with another's lanes.
  return <PresenterRun key={live.folder} exercise={exercise} live={live} reveal={shown} />;
}

function PresenterRun({
  exercise,
  live,
  reveal,
}: {
  exercise: ExerciseBundle;
  live: RunLiveState;
  reveal: Reveal;
}) {
  const session = useSession();
  const opened = useRef<RunLiveState | null>(null);
  const { view } = session;

  useEffect(() => {
    const spec = {
      folder: live.folder,
      file: live.file,
      source: live.code,
      settings: live.settings,
    };
    if (live.cursor < 0) {
      // An instructor's jump: a seeded run of the starter.
      opened.current = live;
      const seed = live.seed ?? DEFAULT_SEED;
      void session.open(spec, { seed, play: { seed, maxSteps: DEFAULT_MAX_STEPS } });
    } else if (!sameRun(opened.current, live)) {
      opened.current = live;
      void session.open(spec, { labels: live.labels, cursor: live.cursor, seed: live.seed });
    } else if (session.view?.cursor !== live.cursor) {
      void session.run({ op: 'seek', cursor: live.cursor });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [live]);

  const cursor = view?.cursor ?? 0;
  const length = view?.choices.length ?? 0;
  return (
    <article className="presenter" aria-labelledby="presenter-title">
      <PresenterHeader exercise={exercise} where={`Step ${cursor} of ${length}`} />
      {reveal && <RevealPanel exercise={exercise} what={reveal} />}
      {view && (
        <div className="presenter-body">
          <div className="presenter-diagram">
            <SequenceDiagram
              events={view.events}
              manifest={exercise.manifest}
              cursor={cursor - 1}
              large
              onCursor={() => {}}
            />
          </div>
          <div className="presenter-world">
            <PresenterCode code={live.editorCode} />
            <Invariants invariants={view.invariants} quiescent={view.quiescent} />
            <div className="topology-host">
              <Topology manifest={exercise.manifest} world={view.world} />
            </div>
          </div>
        </div>
      )}
    </article>
  );
}

/** Exercise 18 on the projector: the model in the editor, and its last counterexample. */
function PresenterModel({
  exercise,
  live,
}: {
  exercise: ModelCheckingBundle;
  live: ModelLiveState;
}) {
  return (
    <article className="presenter" aria-labelledby="presenter-title">
      <PresenterHeader
        exercise={exercise}
        where={
          live.trace ? `Counterexample: ${live.trace.labels.length} steps` : 'No counterexample'
        }
      />
      <div className="presenter-body">
        <div className="presenter-diagram">
          {live.trace ? (
            <ModelTrace
              labels={live.trace.labels}
              states={live.trace.states}
              code={live.editorCode}
            />
          ) : (
            <p className="muted">
              Check the model in the main window: its counterexample shows here.
            </p>
          )}
        </div>
        <div className="presenter-world">
          <PresenterCode code={live.editorCode} />
        </div>
      </div>
    </article>
  );
}

/** The code in the main window's editor, big. */
function PresenterCode({ code }: { code: string }) {
  return (
    <pre className="presenter-code" aria-label="The code" data-testid="presenter-code" tabIndex={0}>
      {code}
    </pre>
  );
}

/** The exercise's number and title, and where the shown run is. */
function PresenterHeader({
  exercise,
  where,
}: {
  exercise: ExerciseBundle | ModelCheckingBundle;
  where: string;
}) {
  const item = toPathItem({ ...exercise, ok: true });
  return (
    <header className="presenter-header">
      <h1 id="presenter-title">
        {item.number}. {item.title}
      </h1>
      <p className="presenter-step" data-testid="presenter-cursor">
        {where}
      </p>
      <PresenterTimer folder={exercise.folder} />
    </header>
  );
}
