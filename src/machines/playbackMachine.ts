/**
 * Playback of the exercise page's run: which step is shown, and how it moves.
 *
 * Two regions run side by side:
 * - `motion`: `idle` (a run shown at its cursor), `playing` (one step per tick of the chosen
 *   speed, until the end), `seeking` (the learner scrubs: moves accumulate on a target cursor,
 *   each ← / → counting from the target, not from the last view the worker sent; one seek at a
 *   time goes to it, and a stale answer never moves the cursor back).
 * - `shown`: `run` (an ordinary run) or `counterexample` (the checker's shortest violating run,
 *   with its invariant and, once known, the words that explain it).
 *
 * The seek itself is injected (`seek`: the simulation worker's session in the app, a stub in
 * tests) and answers with where the run is now. Events that start something else (a new run, a
 * step, a branch) send STOP first, so nothing plays or seeks underneath them.
 */
import { assign, fromPromise, setup } from 'xstate';

/** Milliseconds per step while playing. */
export const SPEEDS = { slow: 700, normal: 300, fast: 80 } as const;
export type Speed = keyof typeof SPEEDS;

/** Where the run is: the step shown (0 = before the first) and how many steps it has. */
export interface Position {
  cursor: number;
  length: number;
}

/** A seek's answer: whether the worker showed a view, and the position after it. */
export interface SeekAnswer extends Position {
  ok: boolean;
}

export type SeekFn = (cursor: number) => Promise<SeekAnswer>;

export interface ShownCounterexample {
  invariant: string;
  /** The run's choice labels (its length is the counterexample's). */
  labels: string[];
  /** The invariant's own words on the violating state (null until known). */
  explanation: string | null;
}

interface PlaybackContext {
  speed: Speed;
  /** The cursor the learner asked for while seeking (null otherwise). */
  target: number | null;
  /** The position as last known (from the page or a seek's answer). */
  position: Position;
  counterexample: ShownCounterexample | null;
}

export type PlaybackEvent =
  /** Start playing from `from` (the page has put the run there). */
  | { type: 'PLAY'; from: Position }
  | { type: 'PAUSE' }
  /** Stop moving at once (something else is about to change the run). */
  | { type: 'STOP' }
  /** Show step `cursor`; `latest` is the worker's newest position (maybe not rendered yet). */
  | { type: 'SEEK_TO'; cursor: number; latest: Position }
  /** Move `delta` steps from the target, else from `latest`. */
  | { type: 'SEEK_BY'; delta: number; latest: Position }
  | { type: 'SPEED'; speed: Speed }
  | { type: 'SHOW_COUNTEREXAMPLE'; counterexample: ShownCounterexample }
  /** The words that explain the shown counterexample (kept only while there are none). */
  | { type: 'EXPLAIN'; explanation: string }
  /** An ordinary run is shown again. */
  | { type: 'CLEAR_COUNTEREXAMPLE' };

const clamp = (cursor: number, length: number) => Math.max(0, Math.min(cursor, length));

/** The cursor a SEEK event asks for, or null when it would not move. */
function wantedCursor(context: PlaybackContext, event: PlaybackEvent): number | null {
  if (event.type !== 'SEEK_TO' && event.type !== 'SEEK_BY') return null;
  const base = context.target ?? event.latest.cursor;
  const raw = event.type === 'SEEK_TO' ? event.cursor : base + event.delta;
  const next = clamp(raw, event.latest.length);
  return next === base ? null : next;
}

export function createPlaybackMachine(seek: SeekFn) {
  return setup({
    types: {} as { context: PlaybackContext; events: PlaybackEvent },
    actors: {
      seek: fromPromise<SeekAnswer & { want: number }, number>(async ({ input }) => ({
        ...(await seek(input)),
        want: input,
      })),
    },
    delays: { tick: ({ context }) => SPEEDS[context.speed] },
    guards: {
      moves: ({ context, event }) => wantedCursor(context, event) !== null,
      atEnd: ({ context }) => context.position.cursor >= context.position.length,
    },
    actions: {
      aim: assign({
        target: ({ context, event }) => wantedCursor(context, event) ?? context.target,
      }),
      forgetTarget: assign({ target: null }),
    },
  }).createMachine({
    id: 'playback',
    type: 'parallel',
    context: {
      speed: 'fast',
      target: null,
      position: { cursor: 0, length: 0 },
      counterexample: null,
    },
    on: { SPEED: { actions: assign({ speed: ({ event }) => event.speed }) } },
    states: {
      motion: {
        initial: 'idle',
        on: {
          STOP: { target: '.idle', actions: 'forgetTarget' },
          SHOW_COUNTEREXAMPLE: { target: '.idle', actions: 'forgetTarget' },
          PLAY: {
            target: '.playing',
            actions: ['forgetTarget', assign({ position: ({ event }) => event.from })],
          },
        },
        states: {
          idle: {
            on: {
              SEEK_TO: { guard: 'moves', target: 'seeking', actions: 'aim' },
              SEEK_BY: { guard: 'moves', target: 'seeking', actions: 'aim' },
            },
          },
          playing: {
            initial: 'waiting',
            on: {
              PAUSE: 'idle',
              // A seek pauses playback, even one that goes nowhere.
              SEEK_TO: [{ guard: 'moves', target: 'seeking', actions: 'aim' }, { target: 'idle' }],
              SEEK_BY: [{ guard: 'moves', target: 'seeking', actions: 'aim' }, { target: 'idle' }],
            },
            states: {
              waiting: {
                always: { guard: 'atEnd', target: '#playback.motion.idle' },
                after: { tick: 'advancing' },
              },
              advancing: {
                invoke: {
                  src: 'seek',
                  input: ({ context }) => context.position.cursor + 1,
                  onDone: [
                    {
                      guard: ({ event }) => !event.output.ok,
                      target: '#playback.motion.idle',
                    },
                    {
                      target: 'waiting',
                      actions: assign({
                        position: ({ event }) => ({
                          cursor: event.output.cursor,
                          length: event.output.length,
                        }),
                      }),
                    },
                  ],
                  onError: '#playback.motion.idle',
                },
              },
            },
          },
          seeking: {
            invoke: {
              src: 'seek',
              input: ({ context }) => context.target!,
              onDone: [
                {
                  // Arrived (or the worker could not show it): the target is let go.
                  guard: ({ context, event }) =>
                    !event.output.ok || context.target === event.output.want,
                  target: 'idle',
                  actions: 'forgetTarget',
                },
                // The learner moved on meanwhile: go on to the new target.
                { target: 'seeking', reenter: true },
              ],
              onError: { target: 'idle', actions: 'forgetTarget' },
            },
            on: {
              SEEK_TO: { guard: 'moves', actions: 'aim' },
              SEEK_BY: { guard: 'moves', actions: 'aim' },
            },
          },
        },
      },
      shown: {
        initial: 'run',
        states: {
          run: {},
          counterexample: {
            on: {
              EXPLAIN: {
                guard: ({ context }) => context.counterexample?.explanation === null,
                actions: assign({
                  counterexample: ({ context, event }) => ({
                    ...context.counterexample!,
                    explanation: event.explanation,
                  }),
                }),
              },
              CLEAR_COUNTEREXAMPLE: {
                target: 'run',
                actions: assign({ counterexample: null }),
              },
            },
          },
        },
        on: {
          SHOW_COUNTEREXAMPLE: {
            target: '.counterexample',
            actions: assign({ counterexample: ({ event }) => event.counterexample }),
          },
        },
      },
    },
  });
}
