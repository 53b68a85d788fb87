/**
 * The run's full view (key F, or the "Full view" button): the run pane takes the whole window, so
 * a mob at a projector sees a whole counterexample at once with labels of 18 px and up. Esc (or F,
 * or the button) leaves it. While it is on, `<html data-run-full>` lets the page's CSS lift the
 * pane's size containment, which would otherwise pin the fixed-position pane inside it.
 */
import { useCallback, useEffect, useState } from 'react';

export interface FullView {
  on: boolean;
  toggle(): void;
  leave(): void;
}

export function useFullView(): FullView {
  const [on, setOn] = useState(false);
  const toggle = useCallback(() => setOn((v) => !v), []);
  const leave = useCallback(() => setOn(false), []);
  useEffect(() => {
    if (!on) return;
    const root = document.documentElement;
    root.setAttribute('data-run-full', '');
    const onKey = (e: KeyboardEvent) => {
      // A dialog or a menu that took Escape keeps it.
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      setOn(false);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      root.removeAttribute('data-run-full');
      window.removeEventListener('keydown', onKey);
    };
  }, [on]);
  return { on, toggle, leave };
}
