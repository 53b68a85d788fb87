/** An attendee's join link (`#/join?server=…&room=…`): the join form, server and room filled in. */
import { RoomPanel } from './RoomPanel';
import { PATH_HASH } from '../routing';
import { useRoomStore } from './useRoomStore';

export function JoinView({ server, room }: { server: string; room: string }) {
  const joined = useRoomStore((s) => s.credentials !== null);
  return (
    <section className="panel join-view" aria-labelledby="join-title">
      <h1 id="join-title">Join the workshop room</h1>
      <RoomPanel server={server} room={room} />
      {joined && (
        <p>
          <a className="button" href={PATH_HASH}>
            Go to the learning path
          </a>
        </p>
      )}
    </section>
  );
}
