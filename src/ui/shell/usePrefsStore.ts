/**
 * Preferences as a zustand store, persisted (prefs.ts) and applied to <html> as
 * `data-theme="light|dark"` and `data-projector` so plain CSS can restyle the whole page.
 */
import { create } from 'zustand';
import { DEFAULT_PREFS, PREFS_KEY, parsePrefs, resolveTheme } from './prefs';
import type { Prefs, ThemeChoice } from './prefs';

interface PrefsState extends Prefs {
  systemDark: boolean;
  toggleProjector(): void;
  /** Switches to the other theme than the one shown (the choice becomes explicit). */
  toggleTheme(): void;
  setTheme(theme: ThemeChoice): void;
  setInstructor(on: boolean): void;
}

const darkQuery =
  typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia('(prefers-color-scheme: dark)')
    : null;

function read(): Prefs {
  try {
    return parsePrefs(window.localStorage.getItem(PREFS_KEY));
  } catch {
    return DEFAULT_PREFS;
  }
}

function save(p: Prefs) {
  try {
    const { version, projector, theme, instructor } = p;
    window.localStorage.setItem(
      PREFS_KEY,
      JSON.stringify({ version, projector, theme, instructor }),
    );
  } catch {
    // Private mode or full storage: the preference lasts for this page only.
  }
}

export const usePrefsStore = create<PrefsState>((set, get) => {
  const change = (patch: Partial<Prefs>) => {
    set(patch);
    save(get());
  };
  return {
    ...read(),
    systemDark: darkQuery?.matches ?? false,
    toggleProjector: () => change({ projector: !get().projector }),
    toggleTheme: () => {
      const shown = resolveTheme(get().theme, get().systemDark);
      change({ theme: shown === 'dark' ? 'light' : 'dark' });
    },
    setTheme: (theme) => change({ theme }),
    setInstructor: (instructor) => change({ instructor }),
  };
});

export function useShownTheme(): 'light' | 'dark' {
  return usePrefsStore((s) => resolveTheme(s.theme, s.systemDark));
}

function apply(s: PrefsState) {
  const root = document.documentElement;
  root.dataset.theme = resolveTheme(s.theme, s.systemDark);
  // The presenter window is always styled for the projector.
  if (s.projector || window.location.hash.startsWith('#/present')) root.dataset.projector = '';
  else delete root.dataset.projector;
}

/** Applies the preferences now and on every change (called once from main.tsx). */
export function applyPrefsToDocument() {
  apply(usePrefsStore.getState());
  usePrefsStore.subscribe(apply);
  darkQuery?.addEventListener('change', (e) => usePrefsStore.setState({ systemDark: e.matches }));
  // Another window (e.g. the presenter) changed a preference: follow it.
  window.addEventListener('storage', (e) => {
    if (e.key === PREFS_KEY) usePrefsStore.setState(parsePrefs(e.newValue));
  });
}
