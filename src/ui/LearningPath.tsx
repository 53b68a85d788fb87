/** Home: the workshop agenda, one section per block, one link per exercise. */
import { use } from 'react';
import { getExercises } from './exercises';
import { toLearningPath } from './learningPath';
import type { PathItem } from './learningPath';
import { exerciseHash } from './routing';
import { statusOf } from './storage';
import type { ExerciseStatus } from './storage';
import { useProgressStore } from './useProgressStore';
import { useFocusOnNavigate } from './useFocusOnNavigate';
import { useRoomStore } from './room/useRoomStore';

export function LearningPath() {
  const blocks = toLearningPath(use(getExercises()));
  // In a room, the instructor may open the blocks one after another (src/ui/room).
  const open = useRoomStore((s) =>
    s.credentials?.role === 'person' ? (s.control.openBlocks ?? null) : null,
  );
  const heading = useFocusOnNavigate<HTMLHeadingElement>('path');
  return (
    <div className="path">
      <div className="path-intro">
        <h1 ref={heading} tabIndex={-1}>
          Learning path
        </h1>
        <p>
          Break and fix running messaging systems: every exercise runs a small system in your
          browser, with a seeded schedule you can replay.
        </p>
      </div>
      {blocks.length === 0 && <p className="notice">No exercises were found in exercises/.</p>}
      {blocks.map((block, i) => (
        <section
          key={block.block}
          className={open !== null && i >= open ? 'block block-locked' : 'block'}
          aria-labelledby={`block-${i}`}
        >
          <h2 id={`block-${i}`}>{block.block}</h2>
          {open !== null && i >= open ? (
            <p className="muted" data-testid="block-locked">
              Your instructor opens this block later ({block.items.length} exercises).
            </p>
          ) : (
            <ol className="exercise-list">
              {block.items.map((item) => (
                <li key={item.folder}>
                  <ExerciseLink item={item} />
                </li>
              ))}
            </ol>
          )}
        </section>
      ))}
    </div>
  );
}

const STATUS_LABEL: Record<ExerciseStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  passed: 'Passed',
};

function ExerciseLink({ item }: { item: PathItem }) {
  const status = useProgressStore((s) => statusOf(s.progress, item.folder));
  return (
    <a
      className={`exercise-card${item.kind === 'broken' ? ' exercise-card-broken' : ''}`}
      href={exerciseHash(item.folder)}
    >
      <span className="exercise-number" aria-hidden="true">
        {item.number}
      </span>
      <span className="exercise-text">
        <span className="exercise-title">
          <span className="visually-hidden">Exercise {item.number}: </span>
          {item.title}
          {item.kind === 'broken' ? (
            <span className="badge badge-broken">Broken</span>
          ) : (
            <span className={`badge badge-status badge-${status}`} data-testid="status">
              {STATUS_LABEL[status]}
            </span>
          )}
        </span>
        <span className="exercise-summary">{item.summary}</span>
      </span>
    </a>
  );
}
