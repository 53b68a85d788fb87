import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildPrecacheManifest,
  cacheName,
  CACHE_PREFIX,
  isPrecached,
  normaliseBase,
  staleCaches,
  strategyFor,
} from './precache';
import type { BuiltFile } from './precache';
import { injectManifest, MANIFEST_PLACEHOLDER } from './vitePlugin';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const build: BuiltFile[] = [
  { path: 'index.html', hash: 'h-index' },
  { path: 'assets/index-abc.js', hash: 'h-main' },
  { path: 'assets/ExerciseView-def.js', hash: 'h-lazy' },
  { path: 'assets/simulation.worker-123.js', hash: 'h-sim' },
  { path: 'assets/checker.worker-456.js', hash: 'h-check' },
  { path: 'assets/index-xyz.css', hash: 'h-css' },
  { path: 'favicon.svg', hash: 'h-fav' },
  { path: 'manifest.webmanifest', hash: 'h-manifest' },
  { path: 'sw.js', hash: 'h-sw' },
  { path: 'assets/index-abc.js.map', hash: 'h-map' },
  { path: '.vite/manifest.json', hash: 'h-vite' },
];

describe('isPrecached', () => {
  it('keeps everything the app loads and drops the worker itself, maps and hidden files', () => {
    expect(isPrecached('index.html')).toBe(true);
    expect(isPrecached('assets/simulation.worker-123.js')).toBe(true);
    expect(isPrecached('manifest.webmanifest')).toBe(true);
    expect(isPrecached('sw.js')).toBe(false);
    expect(isPrecached('assets/a.js.map')).toBe(false);
    expect(isPrecached('.vite/manifest.json')).toBe(false);
    expect(isPrecached('assets/.DS_Store')).toBe(false);
    // Only the root sw.js is the service worker.
    expect(isPrecached('assets/sw.js')).toBe(true);
  });
});

describe('buildPrecacheManifest', () => {
  it('lists every precached file once, sorted, with the base, and the shell', () => {
    const m = buildPrecacheManifest(build, '/', sha256);
    expect(m.urls).toEqual([
      '/assets/ExerciseView-def.js',
      '/assets/checker.worker-456.js',
      '/assets/index-abc.js',
      '/assets/index-xyz.css',
      '/assets/simulation.worker-123.js',
      '/favicon.svg',
      '/index.html',
      '/manifest.webmanifest',
    ]);
    expect(m.shell).toBe('/index.html');
    expect(m.version).toMatch(/^[0-9a-f]{16}$/);
    // Each file's own hash, for the service worker to check cached bytes against.
    expect(Object.keys(m.hashes)).toEqual(m.urls);
    expect(m.hashes['/index.html']).toBe(build.find((f) => f.path === 'index.html')!.hash);
  });

  it('does not depend on the order files are listed in', () => {
    const a = buildPrecacheManifest(build, '/', sha256);
    const b = buildPrecacheManifest([...build].reverse(), '/', sha256);
    expect(b).toEqual(a);
  });

  it('gets a new version when any precached file changes, not when excluded files do', () => {
    const base = buildPrecacheManifest(build, '/', sha256).version;
    const changed = (path: string) =>
      buildPrecacheManifest(
        build.map((f) => (f.path === path ? { ...f, hash: `${f.hash}'` } : f)),
        '/',
        sha256,
      ).version;
    expect(changed('assets/checker.worker-456.js')).not.toBe(base);
    expect(changed('manifest.webmanifest')).not.toBe(base);
    expect(changed('index.html')).not.toBe(base);
    expect(changed('sw.js')).toBe(base);
    expect(changed('assets/index-abc.js.map')).toBe(base);
    const renamed = build.map((f) =>
      f.path === 'favicon.svg' ? { ...f, path: 'favicon2.svg' } : f,
    );
    expect(buildPrecacheManifest(renamed, '/', sha256).version).not.toBe(base);
  });

  it('honours a base path and normalises separators', () => {
    const m = buildPrecacheManifest(
      [
        { path: 'index.html', hash: '1' },
        { path: 'assets\\a.js', hash: '2' },
      ],
      '/workshop',
      sha256,
    );
    expect(m.urls).toEqual(['/workshop/assets/a.js', '/workshop/index.html']);
    expect(m.shell).toBe('/workshop/index.html');
  });

  it('refuses a build without index.html or with duplicate paths', () => {
    expect(() => buildPrecacheManifest([{ path: 'a.js', hash: '1' }], '/', sha256)).toThrow(
      /index.html/,
    );
    expect(() =>
      buildPrecacheManifest(
        [
          { path: 'index.html', hash: '1' },
          { path: '/index.html', hash: '2' },
        ],
        '/',
        sha256,
      ),
    ).toThrow(/Duplicate/);
  });
});

