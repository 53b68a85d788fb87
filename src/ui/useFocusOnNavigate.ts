import { useEffect, useRef } from 'react';

let firstView = true;

/**
 * Moves focus to a view's heading when the user navigated to it (screen readers then announce
 * the new page), but not on the first page load, where focus stays at the top of the document.
 */
export function useFocusOnNavigate<T extends HTMLElement>(key: string) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (firstView) {
      firstView = false;
      return;
    }
    ref.current?.focus();
    window.scrollTo(0, 0);
  }, [key]);
  return ref;
}
