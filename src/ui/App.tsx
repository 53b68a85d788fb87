/** The app shell: one view per hash route, each behind its own error boundary. */
import { lazy, Suspense } from 'react';
import { createPortal } from 'react-dom';
import { ErrorBoundary } from './ErrorBoundary';
import { LearningPath } from './LearningPath';
import { PATH_HASH } from './routing';
import { useFocusOnNavigate } from './useFocusOnNavigate';
import { useHashRoute } from './useHashRoute';
import { useProgressStore } from './useProgressStore';
import { HeaderTools } from './shell/HeaderTools';
import { JoinView } from './room/JoinView';
import { useRoomPresence } from './room/useRoomPresence';

// The exercise page (markdown, sanitiser, run workflow) loads on first use: the path paints first.
const ExerciseView = lazy(() =>
  import('./ExerciseView').then((m) => ({ default: m.ExerciseView })),
);

/** Where the header's tools go: a slot in the static header of index.html. */
function headerSlot(): HTMLElement | null {
  const header = document.querySelector('.app-header');
  if (!header) return null;
  let slot = header.querySelector<HTMLElement>('.header-slot');
  if (!slot) {
    slot = document.createElement('div');
    slot.className = 'header-slot';
    header.append(slot);
  }
  return slot;
}

const PresenterView = lazy(() =>
  import('./presenter/PresenterView').then((m) => ({ default: m.PresenterView })),
);

const InstructorView = lazy(() =>
  import('./room/InstructorView').then((m) => ({ default: m.InstructorView })),
);

const AgendaView = lazy(() =>
  import('./agenda/AgendaView').then((m) => ({ default: m.AgendaView })),
);

export function App() {
  const route = useHashRoute();
  useRoomPresence(route.name === 'exercise' ? route.folder : null);
  const key =
    route.name === 'exercise' || route.name === 'shared'
      ? `${route.name}:${route.folder}`
      : route.name;
  const slot = headerSlot();

  return (
    <>
      {slot && createPortal(<HeaderTools />, slot)}
      <ProgressNotice />
      <ErrorBoundary key={key} area={route.name === 'exercise' ? 'the exercise page' : 'this page'}>
        <Suspense fallback={<p className="notice">Loading…</p>}>
          {route.name === 'path' && <LearningPath />}
          {route.name === 'exercise' && (
            <ExerciseView
              folder={route.folder}
              {...(route.seed !== undefined ? { seed: route.seed } : {})}
              share={route.share}
            />
          )}
          {route.name === 'shared' && (
            <ExerciseView folder={route.folder} share={route.share} readOnly ask={route.ask} />
          )}
          {route.name === 'present' && <PresenterView />}
          {route.name === 'agenda' && <AgendaView />}
          {route.name === 'room' && <InstructorView />}
          {route.name === 'join' && <JoinView server={route.server} room={route.room} />}
          {route.name === 'badUrl' && <BadUrl message={route.message} />}
        </Suspense>
      </ErrorBoundary>
    </>
  );
}

/** Damaged or outdated saved progress was recovered or reset: say so, never a blank page. */
function ProgressNotice() {
  const notice = useProgressStore((s) => s.notice);
  const damagedRaw = useProgressStore((s) => s.damagedRaw);
  const dismiss = useProgressStore((s) => s.dismissNotice);
  if (!notice) return null;
  const download = () => {
    if (damagedRaw === null) return;
    const url = URL.createObjectURL(new Blob([damagedRaw], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'workshop-progress-damaged.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <div className="callout callout-warn progress-notice" role="alert">
      <p>{notice}</p>
      {damagedRaw !== null && (
        <button type="button" className="button button-secondary button-small" onClick={download}>
          Download the stored text
        </button>
      )}
      <button type="button" className="button button-secondary button-small" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}

function BadUrl({ message }: { message: string }) {
  const heading = useFocusOnNavigate<HTMLHeadingElement>(message);
  return (
    <section className="panel" aria-labelledby="bad-url-title">
      <h1 id="bad-url-title" ref={heading} tabIndex={-1}>
        This link does not work
      </h1>
      <p>{message}</p>
      <p>
        <a href={PATH_HASH}>Back to the learning path</a>
      </p>
    </section>
  );
}
