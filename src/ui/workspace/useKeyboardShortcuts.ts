import { useEffect, useRef } from 'react';
import { shortcutFor } from '../shell/shortcuts';
import type { ShortcutId } from '../shell/shortcuts';

export interface Shortcuts {
  step(): void;
  back(): void;
  forward(): void;
  check(): void;
  playPause(): void;
  reset(): void;
  /** F: the run's full view on / off. */
  fullView(): void;
  /** Keys 1-4: the pane at that position. */
  pane(position: 1 | 2 | 3 | 4): void;
}

const PAGE_KEYS: readonly ShortcutId[] = [
  'step',
  'back',
  'forward',
  'check',
  'playPause',
  'reset',
  'fullView',
  'pane1',
  'pane2',
  'pane3',
  'pane4',
];

/**
 * Page keys of the exercise page (space = step, ←/→ = scrub, K = play/pause, C = check,
 * R = reset, 1-4 = panes): see shell/shortcuts.ts for when a key is left alone.
 */
export function useKeyboardShortcuts(shortcuts: Shortcuts) {
  const ref = useRef(shortcuts);
  useEffect(() => {
    ref.current = shortcuts;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const id = shortcutFor(e, PAGE_KEYS);
      if (!id) return;
      e.preventDefault();
      const s = ref.current;
      switch (id) {
        case 'pane1':
          return s.pane(1);
        case 'pane2':
          return s.pane(2);
        case 'pane3':
          return s.pane(3);
        case 'pane4':
          return s.pane(4);
        case 'step':
        case 'back':
        case 'forward':
        case 'check':
        case 'playPause':
        case 'reset':
        case 'fullView':
          return s[id]();
        default:
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
