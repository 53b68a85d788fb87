/**
 * The service worker (src/pwa): after one visit the whole app — learning path, exercise page,
 * simulation worker, checker worker — works offline from the precache; the cache is named after
 * the build's hash and holds exactly the build output; a new build replaces the old cache on
 * activate without touching the learner's stored work (localStorage).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { buildPrecacheManifest, cacheName, SW_FILE } from '../src/pwa/precache';
import { listFiles } from '../src/pwa/vitePlugin';
import { collectErrors, replaceCode } from './support';

test.use({ serviceWorkers: 'allow' });

const DIST = fileURLToPath(new URL('../dist', import.meta.url));
const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The manifest the plugin must have produced for the build in dist/ (which the server serves). */
function expectedManifest() {
  const files = listFiles(DIST)
    .filter((p) => p !== SW_FILE)
    .map((p) => ({ path: p, hash: sha256(readFileSync(path.join(DIST, p))) }));
  return buildPrecacheManifest(files, '/', sha256);
}

/** Waits until a service worker is active (so its install, the precache, has finished). */
async function waitForActiveWorker(page: Page) {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    const names = (await caches.keys()).filter((n) => n.startsWith('rmw-precache-'));
    const keys = names.length === 1 ? await (await caches.open(names[0]!)).keys() : [];
    return {
      scriptURL: reg.active?.scriptURL ?? null,
      names,
      urls: keys.map((r) => new URL(r.url).pathname).sort(),
    };
  });
}

const isControlled = (page: Page) =>
  page.evaluate(() => navigator.serviceWorker.controller !== null);
const cacheNames = (page: Page) => page.evaluate(async () => (await caches.keys()).sort());

/** The seeded run's timeline table (behind a "Timeline table" tab where the run view has tabs). */
async function showTimeline(page: Page) {
  const tab = page.getByRole('tab', { name: 'Timeline table' });
  const timeline = page.getByTestId('timeline');
  await expect(tab.or(timeline).first()).toBeVisible({ timeout: 15_000 });
  if ((await tab.count()) > 0) await tab.click();
  return timeline;
}

