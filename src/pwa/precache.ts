/**
 * Pure helpers shared by the build plugin (Node) and the service worker (browser): which build
 * files are precached, the build version (a hash of every precached file), cache names, and how a
 * request is answered. No DOM, no Node APIs: the caller passes the hash function.
 */

/** Every cache this app creates starts with this; caches of other apps on the origin are kept. */
export const CACHE_PREFIX = 'rmw-precache-';

/** The service worker's own file, at the site root (its scope is the whole site). */
export const SW_FILE = 'sw.js';

/** What the build plugin injects into the service worker. */
export interface PrecacheManifest {
  /** A hash of every precached file's path and content: a new build gets a new version. */
  version: string;
  /** Absolute URL paths (with the base), sorted. */
  urls: string[];
  /**
   * SHA-256 (hex) of each precached file's bytes, by URL path: the service worker serves a
   * cached file only when its bytes still match (page code can write to the same Cache Storage).
   */
  hashes: Record<string, string>;
  /** The app shell served to navigations when offline: `${base}index.html`. */
  shell: string;
}

export interface BuiltFile {
  /** Path relative to the output directory, with forward slashes (e.g. `assets/index-x.js`). */
  path: string;
  /** A digest of the file's content (any stable hex or base64 string). */
  hash: string;
}

/**
 * Whether a file of the build output is precached: everything the app can load (HTML, JS, CSS,
 * worker bundles, icons, the web app manifest), but not the service worker itself, source maps,
 * Vite's own metadata (`.vite/`) or hidden files.
 */
export function isPrecached(path: string): boolean {
  if (path === SW_FILE) return false;
  if (path.endsWith('.map')) return false;
  return !path.split('/').some((part) => part.startsWith('.'));
}

/** Normalises a base (`/`, `/app`, `/app/`) to start and end with a slash. */
export function normaliseBase(base: string): string {
  let b = base.startsWith('/') ? base : `/${base}`;
  if (!b.endsWith('/')) b += '/';
  return b;
}

/**
 * The precache manifest of a build: the sorted URLs of every precached file and a version that
 * changes whenever any of them changes (path or content). `hash` digests a string (the plugin
 * uses SHA-256); the version is its first 16 characters.
 */
export function buildPrecacheManifest(
  files: readonly BuiltFile[],
  base: string,
  hash: (text: string) => string,
): PrecacheManifest {
  const b = normaliseBase(base);
  const kept = files
    .map((f) => ({ path: f.path.replace(/\\/g, '/').replace(/^\/+/, ''), hash: f.hash }))
    .filter((f) => isPrecached(f.path))
    .sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
  const seen = new Set<string>();
  for (const f of kept) {
    if (seen.has(f.path)) throw new Error(`Duplicate file in the build output: ${f.path}`);
    seen.add(f.path);
  }
  if (!seen.has('index.html')) throw new Error('The build output has no index.html to precache');
  const fingerprint = kept.map((f) => `${f.path}\0${f.hash}\n`).join('');
  return {
    version: hash(fingerprint).slice(0, 16),
    urls: kept.map((f) => `${b}${f.path}`),
    hashes: Object.fromEntries(kept.map((f) => [`${b}${f.path}`, f.hash])),
    shell: `${b}index.html`,
  };
}

export function cacheName(version: string): string {
  return `${CACHE_PREFIX}${version}`;
}

/** The caches to delete when a version activates: this app's other versions, nothing else. */
export function staleCaches(names: readonly string[], current: string): string[] {
  return names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== current);
}

export interface RequestInfo {
  method: string;
  mode: string;
  /** Absolute URL. */
  url: string;
}

/**
 * How the service worker answers a request:
 * - `navigation`: network first (short timeout), then the precached app shell — so the next
 *   visit online gets the newest build and an offline visit still opens;
 * - `precached`: cache first (the file is in this version's precache; hashed names never change);
 * - `network`: same-origin file not in the precache: network, then any cached copy;
 * - `ignore`: not ours (other origins, non-GET): the browser handles it as if there were no
 *   service worker.
 */
export type Strategy = 'navigation' | 'precached' | 'network' | 'ignore';

export function strategyFor(
  req: RequestInfo,
  origin: string,
  precached: ReadonlySet<string>,
): Strategy {
  if (req.method !== 'GET') return 'ignore';
  const url = new URL(req.url);
  if (url.origin !== origin) return 'ignore';
  if (req.mode === 'navigate') return 'navigation';
  if (precached.has(url.pathname)) return 'precached';
  return 'network';
}
