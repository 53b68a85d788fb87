/**
 * Display and role preferences (projector mode, theme, instructor mode), kept in localStorage
 * under one versioned key. Pure: parse never throws and falls back to the defaults field by field.
 */
export const PREFS_KEY = 'rmw.prefs';
export const PREFS_VERSION = 1;

export type ThemeChoice = 'system' | 'light' | 'dark';

export interface Prefs {
  version: typeof PREFS_VERSION;
  projector: boolean;
  theme: ThemeChoice;
  instructor: boolean;
}

export const DEFAULT_PREFS: Prefs = {
  version: PREFS_VERSION,
  projector: false,
  theme: 'system',
  instructor: false,
};

export function parsePrefs(raw: string | null): Prefs {
  if (raw === null) return DEFAULT_PREFS;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return DEFAULT_PREFS;
  }
  if (typeof data !== 'object' || data === null) return DEFAULT_PREFS;
  const d = data as Record<string, unknown>;
  if (d.version !== PREFS_VERSION) return DEFAULT_PREFS;
  return {
    version: PREFS_VERSION,
    projector: d.projector === true,
    theme: d.theme === 'light' || d.theme === 'dark' ? d.theme : 'system',
    instructor: d.instructor === true,
  };
}

/** The theme actually shown: an explicit choice, else the system's preference. */
export function resolveTheme(choice: ThemeChoice, systemDark: boolean): 'light' | 'dark' {
  return choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
}
