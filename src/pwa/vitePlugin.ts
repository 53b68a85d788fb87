/**
 * Vite plugin (build only): bundles the service worker (src/pwa/sw.ts) into `/sw.js` at the site
 * root and injects its precache manifest — every file the build wrote (index.html, JS and CSS
 * chunks, the lazily loaded chunks, the Web Worker bundles) plus every file of public/ — with a
 * version hashed from all their contents. Runs in Node from vite.config.ts; the app never
 * imports it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { buildPrecacheManifest, SW_FILE } from './precache.ts';
import type { BuiltFile } from './precache.ts';

/** The string in sw.ts that is replaced by the manifest's JSON. */
export const MANIFEST_PLACEHOLDER = '__RMW_PRECACHE_MANIFEST__';

export interface ServiceWorkerOptions {
  /** The service worker's source, relative to the Vite root. */
  entry?: string;
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Every file under `dir`, as forward-slash paths relative to it. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (sub: string) => {
    for (const name of readdirSync(path.join(dir, sub))) {
      const rel = sub ? `${sub}/${name}` : name;
      if (statSync(path.join(dir, rel)).isDirectory()) walk(rel);
      else out.push(rel);
    }
  };
  walk('');
  return out;
}

/**
 * Replaces the placeholder string literal (any quote style) in the built service worker with the
 * manifest, as a string literal holding its JSON. Throws unless it occurs exactly once.
 */
export function injectManifest(code: string, manifestJson: string): string {
  const literal = new RegExp(`(["'\`])${MANIFEST_PLACEHOLDER}\\1`, 'g');
  const hits = code.match(literal)?.length ?? 0;
  if (hits !== 1)
    throw new Error(`${SW_FILE}: expected the manifest placeholder once, found it ${hits} times`);
  return code.replace(literal, () => JSON.stringify(manifestJson));
}

export function serviceWorker(options: ServiceWorkerOptions = {}): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'rmw:service-worker',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    buildStart() {
      this.emitFile({
        type: 'chunk',
        id: path.resolve(config.root, options.entry ?? 'src/pwa/sw.ts'),
        fileName: SW_FILE,
      });
    },
    generateBundle(_output, bundle) {
      // A service worker is a classic script: it must not share chunks with the app.
      const chunk = bundle[SW_FILE];
      if (!chunk || chunk.type !== 'chunk') this.error(`${SW_FILE} is missing from the bundle`);
      if (chunk.imports.length > 0 || chunk.dynamicImports.length > 0 || chunk.exports.length > 0)
        this.error(`${SW_FILE} must be self-contained; it imports ${chunk.imports.join(', ')}`);
    },
    writeBundle: {
      order: 'post',
      sequential: true,
      handler(output, bundle) {
        const outDir = output.dir ?? path.resolve(config.root, config.build.outDir);
        // What this build wrote (not stale files of an earlier one) plus the public folder.
        const paths = new Set(Object.keys(bundle));
        if (config.build.copyPublicDir && config.publicDir)
          for (const p of listFiles(config.publicDir)) paths.add(p);
        const files: BuiltFile[] = [...paths].map((p) => ({
          path: p,
          hash: sha256(readFileSync(path.join(outDir, p))),
        }));
        const manifest = buildPrecacheManifest(files, config.base, sha256);
        const swPath = path.join(outDir, SW_FILE);
        writeFileSync(
          swPath,
          injectManifest(readFileSync(swPath, 'utf8'), JSON.stringify(manifest)),
        );
        config.logger.info(
          `${SW_FILE}: precaches ${manifest.urls.length} files, version ${manifest.version}`,
        );
      },
    },
  };
}
