import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { serviceWorker } from './src/pwa/vitePlugin.ts';

// The app is a static site: `npm start` serves it, `npm run build` writes dist/.
// serviceWorker() (build only) adds /sw.js, which precaches the whole build: see src/pwa/README.md.
export default defineConfig({
  plugins: [react(), serviceWorker()],
  // Classic, self-contained worker scripts: the app starts them from a blob inside a sandboxed
  // iframe (src/workers/isolatedWorker.ts), where module imports could not resolve.
  worker: { format: 'iife' },
  // The big chunks load only when needed: the exercise view (CodeMirror, React Flow) when an
  // exercise opens, the workers (with the sandbox's compiler) on the first run or check. What
  // the learning path needs before its first paint is measured by `npm run bench -- ui`.
  build: { chunkSizeWarningLimit: 1024 },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: true },
});
