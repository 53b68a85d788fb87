/**
 * The playback machine (src/machines/playbackMachine.ts) on the page's session: seeks go to the
 * simulation worker, one at a time, and answer with where the run is. Key handlers read the
 * machine's and the session's newest state (`latest`), never a render behind.
 */
import { useMachine } from '@xstate/react';
import { useMemo, useRef } from 'react';
import { createPlaybackMachine } from '../../machines/playbackMachine';
import type { Position, ShownCounterexample, Speed } from '../../machines/playbackMachine';
import type { Session } from './useSession';

export interface Playback {
  playing: boolean;
  speed: Speed;
  /** The cursor the learner asked for while scrubbing (null otherwise). */
  target: number | null;
  counterexample: ShownCounterexample | null;
  /** The cursor moves count from: the target, else the worker's newest view. */
  base(): number;
  /** Is a seek going on (the learner scrubs)? */
  seeking(): boolean;
  seekTo(cursor: number): void;
  seekBy(delta: number): void;
  /** Plays from the run's current position. */
  play(): void;
  pause(): void;
  /** Stops moving before something else changes the run. */
  stop(): void;
  setSpeed(speed: Speed): void;
  showCounterexample(counterexample: ShownCounterexample): void;
  explain(explanation: string): void;
  clearCounterexample(): void;
}

export function usePlayback(session: Session): Playback {
  const sessionRef = useRef(session);
  sessionRef.current = session;
  const machine = useMemo(
    () =>
      createPlaybackMachine(async (cursor) => {
        const ok = await sessionRef.current.run({ op: 'seek', cursor });
        return { ok, ...positionOf(sessionRef.current) };
      }),
    [],
  );
  const [state, send, actor] = useMachine(machine);
  // Stable functions: effects and memoised children may depend on them.
  const actions = useMemo(() => {
    const latest = (): Position => positionOf(sessionRef.current);
    const hasRun = () => sessionRef.current.latest().view !== null;
    return {
      base: () => actor.getSnapshot().context.target ?? latest().cursor,
      seeking: () => actor.getSnapshot().matches({ motion: 'seeking' }),
      seekTo: (cursor: number) => {
        if (hasRun()) send({ type: 'SEEK_TO', cursor, latest: latest() });
      },
      seekBy: (delta: number) => {
        if (hasRun()) send({ type: 'SEEK_BY', delta, latest: latest() });
      },
      play: () => send({ type: 'PLAY', from: latest() }),
      pause: () => send({ type: 'PAUSE' }),
      stop: () => send({ type: 'STOP' }),
      setSpeed: (speed: Speed) => send({ type: 'SPEED', speed }),
      showCounterexample: (counterexample: ShownCounterexample) =>
        send({ type: 'SHOW_COUNTEREXAMPLE', counterexample }),
      explain: (explanation: string) => send({ type: 'EXPLAIN', explanation }),
      clearCounterexample: () => send({ type: 'CLEAR_COUNTEREXAMPLE' }),
    };
  }, [send, actor]);
  return {
    ...actions,
    playing: state.matches({ motion: 'playing' }),
    speed: state.context.speed,
    target: state.context.target,
    counterexample: state.context.counterexample,
  };
}

function positionOf(session: Session): Position {
  const view = session.latest().view;
  return { cursor: view?.cursor ?? 0, length: view?.choices.length ?? 0 };
}
