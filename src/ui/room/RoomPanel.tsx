/**
 * Joining or running a room, and this browser's place in it: the form to join (room server,
 * room code, name, team), the instructor's "create a room" (then the attendees' link and the
 * live view), and, once in, the connection's state, the raised hand and the way out. Shown by
 * the header's Room dialog and by a join link's page.
 */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { joinHash } from '../routing';
import { useRoomStore } from './useRoomStore';

const LINK_WORDS = {
  none: 'not connected',
  connecting: 'connecting…',
  connected: 'connected',
  disconnected: 'offline: your work is kept and sent when the server is back',
} as const;

export function RoomPanel({ server: serverAtStart = '', room: roomAtStart = '' }) {
  const credentials = useRoomStore((s) => s.credentials);
  if (!credentials) return <JoinOrCreate server={serverAtStart} room={roomAtStart} />;
  return credentials.role === 'instructor' ? <InstructorPlace /> : <AttendeePlace />;
}

function JoinOrCreate({ server: s0, room: r0 }: { server: string; room: string }) {
  const id = useId();
  const [server, setServer] = useState(
    s0 || `${window.location.protocol}//${window.location.hostname}:4444`,
  );
  const [room, setRoom] = useState(r0);
  const [name, setName] = useState('');
  const [team, setTeam] = useState('');
  const [key, setKey] = useState('');
  const { join, create, reopen, busy, error } = useRoomStore();
  const onJoin = (e: FormEvent) => {
    e.preventDefault();
    void join(server.trim(), room.trim(), name.trim(), team.trim());
  };
  return (
    <div className="room-panel">
      <form onSubmit={onJoin} className="room-form" aria-labelledby={`${id}-join`}>
        <h3 id={`${id}-join`}>Join a room</h3>
        <label htmlFor={`${id}-server`}>Room server</label>
        <input
          id={`${id}-server`}
          value={server}
          onChange={(e) => setServer(e.target.value)}
          required
        />
        <label htmlFor={`${id}-room`}>Room code</label>
        <input id={`${id}-room`} value={room} onChange={(e) => setRoom(e.target.value)} required />
        <label htmlFor={`${id}-name`}>Your name</label>
        <input
          id={`${id}-name`}
          value={name}
          maxLength={40}
          onChange={(e) => setName(e.target.value)}
          required
        />
        <label htmlFor={`${id}-team`}>Team (optional)</label>
        <input
          id={`${id}-team`}
          value={team}
          maxLength={40}
          onChange={(e) => setTeam(e.target.value)}
        />
        <p className="muted">
          The room sees your name, team, exercise, verdicts and raised hand. Your code stays on this
          laptop.
        </p>
        <button type="submit" className="button" disabled={busy}>
          Join
        </button>
      </form>
      <div className="room-form">
        <h3>Run a room (instructor)</h3>
        <p className="muted">
          Start the server with <code>npm run room</code>, then create a room on it: you get the
          link for attendees and the live view.
        </p>
        <button
          type="button"
          className="button button-secondary"
          disabled={busy}
          onClick={() => void create(server.trim())}
        >
          Create a room on this server
        </button>
        <label htmlFor={`${id}-key`}>Or open a room you run, with its instructor key</label>
        <input id={`${id}-key`} value={key} onChange={(e) => setKey(e.target.value)} />
        <button
          type="button"
          className="button button-secondary"
          disabled={busy || !key.trim() || !room.trim()}
          onClick={() => reopen(server.trim(), room.trim(), key.trim())}
        >
          Open the room (room code above)
        </button>
      </div>
      {error && (
        <p className="callout callout-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** The connection's state and what went wrong last, as the room panels and the live view show it. */
export function RoomLinkStatus() {
  const link = useRoomStore((s) => s.link);
  const error = useRoomStore((s) => s.error);
  return (
    <>
      <p role="status" data-testid="room-link">
        Room server: {LINK_WORDS[link]}
      </p>
      {error && (
        <p className="callout callout-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

function AttendeePlace() {
  const credentials = useRoomStore((s) => s.credentials);
  const hand = useRoomStore((s) => s.status.hand === true);
  const { setHand, leave } = useRoomStore();
  if (credentials?.role !== 'person') return null;
  return (
    <div className="room-panel">
      <p>
        In room <code>{credentials.room}</code> as <strong>{credentials.name}</strong>
        {credentials.team ? ` (team ${credentials.team})` : ''}.
      </p>
      <RoomLinkStatus />
      <div className="toolbar">
        <button type="button" className="button" aria-pressed={hand} onClick={() => setHand(!hand)}>
          {hand ? 'Lower my hand' : 'Raise my hand'}
        </button>
        <button type="button" className="button button-secondary" onClick={leave}>
          Leave the room
        </button>
      </div>
    </div>
  );
}

function InstructorPlace() {
  const credentials = useRoomStore((s) => s.credentials);
  const leave = useRoomStore((s) => s.leave);
  if (credentials?.role !== 'instructor') return null;
  const link = `${window.location.origin}${window.location.pathname}${joinHash(credentials.server, credentials.room)}`;
  return (
    <div className="room-panel">
      <p>
        You run room <code data-testid="room-code">{credentials.room}</code>. Attendees join with
        this link:
      </p>
      <input
        className="share-url"
        readOnly
        value={link}
        aria-label="Attendees' link"
        data-testid="room-join-link"
        onFocus={(e) => e.target.select()}
      />
      <p>
        Your instructor key (keep it to yourself; with it, any browser can open this room's live
        view): <code data-testid="room-key">{credentials.key}</code>
      </p>
      <RoomLinkStatus />
      <div className="toolbar">
        <a className="button" href="#/room">
          Open the live view
        </a>
        <button type="button" className="button button-secondary" onClick={leave}>
          Leave the room
        </button>
      </div>
    </div>
  );
}
