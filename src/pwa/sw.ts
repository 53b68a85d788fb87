/**
 * The service worker (built to /sw.js by ./vitePlugin.ts, which injects the precache manifest).
 *
 * - install: precache every file of this build into a cache named after the build's version,
 *   then take over at once (skipWaiting);
 * - activate: delete this app's caches of other versions (only caches: localStorage and
 *   IndexedDB — the learner's work — are never touched);
 * - fetch: navigations network first with a short timeout, then the precached index.html;
 *   precached files cache first; other same-origin GETs network first, then any cached copy.
 *
 * Integrity: a precached file is served only when its bytes still hash (SHA-256) to what the
 * build's manifest says. Page code shares this origin's Cache Storage, so a cached copy may have
 * been rewritten; such a copy is dropped and fetched again from the network (and verified), or the
 * request fails: bytes nobody built are never served.
 *
 * It deliberately does not call clients.claim(): the page of the very first visit stays
 * uncontrolled (plain network, as without a service worker); every later navigation is
 * controlled, and pages already controlled by an older version switch to this one on activate.
 */
import { cacheName, staleCaches, strategyFor } from './precache';
import type { PrecacheManifest } from './precache';

// The WebWorker lib cannot be mixed with the DOM lib of this project's tsconfig: the few service
// worker types used here are declared locally.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface ServiceWorkerScope {
  readonly location: Location;
  readonly registration: ServiceWorkerRegistration;
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (e: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
}

// Replaced at build time by the JSON of the manifest (see vitePlugin.ts); a string so that the
// minifier leaves it alone.
const MANIFEST: PrecacheManifest = JSON.parse('__RMW_PRECACHE_MANIFEST__') as PrecacheManifest;

const sw = self as unknown as ServiceWorkerScope;
const CACHE = cacheName(MANIFEST.version);
const PRECACHED = new Set(MANIFEST.urls);
const SHELL = MANIFEST.shell;
const ORIGIN = sw.location.origin;
/** How long a navigation waits for the network before the cached shell answers. */
const NAVIGATION_TIMEOUT_MS = 3000;

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `reload`: bypass the HTTP cache, so a stale index.html never pairs with new assets.
      await cache.addAll(MANIFEST.urls.map((url) => new Request(url, { cache: 'reload' })));
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(staleCaches(names, CACHE).map((name) => caches.delete(name)));
    })(),
  );
});

sw.addEventListener('message', (event) => {
  const data: unknown = event.data;
  if (typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'version')
    event.ports[0]?.postMessage({ version: MANIFEST.version, cache: CACHE, urls: MANIFEST.urls });
});

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  const strategy = strategyFor(request, ORIGIN, PRECACHED);
  if (strategy === 'ignore') return;
  if (strategy === 'navigation') event.respondWith(navigation(request));
  else if (strategy === 'precached') event.respondWith(precached(request));
  else event.respondWith(networkThenCache(request));
});

/** This version's cached copy of `path`, only if its bytes match the manifest (else repaired). */
async function fromCache(path: string): Promise<Response | undefined> {
  const cache = await caches.open(CACHE);
  const url = new URL(path, ORIGIN).href;
  const cached = await cache.match(url);
  if (cached && (await matchesManifest(path, cached))) return cached;
  if (cached) await cache.delete(url);
  // Missing or tampered with: the network's copy, if it is the one this build made.
  try {
    const fresh = await fetch(new Request(url, { cache: 'reload' }));
    if (fresh.ok && (await matchesManifest(path, fresh))) {
      await cache.put(url, fresh.clone());
      return fresh;
    }
  } catch {
    // Offline: nothing trustworthy to serve.
  }
  return undefined;
}

async function matchesManifest(path: string, response: Response): Promise<boolean> {
  const expected = MANIFEST.hashes[path];
  if (expected === undefined) return false;
  const digest = await crypto.subtle.digest('SHA-256', await response.clone().arrayBuffer());
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return hex === expected;
}

async function navigation(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  let response: Response | undefined;
  try {
    response = await fetchWithTimeout(request, NAVIGATION_TIMEOUT_MS);
    if (response.ok || response.type === 'opaqueredirect') return response;
  } catch {
    // Offline or too slow: the cached copy below.
  }
  // An error page or no answer: this version's copy of the file, else the app shell.
  const cached = await fromCache(PRECACHED.has(path) ? path : SHELL);
  return cached ?? response ?? Response.error();
}

async function precached(request: Request): Promise<Response> {
  const cached = await fromCache(new URL(request.url).pathname);
  return cached ?? Response.error();
}

async function networkThenCache(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    const cached = await caches.match(request);
    if (cached) return cached;
    throw error;
  }
}

function fetchWithTimeout(request: Request, ms: number): Promise<Response> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('navigation timed out')), ms);
    fetch(request).then(
      (response) => {
        clearTimeout(timer);
        resolve(response);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
