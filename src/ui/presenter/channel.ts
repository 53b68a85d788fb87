/**
 * The presenter window's protocol over a same-origin BroadcastChannel. The main window (leader)
 * sends its live state whenever it changes, on load, and whenever a follower says hello; a
 * follower says hello on load. Either side can be reloaded: they find each other again.
 * Instructors also send `goto` (move every presenter window to an exercise) and `reveal`.
 */
export const PRESENTER_CHANNEL = 'rmw.presenter';

/** A messaging exercise's run, as the main window shows it. */
export interface RunLiveState {
  kind: 'run';
  folder: string;
  file: string;
  /** The code of the run. */
  code: string;
  /** The code in the leader's editor now (may be ahead of the run). */
  editorCode: string;
  settings: Record<string, string>;
  /** The run's choice labels and the cursor in it. */
  labels: string[];
  cursor: number;
  seed: number | null;
}

/** The model-checking lesson (exercise 18): the model in the editor and its last counterexample. */
export interface ModelLiveState {
  kind: 'model';
  folder: string;
  editorCode: string;
  /** The last check's counterexample: states[0] the initial state, one more per label. */
  trace: { labels: string[]; states: unknown[] } | null;
}

export type LiveState = RunLiveState | ModelLiveState;

export type Reveal = 'hints' | 'solution' | null;

export type PresenterMessage =
  | { type: 'hello' }
  | { type: 'state'; state: LiveState }
  | { type: 'goto'; folder: string }
  | { type: 'reveal'; folder: string; what: Reveal }
  | { type: 'here'; block: string | null };

export function openChannel(): BroadcastChannel | null {
  return typeof BroadcastChannel === 'function' ? new BroadcastChannel(PRESENTER_CHANNEL) : null;
}

/** Whether two states need a new run (not just a seek). */
export function sameRun(a: RunLiveState | null, b: RunLiveState): boolean {
  return (
    a !== null &&
    a.folder === b.folder &&
    a.code === b.code &&
    a.seed === b.seed &&
    JSON.stringify(a.settings) === JSON.stringify(b.settings) &&
    a.labels.length === b.labels.length &&
    a.labels.every((l, i) => l === b.labels[i])
  );
}

/** Sends one message on a short-lived channel (instructor actions). */
export function broadcast(message: PresenterMessage) {
  const ch = openChannel();
  if (!ch) return;
  ch.postMessage(message);
  ch.close();
}
