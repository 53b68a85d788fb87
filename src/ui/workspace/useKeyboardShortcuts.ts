import { useEffect, useRef } from 'react';

export interface Shortcuts {
  step(): void;
  back(): void;
  forward(): void;
  check(): void;
}

/** Whether a key press belongs to a control (typing, buttons, the editor), not to the page. */
function isControl(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.closest(
      'input, textarea, select, button, a, summary, .cm-editor, [role="separator"]',
    ) !== null
  );
}

/** Page keys of the exercise page: space = step, ←/→ = scrub, C = check. */
export function useKeyboardShortcuts(shortcuts: Shortcuts) {
  const ref = useRef(shortcuts);
  useEffect(() => {
    ref.current = shortcuts;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented || isControl(e.target)) return;
      const s = ref.current;
      const action =
        e.key === ' '
          ? s.step
          : e.key === 'ArrowLeft'
            ? s.back
            : e.key === 'ArrowRight'
              ? s.forward
              : e.key === 'c' || e.key === 'C'
                ? s.check
                : null;
      if (!action) return;
      e.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
