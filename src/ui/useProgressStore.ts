/**
 * The learner's progress (code, settings, status per exercise), kept in localStorage through the
 * versioned schema of storage.ts. Loading never fails: damaged data becomes a notice. Writes
 * that fail (private mode, quota) are reported once and the page keeps working in memory.
 */
import { create } from 'zustand';
import { EMPTY_PROGRESS, parseProgress, serializeProgress, STORAGE_KEY } from './storage';
import type { ExerciseRecord, Progress } from './storage';

interface ProgressState {
  progress: Progress;
  /** A recovery or storage problem the page shows until dismissed. */
  notice: string | null;
  /** Saves the code (status becomes in progress unless already passed). */
  saveCode(folder: string, code: string): void;
  saveSettings(folder: string, settings: Record<string, string>, code: string): void;
  markPassed(folder: string, code: string): void;
  /** Loads shared code and settings, keeping the learner's own code as a backup. */
  applyShare(folder: string, code: string, settings: Record<string, string>): void;
  restoreBackup(folder: string): void;
  /** Forgets the exercise (code back to the starter, status not started). */
  forget(folder: string): void;
  dismissNotice(): void;
  /** Forgets every exercise (the instructor's reset, after a confirmation). */
  resetAll(): void;
}

function readStorage(): { progress: Progress; notice: string | null } {
  try {
    return parseProgress(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    return {
      progress: EMPTY_PROGRESS,
      notice: 'Your browser does not let this page keep progress.',
    };
  }
}

function write(progress: Progress): string | null {
  try {
    window.localStorage.setItem(STORAGE_KEY, serializeProgress(progress));
    return null;
  } catch {
    return 'Your progress could not be saved in this browser (storage is full or disabled).';
  }
}

const initial = readStorage();
// Rewrite recovered data at once, so the notice is shown only once.
if (initial.notice) write(initial.progress);

export const useProgressStore = create<ProgressState>((set, get) => {
  const update = (folder: string, f: (r: ExerciseRecord | undefined) => ExerciseRecord | null) => {
    const { progress, notice } = get();
    const exercises = { ...progress.exercises };
    const next = f(exercises[folder]);
    if (next) exercises[folder] = next;
    else delete exercises[folder];
    const p: Progress = { ...progress, exercises };
    set({ progress: p, notice: write(p) ?? notice });
  };
  return {
    progress: initial.progress,
    notice: initial.notice,
    saveCode: (folder, code) =>
      update(folder, (r) => ({
        settings: {},
        ...r,
        code,
        status: r?.status === 'passed' ? 'passed' : 'in-progress',
      })),
    saveSettings: (folder, settings, code) =>
      update(folder, (r) => ({ code, status: 'in-progress', ...r, settings })),
    markPassed: (folder, code) =>
      update(folder, (r) => ({ settings: {}, ...r, code, status: 'passed' })),
    applyShare: (folder, code, settings) =>
      update(folder, (r) => {
        const backup = r && r.code !== code ? r.code : r?.backup;
        return {
          code,
          settings,
          status: r?.status ?? 'in-progress',
          ...(backup !== undefined ? { backup } : {}),
        };
      }),
    restoreBackup: (folder) =>
      update(folder, (r) =>
        r?.backup !== undefined
          ? { code: r.backup, settings: r.settings, status: r.status }
          : (r ?? null),
      ),
    forget: (folder) => update(folder, () => null),
    dismissNotice: () => set({ notice: null }),
    resetAll: () => {
      const p: Progress = { ...EMPTY_PROGRESS, exercises: {} };
      set({ progress: p, notice: write(p) });
    },
  };
});
