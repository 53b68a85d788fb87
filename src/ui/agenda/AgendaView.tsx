/**
 * The agenda (`#/agenda`): the days of exercises/agenda.json, block by block with times, talks
 * and exercises (with the learner's status). The instructor's "we are here" marker highlights
 * the room's block in every window; in instructor mode each block can be marked and each
 * exercise sent to the presenter windows.
 */
import { use, useEffect, useState } from 'react';
import agendaText from '../../../exercises/agenda.json?raw';
import { getExercises } from '../exercises';
import { toPathItem } from '../learningPath';
import { broadcast, openChannel } from '../presenter/channel';
import type { PresenterMessage } from '../presenter/channel';
import { exerciseHash } from '../routing';
import { usePrefsStore } from '../shell/usePrefsStore';
import { statusOf } from '../storage';
import { useFocusOnNavigate } from '../useFocusOnNavigate';
import { useProgressStore } from '../useProgressStore';
import { endOf, parseAgenda } from './agenda';

const HERE_KEY = 'rmw.agenda.here';

function readHere(): string | null {
  try {
    return window.localStorage.getItem(HERE_KEY);
  } catch {
    return null;
  }
}

/** The room's block: remembered, and shared with other windows. */
function useHere(): [string | null, (id: string | null) => void] {
  const [here, setHere] = useState(readHere);
  useEffect(() => {
    const onStorage = (e: StorageEvent) => e.key === HERE_KEY && setHere(e.newValue);
    const ch = openChannel();
    if (ch)
      ch.onmessage = (e: MessageEvent<PresenterMessage>) => {
        if (e.data?.type === 'here') setHere(e.data.block);
      };
    window.addEventListener('storage', onStorage);
    return () => {
      window.removeEventListener('storage', onStorage);
      ch?.close();
    };
  }, []);
  const set = (id: string | null) => {
    setHere(id);
    try {
      if (id === null) window.localStorage.removeItem(HERE_KEY);
      else window.localStorage.setItem(HERE_KEY, id);
    } catch {
      // Not remembered.
    }
    broadcast({ type: 'here', block: id });
  };
  return [here, set];
}

export function AgendaView() {
  const exercises = use(getExercises());
  const heading = useFocusOnNavigate<HTMLHeadingElement>('agenda');
  const instructor = usePrefsStore((s) => s.instructor);
  const progress = useProgressStore((s) => s.progress);
  const [here, setHere] = useHere();
  const parsed = parseAgenda(
    agendaText,
    exercises.map((e) => e.folder),
  );
  if (!parsed.ok) {
    return (
      <section className="panel panel-error" aria-labelledby="agenda-title">
        <h1 id="agenda-title" ref={heading} tabIndex={-1}>
          The agenda could not be read
        </h1>
        <p>The instructor can fix exercises/agenda.json:</p>
        <ul data-testid="agenda-errors">
          {parsed.errors.map((e) => (
            <li key={e}>
              <code>{e}</code>
            </li>
          ))}
        </ul>
      </section>
    );
  }
  const { agenda } = parsed;
  return (
    <div className="agenda">
      <h1 ref={heading} tabIndex={-1}>
        {agenda.title}
      </h1>
      {agenda.days.map((day, d) => (
        <section key={d} className="agenda-day" aria-labelledby={`day-${d}`}>
          <h2 id={`day-${d}`}>{day.title}</h2>
          <ol className="agenda-blocks">
            {day.blocks.map((block) => {
              const current = block.id === here;
              return (
                <li
                  key={block.id}
                  className={`agenda-block${current ? ' is-here' : ''}`}
                  aria-current={current ? 'step' : undefined}
                  data-testid={`block-${block.id}`}
                >
                  <div className="agenda-time">
                    {block.start}–{endOf(block)}
                    <span className="muted"> · {block.durationMinutes} min</span>
                  </div>
                  <h3>
                    {block.title}
                    {current && <span className="badge badge-here">We are here</span>}
                  </h3>
                  {block.talks.length > 0 && (
                    <p className="agenda-talks">
                      <span className="muted">Talks: </span>
                      {block.talks.join(' · ')}
                    </p>
                  )}
                  <ul className="agenda-exercises">
                    {block.exercises.map((folder) => {
                      const ex = exercises.find((e) => e.folder === folder)!;
                      const item = toPathItem(ex);
                      return (
                        <li key={folder}>
                          <a href={exerciseHash(folder)}>
                            {item.number}. {item.title}
                          </a>{' '}
                          <span className="muted">
                            ({statusOf(progress, folder).replace('-', ' ')})
                          </span>
                          {instructor && (
                            <button
                              type="button"
                              className="button button-secondary button-small"
                              onClick={() => broadcast({ type: 'goto', folder })}
                            >
                              Show in presenter
                              <span className="visually-hidden">: {item.title}</span>
                            </button>
                          )}
                        </li>
                      );
                    })}
                  </ul>
                  {instructor && (
                    <button
                      type="button"
                      className="button button-small"
                      aria-pressed={current}
                      onClick={() => setHere(current ? null : block.id)}
                    >
                      We are here<span className="visually-hidden">: {block.title}</span>
                    </button>
                  )}
                </li>
              );
            })}
          </ol>
        </section>
      ))}
    </div>
  );
}
