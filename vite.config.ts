import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { serviceWorker } from './src/pwa/vitePlugin';

// The app is a static site: `npm start` serves it, `npm run build` writes dist/.
// serviceWorker() (build only) adds /sw.js, which precaches the whole build: see src/pwa/README.md.
export default defineConfig({
  plugins: [react(), serviceWorker()],
  worker: { format: 'es' },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: true },
});
