/** Publishes the exercise this page shows to the room (attendees only; nothing without a room). */
import { useEffect } from 'react';
import { useRoomStore } from './useRoomStore';

export function useRoomPresence(folder: string | null) {
  const attendee = useRoomStore((s) => s.credentials?.role === 'person');
  const setExercise = useRoomStore((s) => s.setExercise);
  useEffect(() => {
    if (attendee) setExercise(folder);
  }, [attendee, folder, setExercise]);
}
