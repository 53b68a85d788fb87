/**
 * An exercise's hints (its README's <details>, shown open) or its solution, as the instructor
 * reveals them: in the presenter window, and on every attendee's page of that exercise in a room.
 * Both come from the exercise bundle this browser already has: only the command travels.
 */
import type { ExerciseBundle } from '../../workshop/bundle';
import { toInstructionsHtml } from '../Instructions';
import type { Reveal } from './channel';

export function RevealPanel({
  exercise,
  what,
}: {
  exercise: ExerciseBundle;
  what: NonNullable<Reveal>;
}) {
  if (what === 'solution') {
    const file = exercise.manifest.files.solution;
    return (
      <section className="panel presenter-reveal" aria-labelledby="reveal-title">
        <h2 id="reveal-title">Solution</h2>
        <pre className="presenter-code" tabIndex={0}>
          {exercise.sources[file] ?? ''}
        </pre>
      </section>
    );
  }
  // Hints are the README's <details>, shown open.
  const html = toInstructionsHtml(exercise.readme).replace(/<details>/g, '<details open>');
  const hints = [...html.matchAll(/<details open>[\s\S]*?<\/details>/g)].map((m) => m[0]);
  return (
    <section className="panel presenter-reveal" aria-labelledby="reveal-title">
      <h2 id="reveal-title">Hints</h2>
      <div
        className="prose"
        dangerouslySetInnerHTML={{
          __html: hints.length ? hints.join('') : '<p>This exercise has no hints.</p>',
        }}
      />
    </section>
  );
}
