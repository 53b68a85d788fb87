/**
 * Every keyboard shortcut of the app, as data: the `?` dialog lists them and the handlers match
 * keys through `shortcutFor`. None fires while the user types (editor, inputs), when another
 * handler already took the key (`defaultPrevented`, e.g. the diagram's arrow keys), or with
 * Ctrl / Alt / Meta. Space and the arrows also leave buttons, links and sliders alone.
 */
export type ShortcutId =
  | 'step'
  | 'back'
  | 'forward'
  | 'playPause'
  | 'check'
  | 'reset'
  | 'fullView'
  | 'nextExercise'
  | 'previousExercise'
  | 'pane1'
  | 'pane2'
  | 'pane3'
  | 'pane4'
  | 'projector'
  | 'theme'
  | 'mobTimer'
  | 'help';

export interface Shortcut {
  id: ShortcutId;
  /** `KeyboardEvent.key` values that trigger it. */
  keys: readonly string[];
  /** How the key is shown. */
  label: string;
  description: string;
  group: 'Run' | 'Exercises and panes' | 'Room';
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'step', keys: [' '], label: 'Space', description: 'Step: the next event', group: 'Run' },
  { id: 'back', keys: ['ArrowLeft'], label: '←', description: 'Back one step', group: 'Run' },
  {
    id: 'forward',
    keys: ['ArrowRight'],
    label: '→',
    description: 'Forward one step',
    group: 'Run',
  },
  { id: 'playPause', keys: ['k', 'K'], label: 'K', description: 'Play / pause', group: 'Run' },
  { id: 'check', keys: ['c', 'C'], label: 'C', description: 'Check exhaustively', group: 'Run' },
  { id: 'reset', keys: ['r', 'R'], label: 'R', description: 'Reset the run', group: 'Run' },
  {
    id: 'fullView',
    keys: ['f', 'F'],
    label: 'F',
    description: 'Full view of the run on / off (Esc leaves it)',
    group: 'Run',
  },
  {
    id: 'nextExercise',
    keys: [']'],
    label: ']',
    description: 'Next exercise',
    group: 'Exercises and panes',
  },
  {
    id: 'previousExercise',
    keys: ['['],
    label: '[',
    description: 'Previous exercise',
    group: 'Exercises and panes',
  },
  {
    id: 'pane1',
    keys: ['1'],
    label: '1',
    description: 'Instructions: focus (press again to collapse or expand)',
    group: 'Exercises and panes',
  },
  {
    id: 'pane2',
    keys: ['2'],
    label: '2',
    description: 'Editor: focus (press again to collapse or expand)',
    group: 'Exercises and panes',
  },
  {
    id: 'pane3',
    keys: ['3'],
    label: '3',
    description: 'Run: focus (press again to collapse or expand)',
    group: 'Exercises and panes',
  },
  {
    id: 'pane4',
    keys: ['4'],
    label: '4',
    description: 'Checker: focus (press again to collapse or expand)',
    group: 'Exercises and panes',
  },
  {
    id: 'projector',
    keys: ['p', 'P'],
    label: 'P',
    description: 'Projector mode on / off',
    group: 'Room',
  },
  { id: 'theme', keys: ['t', 'T'], label: 'T', description: 'Light / dark theme', group: 'Room' },
  {
    id: 'mobTimer',
    keys: ['m', 'M'],
    label: 'M',
    description: 'Mob timer: start / pause',
    group: 'Room',
  },
  { id: 'help', keys: ['?'], label: '?', description: 'Show this list', group: 'Room' },
];

/** Keys that also mean something to buttons, links, sliders and rows. */
const CONTROL_KEYS = new Set([' ', 'ArrowLeft', 'ArrowRight', 'Enter']);

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, .cm-editor') !== null;
}

function isControl(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    isTyping(target) ||
    target.closest('button, a, summary, [role="separator"], [role="row"], [role="tab"]') !== null
  );
}

export interface KeyLike {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  defaultPrevented: boolean;
  target: EventTarget | null;
}

/** The shortcut a key press means here, or null when it belongs to something else. */
export function shortcutFor(e: KeyLike, among: readonly ShortcutId[]): ShortcutId | null {
  if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return null;
  if (isTyping(e.target)) return null;
  if (CONTROL_KEYS.has(e.key) && isControl(e.target)) return null;
  const found = SHORTCUTS.find((s) => s.keys.includes(e.key) && among.includes(s.id));
  return found ? found.id : null;
}
