/**
 * The header's Room button: says whether this browser is in a room (and whether its hand is
 * up), and opens a modal dialog with RoomPanel (join, create, raise a hand, leave). A native
 * <dialog> with showModal(): Esc closes it, focus returns to the button.
 */
import { useEffect, useRef, useState } from 'react';
import { RoomPanel } from './RoomPanel';
import { useRoomStore } from './useRoomStore';

export function RoomButton() {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);
  const credentials = useRoomStore((s) => s.credentials);
  const link = useRoomStore((s) => s.link);
  const hand = useRoomStore((s) => s.status.hand === true);
  // Going to another page (the live view, a followed exercise) closes the dialog.
  useEffect(() => {
    const close = () => setOpen(false);
    window.addEventListener('hashchange', close);
    return () => window.removeEventListener('hashchange', close);
  }, []);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  const state = !credentials ? '' : link === 'connected' ? (hand ? ' ✋' : ' ●') : ' (offline)';
  return (
    <>
      <button
        type="button"
        className="header-button"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
        title={credentials ? `In room ${credentials.room}` : 'Join or run a workshop room'}
      >
        Room{state}
      </button>
      <dialog
        ref={ref}
        className="help-dialog room-dialog"
        aria-labelledby="room-dialog-title"
        onClose={() => setOpen(false)}
      >
        <h2 id="room-dialog-title">Workshop room</h2>
        {open && <RoomPanel />}
        <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
          Close
        </button>
      </dialog>
    </>
  );
}
