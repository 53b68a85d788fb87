/**
 * On an attendee's exercise page in a room: "Share with the instructor" puts this run (its code,
 * settings and steps, as a share link carries them) in the attendee's status, for the
 * instructor to open if they choose. Nothing is shared until the attendee presses it.
 */
import { useState } from 'react';
import { useRoomStore } from './useRoomStore';

export function RoomShareButton({
  folder,
  makeShareUrl,
}: {
  folder: string;
  makeShareUrl(): string;
}) {
  const attendee = useRoomStore((s) => s.credentials?.role === 'person');
  const share = useRoomStore((s) => s.share);
  const [said, setSaid] = useState('');
  if (!attendee) return null;
  return (
    <>
      <button
        type="button"
        className="quiet-button"
        onClick={() => {
          const payload = /[?&]share=([^&]*)/.exec(makeShareUrl())?.[1] ?? '';
          setSaid(
            share(folder, payload)
              ? 'Shared with the instructor.'
              : 'This run is too large to share through the room: send its share link instead.',
          );
        }}
      >
        Share with the instructor
      </button>
      <span role="status" className="muted">
        {said}
      </span>
    </>
  );
}
