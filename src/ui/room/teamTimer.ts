/**
 * A team's mob timer across laptops: while an attendee in a team is in a room, this browser's
 * mob timer (src/ui/shell/useMobStore.ts) and the team's document stay one: a change here is
 * sent to the team, a teammate's change replaces the timer here (a turn that ended there shows
 * its banner and sound here too). Each member's own clock runs the turn; laptops on NTP agree
 * within a second or two.
 */
import type { RoomConnection } from '../../room/client';
import { parseTimer } from '../shell/mobTimer';
import { setMobPublisher, useMobStore } from '../shell/useMobStore';

/** Starts sharing; the function returned stops it. */
export function shareMobTimer(connection: RoomConnection, team: string): () => void {
  const stop = connection.onTeamTimer((shared) =>
    useMobStore.getState().receive(parseTimer(shared)),
  );
  setMobPublisher((timer) => connection.setTeamTimer(timer), team);
  return () => {
    stop();
    setMobPublisher(null);
  };
}
