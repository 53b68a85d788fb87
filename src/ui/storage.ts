/**
 * The learner's progress in localStorage, under one key with a versioned schema: per exercise
 * the code, the settings and the status. Reading never throws: data that is corrupt, from an
 * unknown version or partly invalid is recovered where possible (valid entries kept) or reset,
 * with a notice the page shows. Pure (parse and serialise); the store does the I/O.
 */
export const STORAGE_KEY = 'rmw.progress';
export const SCHEMA_VERSION = 2;

export type ExerciseStatus = 'not-started' | 'in-progress' | 'passed';

export interface ExerciseRecord {
  code: string;
  settings: Record<string, string>;
  status: Exclude<ExerciseStatus, 'not-started'>;
  /** The learner's own code, kept when a share link replaced it. */
  backup?: string;
}

export interface Progress {
  version: typeof SCHEMA_VERSION;
  exercises: Record<string, ExerciseRecord>;
}

export const EMPTY_PROGRESS: Progress = { version: SCHEMA_VERSION, exercises: {} };

export interface Loaded {
  progress: Progress;
  /** What was recovered or reset, for a visible notice; null when the data was fine. */
  notice: string | null;
  /**
   * Set when anything of the stored text could not be kept as it was: the store saves the raw
   * text aside (quarantine) and offers it as a download before it writes anything.
   */
  damaged: boolean;
}

const FOLDER = /^\d{2,3}-[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Far above any handler file: only a guard against a runaway value, never a silent cut. */
const MAX_CODE_CHARS = 5_000_000;
const MAX_SETTING_CHARS = 200;

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The valid settings (a bad one is left out, the rest and the record's code are kept). */
function toSettings(x: unknown): { settings: Record<string, string>; dropped: number } {
  if (!isObject(x)) return { settings: {}, dropped: x === undefined ? 0 : 1 };
  const settings: Record<string, string> = {};
  let dropped = 0;
  for (const [k, v] of Object.entries(x)) {
    if (typeof v !== 'string' || k.length > MAX_SETTING_CHARS || v.length > MAX_SETTING_CHARS)
      dropped++;
    else settings[k] = v;
  }
  return { settings, dropped };
}

function toRecord(x: unknown): { record: ExerciseRecord; partial: boolean } | null {
  if (!isObject(x)) return null;
  const { code, status, backup } = x;
  if (typeof code !== 'string' || code.length > MAX_CODE_CHARS) return null;
  const { settings, dropped } = toSettings(x.settings);
  const record: ExerciseRecord = {
    code,
    settings,
    status: status === 'passed' ? 'passed' : 'in-progress',
  };
  if (typeof backup === 'string' && backup.length <= MAX_CODE_CHARS) record.backup = backup;
  const partial = dropped > 0 || (status !== 'passed' && status !== 'in-progress');
  return { record, partial };
}

/**
 * Version 1, a flatter layout (code and the passed exercises apart), is still read and migrated:
 * `{ version: 1, code: { [folder]: string }, passed: string[] }`.
 */
function fromV1(x: Record<string, unknown>): Record<string, unknown> {
  const code = isObject(x.code) ? x.code : {};
  const passed = new Set(Array.isArray(x.passed) ? x.passed : []);
  const exercises: Record<string, unknown> = {};
  for (const [folder, text] of Object.entries(code)) {
    exercises[folder] = {
      code: text,
      settings: {},
      status: passed.has(folder) ? 'passed' : 'in-progress',
    };
  }
  return { version: 2, exercises };
}

const KEPT = 'The stored text is kept: download it from this notice.';

export function parseProgress(raw: string | null): Loaded {
  if (raw === null) return { progress: EMPTY_PROGRESS, notice: null, damaged: false };
  const lost = (why: string): Loaded => ({
    progress: EMPTY_PROGRESS,
    notice: `${why} ${KEPT}`,
    damaged: true,
  });
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return lost(
      'Your saved progress could not be read (it is damaged), so the page starts afresh.',
    );
  }
  if (!isObject(data) || typeof data.version !== 'number') {
    return lost('Your saved progress is in an unknown format, so the page starts afresh.');
  }
  let notice: string | null = null;
  if (data.version === 1) {
    data = fromV1(data);
    notice = 'Your saved progress was from an older version of the workshop and was updated.';
  } else if (data.version !== SCHEMA_VERSION) {
    return lost(
      `Your saved progress is from a newer or unknown version of the workshop (${String(data.version)}), so this page starts afresh.`,
    );
  }
  const entries = (data as { exercises?: unknown }).exercises;
  const exercises: Record<string, ExerciseRecord> = {};
  let dropped = 0;
  let partial = 0;
  for (const [folder, value] of Object.entries(isObject(entries) ? entries : {})) {
    const kept = FOLDER.test(folder) ? toRecord(value) : null;
    if (!kept) dropped++;
    else {
      exercises[folder] = kept.record;
      if (kept.partial) partial++;
    }
  }
  if (!isObject(entries)) return lost('Your saved progress is damaged, so the page starts afresh.');
  if (dropped > 0 || partial > 0) {
    const parts = [
      dropped > 0
        ? `${dropped} saved ${dropped === 1 ? 'exercise' : 'exercises'} could not be read`
        : '',
      partial > 0 ? `${partial} had a damaged setting or status, which was reset` : '',
    ].filter(Boolean);
    notice = `${parts.join('; ')}; the rest of your progress was kept. ${KEPT}`;
    return { progress: { version: SCHEMA_VERSION, exercises }, notice, damaged: true };
  }
  return { progress: { version: SCHEMA_VERSION, exercises }, notice, damaged: false };
}

export function serializeProgress(p: Progress): string {
  return JSON.stringify(p);
}

export function statusOf(p: Progress, folder: string): ExerciseStatus {
  return p.exercises[folder]?.status ?? 'not-started';
}
