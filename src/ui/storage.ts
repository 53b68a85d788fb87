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
}

const FOLDER = /^\d{2,3}-[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_CODE_CHARS = 200_000;

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function toSettings(x: unknown): Record<string, string> | null {
  if (x === undefined) return {};
  if (!isObject(x)) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(x)) {
    if (typeof v !== 'string' || k.length > 40 || v.length > 20) return null;
    out[k] = v;
  }
  return out;
}

function toRecord(x: unknown): ExerciseRecord | null {
  if (!isObject(x)) return null;
  const { code, status, backup } = x;
  const settings = toSettings(x.settings);
  if (typeof code !== 'string' || code.length > MAX_CODE_CHARS || settings === null) return null;
  if (status !== 'in-progress' && status !== 'passed') return null;
  const r: ExerciseRecord = { code, settings, status };
  if (typeof backup === 'string' && backup.length <= MAX_CODE_CHARS) r.backup = backup;
  return r;
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

export function parseProgress(raw: string | null): Loaded {
  if (raw === null) return { progress: EMPTY_PROGRESS, notice: null };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return {
      progress: EMPTY_PROGRESS,
      notice: 'Your saved progress could not be read (it was damaged), so it was reset.',
    };
  }
  if (!isObject(data) || typeof data.version !== 'number') {
    return {
      progress: EMPTY_PROGRESS,
      notice: 'Your saved progress was in an unknown format, so it was reset.',
    };
  }
  let notice: string | null = null;
  if (data.version === 1) {
    data = fromV1(data);
    notice = 'Your saved progress was from an older version of the workshop and was updated.';
  } else if (data.version !== SCHEMA_VERSION) {
    return {
      progress: EMPTY_PROGRESS,
      notice: `Your saved progress is from a newer or unknown version (${String(data.version)}), so it was reset.`,
    };
  }
  const entries = (data as { exercises?: unknown }).exercises;
  const exercises: Record<string, ExerciseRecord> = {};
  let dropped = 0;
  for (const [folder, value] of Object.entries(isObject(entries) ? entries : {})) {
    const record = FOLDER.test(folder) ? toRecord(value) : null;
    if (record) exercises[folder] = record;
    else dropped++;
  }
  if (!isObject(entries)) {
    notice = 'Your saved progress was damaged, so it was reset.';
  } else if (dropped > 0) {
    notice = `${dropped} saved ${dropped === 1 ? 'exercise was' : 'exercises were'} damaged and reset; the rest of your progress was kept.`;
  }
  return { progress: { version: SCHEMA_VERSION, exercises }, notice };
}

export function serializeProgress(p: Progress): string {
  return JSON.stringify(p);
}

export function statusOf(p: Progress, folder: string): ExerciseStatus {
  return p.exercises[folder]?.status ?? 'not-started';
}