test('after one visit the whole app works offline', async ({ context, page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Learning path' })).toBeVisible();

  // The first visit installs the worker and fills the cache with the whole build.
  const sw = await waitForActiveWorker(page);
  const expected = expectedManifest();
  expect(sw.scriptURL).toMatch(/\/sw\.js$/);
  expect(sw.names).toEqual([cacheName(expected.version)]);
  expect(sw.urls).toEqual([...expected.urls].sort());
  for (const pattern of [
    /^\/index\.html$/,
    /^\/assets\/index-.*\.js$/,
    /^\/assets\/index-.*\.css$/,
    /^\/assets\/ExerciseView-.*\.js$/,
    /^\/assets\/simulation\.worker-.*\.js$/,
    /^\/assets\/checker\.worker-.*\.js$/,
    /^\/favicon\.svg$/,
    /^\/manifest\.webmanifest$/,
  ])
    expect(
      sw.urls.some((u) => pattern.test(u)),
      String(pattern),
    ).toBe(true);

  // Offline: a reload and everything after it comes from the cache.
  await context.setOffline(true);
  await page.reload();
  expect(await isControlled(page)).toBe(true);
  await expect(page.getByRole('heading', { level: 1, name: 'Learning path' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Foundations' })).toBeVisible();

  // The lazily loaded exercise page and the simulation worker load from the cache.
  await page.getByRole('link', { name: /Lost message: save, then send/ }).click();
  await expect(page).toHaveURL(/#\/exercise\/04-lost-message/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Lost message: save, then send' }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Instructions' })).toBeVisible();
  await expect(await showTimeline(page)).toContainText('SubmitOrder', { timeout: 15_000 });

  // The checker worker too: the starter is caught, the fixed code passes, all offline.
  const check = page.getByRole('button', { name: 'Check', exact: true });
  await check.click();
  await expect(page.getByTestId('verdict')).toContainText('Violated: noLostMessages', {
    timeout: 30_000,
  });
  await replaceCode(page, readFileSync('exercises/04-lost-message/solution.ts', 'utf8'));
  await check.click();
  await expect(page.getByTestId('verdict')).toContainText('Passed', { timeout: 30_000 });

  // A deep link opened offline in a new tab works as well.
  const tab = await context.newPage();
  await tab.goto('/#/exercise/04-lost-message?seed=42');
  await showTimeline(tab);
  await expect(tab.getByTestId('timeline-seed')).toHaveText('42', { timeout: 15_000 });
  await tab.close();

  expect(errors).toEqual([]);

  // And we really are offline: a file that is not precached cannot be fetched.
  const probe = await page.evaluate(() =>
    fetch('/not-precached-offline-probe.txt').then(
      () => 'online',
      () => 'offline',
    ),
  );
  expect(probe).toBe('offline');
});

/**
 * A second deployment cannot be simulated through the preview server (Playwright cannot route
 * the browser's own fetch of a service worker script), so this test serves dist/ itself, on its
 * own origin, and can switch to "build 2": the same files, except that the entry chunk is renamed
 * (index.html points to the new name) and sw.js carries the new precache list and a new version —
 * what the plugin would produce for a build that changed the entry chunk.
 */
async function serveDist() {
  const sw1 = readFileSync(path.join(DIST, SW_FILE), 'utf8');
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const entry = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1];
  if (!entry) throw new Error('no entry script in dist/index.html');
  const entry2 = entry.replace(/\.js$/, '-build2.js');
  // In build 2 every file that names the entry chunk (index.html, chunks importing it) names the
  // renamed one, as in a real build.
  const entryName = path.basename(entry);
  const entry2Name = path.basename(entry2);
  const rename = (text: string) => text.replaceAll(entryName, entry2Name);
  /** The bytes build 2 serves at `url`. */
  const build2Body = (url: string): string | Buffer => {
    const body = readFileSync(path.join(DIST, url === entry2 ? entry : url));
    return /\.(html|js)$/.test(url) ? rename(body.toString('utf8')) : body;
  };
  const build2 = (() => {
    const m = expectedManifest();
    const urls = m.urls.map((u) => (u === entry ? entry2 : u)).sort();
    const hashes = Object.fromEntries(urls.map((u) => [u, sha256(build2Body(u))]));
    return { version: `${m.version.slice(0, 8)}b2b2b2b2`, urls, hashes, shell: m.shell };
  })();
  const sw2 = sw1.replace(/JSON\.parse\((["'`])(?:\\.|(?!\1).)*\1\)/, () => {
    return `JSON.parse(${JSON.stringify(JSON.stringify(build2))})`;
  });
  if (sw2 === sw1) throw new Error('could not find the manifest in dist/sw.js');
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.svg': 'image/svg+xml',
    '.webmanifest': 'application/manifest+json',
  };
  let build = 1;
  const server = createServer((req, res) => {
    let file = new URL(req.url ?? '/', 'http://x').pathname;
    if (file === '/') file = '/index.html';
    if (file === `/${SW_FILE}`) {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-cache' });
      res.end(build === 1 ? sw1 : sw2);
      return;
    }
    const servedAs = build === 2 && file === entry2 ? entry : file;
    const full = path.join(DIST, servedAs);
    const exists = full.startsWith(DIST) && existsSync(full) && statSync(full).isFile();
    if (!exists || (build === 1 && file === entry2) || (build === 2 && file === entry)) {
      res.writeHead(404).end();
      return;
    }
    const type = types[path.extname(file)] ?? 'application/octet-stream';
    let body: string | Buffer = readFileSync(full);
    if (build === 2 && /\.(html|js)$/.test(file)) body = rename(body.toString('utf8'));
    res.writeHead(200, { 'content-type': type });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    entry,
    entry2,
    build2,
    deployBuild2: () => {
      build = 2;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

test('a new build replaces the old cache and never touches stored work', async ({
  context,
  page,
}) => {
  const site = await serveDist();
  try {
    await page.goto(`${site.origin}/`);
    const first = await waitForActiveWorker(page);
    const version1 = expectedManifest().version;
    expect(first.names).toEqual([cacheName(version1)]);

    // The learner's work, a leftover cache of this app and another app's cache.
    await page.evaluate(async () => {
      localStorage.setItem('pwa-e2e-sentinel', JSON.stringify({ code: 'my work', at: 1 }));
      await caches.open('rmw-precache-0000000000000000');
      await (await caches.open('another-app')).put('/x', new Response('x'));
    });
    await page.reload();
    expect(await isControlled(page)).toBe(true);
    await expect(page.getByRole('heading', { level: 1, name: 'Learning path' })).toBeVisible();
    const stored = await page.evaluate(() => ({ ...localStorage }));
    expect(stored['pwa-e2e-sentinel']).toBeDefined();

    // Deploy build 2; the page (still on build 1) checks for an update.
    site.deployBuild2();
    const controllerChanged = page.evaluate(
      () =>
        new Promise<void>((resolve) =>
          navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), {
            once: true,
          }),
        ),
    );
    await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      await reg!.update();
    });
    await controllerChanged;

    // Build 2's cache replaced build 1's and the leftover; another app's cache is kept.
    const version2 = site.build2.version;
    await expect.poll(() => cacheNames(page)).toEqual(['another-app', cacheName(version2)].sort());
    const cached = await page.evaluate(async (name) => {
      const keys = await (await caches.open(name)).keys();
      return keys.map((r) => new URL(r.url).pathname).sort();
    }, cacheName(version2));
    expect(cached).toEqual(site.build2.urls);

    // This page still runs build 1: it offers a reload, and the stored work is untouched.
    const notice = page.getByRole('status').filter({ hasText: 'A new version of the workshop' });
    await expect(notice).toContainText('Your saved work is kept');
    expect(await page.evaluate(() => ({ ...localStorage }))).toEqual(stored);

    await notice.getByRole('button', { name: 'Reload' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Learning path' })).toBeVisible();
    expect(
      await page.evaluate(() =>
        document.querySelector('script[type="module"]')?.getAttribute('src'),
      ),
    ).toBe(site.entry2);
    await expect(notice).toHaveCount(0);
    expect(await page.evaluate(() => ({ ...localStorage }))).toEqual(stored);

    // Build 2 works offline too, with the work still there.
    await context.setOffline(true);
    await page.goto(`${site.origin}/#/exercise/04-lost-message`);
    await expect(page.getByRole('heading', { name: 'Instructions' })).toBeVisible();
    await expect(await showTimeline(page)).toContainText('SubmitOrder', { timeout: 15_000 });
    expect(await page.evaluate(() => localStorage.getItem('pwa-e2e-sentinel'))).toBe(
      stored['pwa-e2e-sentinel'],
    );
  } finally {
    await context.setOffline(false);
    await site.close();
  }
});

test('a precached file rewritten by page code is never served: the worker fetches the built one again', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await waitForActiveWorker(page);
  await page.reload();
  expect(await isControlled(page)).toBe(true);
  const expected = expectedManifest();
  const main = expected.urls.find((u) => /^\/assets\/index-.*\.js$/.test(u))!;
  // What a takeover would do: put its own bytes in the precache under the app's file name.
  await page.evaluate(
    async ({ cache, url }) => {
      const c = await caches.open(cache);
      await c.put(
        new URL(url, location.origin).href,
        new Response('window.__pwned = true; document.title = "pwned";', {
          headers: { 'content-type': 'text/javascript' },
        }),
      );
    },
    { cache: cacheName(expected.version), url: main },
  );
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Learning path' })).toBeVisible();
  expect(await page.evaluate(() => (window as { __pwned?: boolean }).__pwned)).toBeUndefined();
  expect(await page.title()).not.toBe('pwned');
  // The cache holds the built bytes again.
  const repaired = await page.evaluate(
    async ({ cache, url }) => {
      const r = await (await caches.open(cache)).match(new URL(url, location.origin).href);
      return r ? await r.text() : null;
    },
    { cache: cacheName(expected.version), url: main },
  );
  expect(repaired).toBe(readFileSync(path.join(DIST, main.slice(1)), 'utf8'));
  expect(errors).toEqual([]);
});