describe('normaliseBase', () => {
  it('always starts and ends with a slash', () => {
    expect(normaliseBase('/')).toBe('/');
    expect(normaliseBase('/app')).toBe('/app/');
    expect(normaliseBase('app/')).toBe('/app/');
  });
});

describe('caches', () => {
  it('names caches after the version and deletes only this app’s other versions', () => {
    const current = cacheName('v2');
    expect(current).toBe(`${CACHE_PREFIX}v2`);
    expect(
      staleCaches([cacheName('v1'), current, 'someone-elses-cache', cacheName('v0')], current),
    ).toEqual([cacheName('v1'), cacheName('v0')]);
    expect(staleCaches([current], current)).toEqual([]);
  });
});

describe('strategyFor', () => {
  const origin = 'https://workshop.example';
  const pre = new Set(['/index.html', '/assets/index-abc.js']);
  const req = (url: string, mode = 'cors', method = 'GET') => ({ url, mode, method });

  it('answers navigations network first, whatever the path or hash', () => {
    expect(strategyFor(req(`${origin}/`, 'navigate'), origin, pre)).toBe('navigation');
    expect(strategyFor(req(`${origin}/?x=1#/exercise/04`, 'navigate'), origin, pre)).toBe(
      'navigation',
    );
  });

  it('serves precached files cache first, by path', () => {
    expect(strategyFor(req(`${origin}/assets/index-abc.js`), origin, pre)).toBe('precached');
    expect(strategyFor(req(`${origin}/assets/index-abc.js?v=2`), origin, pre)).toBe('precached');
    expect(strategyFor(req(`${origin}/assets/other.js`), origin, pre)).toBe('network');
  });

  it('leaves other origins and non-GET requests to the browser', () => {
    expect(strategyFor(req('https://cdn.example/a.js'), origin, pre)).toBe('ignore');
    expect(strategyFor(req(`${origin}/index.html`, 'cors', 'POST'), origin, pre)).toBe('ignore');
  });
});

describe('injectManifest', () => {
  const json = JSON.stringify({ version: 'v', urls: ['/a "b".js'], shell: '/index.html' });

  it('replaces the placeholder literal in any quote style with a JSON string literal', () => {
    for (const q of ['"', "'", '`']) {
      const code = `var m=JSON.parse(${q}${MANIFEST_PLACEHOLDER}${q});`;
      const out = injectManifest(code, json);
      expect(out).not.toContain(MANIFEST_PLACEHOLDER);
      // The output evaluates to the manifest.
      const value: unknown = new Function(`${out} return m;`)();
      expect(value).toEqual(JSON.parse(json));
    }
  });

  it('fails unless the placeholder occurs exactly once', () => {
    expect(() => injectManifest('var m = 1;', json)).toThrow(/0 times/);
    const twice = `a("${MANIFEST_PLACEHOLDER}");b("${MANIFEST_PLACEHOLDER}")`;
    expect(() => injectManifest(twice, json)).toThrow(/2 times/);
  });

  it('is not fooled by "$&" in the manifest', () => {
    const tricky = JSON.stringify({ urls: ['/$&.js'] });
    const out = injectManifest(`x("${MANIFEST_PLACEHOLDER}")`, tricky);
    expect(out).toBe(`x(${JSON.stringify(tricky)})`);
  });
});
