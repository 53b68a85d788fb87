/**
 * The learner's progress (code, settings, status per exercise), kept in localStorage through the
 * versioned schema of storage.ts. Loading never fails: damaged data becomes a notice, and its raw
 * text is kept (quarantined in IndexedDB and under a localStorage key of its own, and offered as
 * a download) before anything is written over it. Writes that fail (private mode, quota) are
 * reported once and the page keeps working in memory.
 */
import { create } from 'zustand';
import { quarantine, recordVersion } from './history/versions';
import { EMPTY_PROGRESS, parseProgress, serializeProgress, STORAGE_KEY } from './storage';
import type { ExerciseRecord, Progress } from './storage';

interface ProgressState {
  progress: Progress;
  /** A recovery or storage problem the page shows until dismissed. */
  notice: string | null;
  /** The stored text that could not be kept as it was, for the notice's download. */
  damagedRaw: string | null;
  /** Exercises whose code another tab changed since this one loaded (their code is a version). */
  changedElsewhere: string[];
  dismissChangedElsewhere(folder: string): void;
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

/** Where damaged progress is copied, next to the original, before the original is rewritten. */
export const DAMAGED_KEY = 'rmw.progress.damaged';

function readStorage(): {
  progress: Progress;
  notice: string | null;
  damaged: boolean;
  raw: string | null;
} {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    return { ...parseProgress(raw), raw };
  } catch {
    return {
      progress: EMPTY_PROGRESS,
      notice: 'Your browser does not let this page keep progress.',
      damaged: false,
      raw: null,
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
const damagedRaw = initial.damaged ? initial.raw : null;
if (damagedRaw !== null) {
  // Keep the damaged text before anything replaces it: beside it in localStorage, and in the
  // IndexedDB quarantine. Only then is the readable part written back.
  let kept = false;
  try {
    window.localStorage.setItem(DAMAGED_KEY, damagedRaw);
    kept = true;
  } catch {
    // Quota: the quarantine below, or at least this session's download, keeps it.
  }
  void quarantine(damagedRaw, initial.notice ?? 'unreadable').then((ok) => {
    if (kept || ok) write(useProgressStore.getState().progress);
  });
} else if (initial.notice) {
  // An older format, migrated: nothing was lost, write it in the current one.
  write(initial.progress);
}

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
    damagedRaw,
    changedElsewhere: [],
    dismissChangedElsewhere: (folder) =>
      set({ changedElsewhere: get().changedElsewhere.filter((f) => f !== folder) }),
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

/**
 * Another tab saved: take its progress (a pass in either tab counts), and keep its code for an
 * exercise this tab also has as a version, so whichever tab writes next, neither code is lost.
 */
function onOtherTab(e: StorageEvent): void {
  if (e.key !== STORAGE_KEY || e.newValue === null) return;
  const incoming = parseProgress(e.newValue);
  if (incoming.damaged) return;
  const { progress, changedElsewhere } = useProgressStore.getState();
  const exercises = { ...progress.exercises };
  const changed = new Set(changedElsewhere);
  for (const [folder, theirs] of Object.entries(incoming.progress.exercises)) {
    const mine = exercises[folder];
    if (mine && mine.code !== theirs.code) {
      changed.add(folder);
      void recordVersion(folder, {
        code: theirs.code,
        settings: theirs.settings,
        reason: 'other-tab',
      });
    }
    exercises[folder] = {
      ...theirs,
      status: mine?.status === 'passed' ? 'passed' : theirs.status,
    };
  }
  useProgressStore.setState({
    progress: { ...progress, exercises },
    changedElsewhere: [...changed],
  });
}

if (typeof window !== 'undefined') window.addEventListener('storage', onOtherTab);
