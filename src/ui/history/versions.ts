/**
 * The learner's version history and the quarantine, in IndexedDB through idb-keyval.
 *
 * - Versions: per exercise, the last {@link MAX_VERSIONS} snapshots of code and settings, taken
 *   at each Run and Check, before and after a share link or an import replaces the code, and
 *   before a restore. A share link or import therefore never overwrites anything: the learner's
 *   own code is always one of the versions. Updates go through one IndexedDB transaction each,
 *   so two tabs recording at once both keep their snapshot; the code another tab saves for an
 *   exercise this tab also has is kept as a version too (useProgressStore), so two tabs editing
 *   one exercise never lose each other's code.
 * - Quarantine: stored data that could not be read as it was is kept raw, with why, so the page
 *   can offer it as a download instead of wiping it.
 *
 * Every call fails soft (private browsing, storage disabled): it resolves, and the page goes on
 * with localStorage alone. `appendVersion` is the pure rule, tested in Node.
 */
import { createStore, entries, get, set, update } from 'idb-keyval';
import type { UseStore } from 'idb-keyval';

export const MAX_VERSIONS = 50;

export type VersionReason =
  | 'run'
  | 'check'
  | 'before-share'
  | 'share'
  | 'before-import'
  | 'import'
  | 'before-restore'
  | 'before-lesson-step'
  | 'other-tab';

export interface Version {
  /** When it was taken (ms since the epoch; shown to the learner, never used by a check). */
  at: number;
  reason: VersionReason;
  code: string;
  settings: Record<string, string>;
}

export const REASON_LABELS: Record<VersionReason, string> = {
  run: 'Run',
  check: 'Check',
  'before-share': 'Your code, before a share link',
  share: 'From a share link',
  'before-import': 'Your code, before an import',
  import: 'Imported',
  'before-restore': 'Your code, before a restore',
  'before-lesson-step': 'Your code, before a lesson step was loaded',
  'other-tab': 'From another tab',
};

const sameContent = (a: Version, b: Version) =>
  a.code === b.code && JSON.stringify(a.settings) === JSON.stringify(b.settings);

/** `list` with `v` added (newest last), unless the newest already holds the same code and settings. */
export function appendVersion(list: readonly Version[], v: Version, max = MAX_VERSIONS): Version[] {
  const newest = list[list.length - 1];
  if (newest && sameContent(newest, v)) return [...list];
  const next = [...list, v];
  return next.length > max ? next.slice(next.length - max) : next;
}

let versionStore: UseStore | null | undefined;
let quarantineStore: UseStore | null | undefined;

function open(name: string): UseStore | null {
  try {
    return typeof indexedDB === 'undefined' ? null : createStore(name, 'keyval');
  } catch {
    return null;
  }
}

const versionsDb = () => (versionStore ??= open('rmw-versions'));
const quarantineDb = () => (quarantineStore ??= open('rmw-quarantine'));

function isVersion(x: unknown): x is Version {
  const v = x as Version;
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof v.at === 'number' &&
    typeof v.code === 'string' &&
    typeof v.reason === 'string' &&
    v.reason in REASON_LABELS &&
    typeof v.settings === 'object' &&
    v.settings !== null
  );
}

export async function recordVersion(
  folder: string,
  v: Omit<Version, 'at'> & { at?: number },
): Promise<void> {
  const db = versionsDb();
  if (!db) return;
  const version: Version = { ...v, at: v.at ?? Date.now() };
  try {
    await update(
      folder,
      (old: unknown) => appendVersion(Array.isArray(old) ? old.filter(isVersion) : [], version),
      db,
    );
  } catch {
    // Storage refused (quota, private mode): the code is still in localStorage.
  }
}

/** The exercise's versions, newest first. */
export async function listVersions(folder: string): Promise<Version[]> {
  const db = versionsDb();
  if (!db) return [];
  try {
    const list: unknown = await get(folder, db);
    return Array.isArray(list) ? list.filter(isVersion).reverse() : [];
  } catch {
    return [];
  }
}

export interface Quarantined {
  key: string;
  at: number;
  why: string;
  raw: string;
}

/** Keeps `raw` aside; resolves true once it is safely stored. */
export async function quarantine(raw: string, why: string): Promise<boolean> {
  const db = quarantineDb();
  if (!db) return false;
  const at = Date.now();
  try {
    await set(`${at}`, { at, why, raw }, db);
    return true;
  } catch {
    return false;
  }
}

export async function listQuarantined(): Promise<Quarantined[]> {
  const db = quarantineDb();
  if (!db) return [];
  try {
    const all = await entries(db);
    return all
      .map(([key, value]) => ({ key: String(key), ...(value as Omit<Quarantined, 'key'>) }))
      .filter((q) => typeof q.raw === 'string')
      .sort((a, b) => b.at - a.at);
  } catch {
    return [];
  }
}
