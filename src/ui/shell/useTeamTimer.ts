/**
 * A team's mob timer across laptops: while this browser is in a room as a member of a team, its
 * mob timer (useMobStore.ts) and the team's document stay one: a change here is sent to the
 * team, a teammate's change replaces the timer here (a turn that ended there shows its banner and
 * sound here too). Each member's own clock runs the turn; laptops on NTP agree within a second
 * or two. Mounted once, in the header.
 */
import { useEffect } from 'react';
import { useRoomStore } from '../room/useRoomStore';
import { parseTimer } from './mobTimer';
import { setMobPublisher, useMobStore } from './useMobStore';

export function useTeamTimer(): void {
  const team = useRoomStore((s) => s.team);
  useEffect(() => {
    if (!team) return;
    const { connection, name } = team;
    const stop = connection.onTeamTimer((shared) =>
      useMobStore.getState().receive(parseTimer(shared)),
    );
    setMobPublisher((timer) => connection.setTeamTimer(timer), name);
    return () => {
      stop();
      setMobPublisher(null);
    };
  }, [team]);
}
