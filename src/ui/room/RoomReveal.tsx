/**
 * What the instructor revealed to the room, on an attendee's page of that exercise: the hints or
 * the solution, from this browser's own copy of the exercise (only the command came over the
 * network). Nothing outside a room, or on another exercise.
 */
import type { ExerciseBundle } from '../../workshop/bundle';
import { RevealPanel } from '../presenter/RevealPanel';
import { useRoomStore } from './useRoomStore';

export function RoomReveal({ exercise }: { exercise: ExerciseBundle }) {
  const reveal = useRoomStore((s) =>
    s.credentials?.role === 'person' ? (s.control.reveal ?? null) : null,
  );
  if (!reveal || reveal.folder !== exercise.folder) return null;
  return (
    <div className="room-reveal" data-testid="room-reveal">
      <p className="callout callout-info">
        The instructor revealed {reveal.what === 'hints' ? 'the hints' : 'the solution'} to the
        room.
      </p>
      <RevealPanel exercise={exercise} what={reveal.what} />
    </div>
  );
}
