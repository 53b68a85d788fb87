/**
 * The instructor's controls on an exercise page (instructor mode only): reveal the hints or the
 * solution in the presenter windows, hide them again, or move every presenter window here.
 */
import { usePrefsStore } from '../shell/usePrefsStore';
import { broadcast } from './channel';

export function InstructorBar({ folder }: { folder: string }) {
  const instructor = usePrefsStore((s) => s.instructor);
  if (!instructor) return null;
  const button = 'button button-secondary button-small';
  return (
    <div className="instructor-bar" role="group" aria-label="Instructor: presenter windows">
      <strong>Presenter:</strong>
      <button type="button" className={button} onClick={() => broadcast({ type: 'goto', folder })}>
        Show this exercise
      </button>
      <button
        type="button"
        className={button}
        onClick={() => broadcast({ type: 'reveal', folder, what: 'hints' })}
      >
        Reveal hints
      </button>
      <button
        type="button"
        className={button}
        onClick={() => broadcast({ type: 'reveal', folder, what: 'solution' })}
      >
        Reveal solution
      </button>
      <button
        type="button"
        className={button}
        onClick={() => broadcast({ type: 'reveal', folder, what: null })}
      >
        Hide
      </button>
    </div>
  );
}
