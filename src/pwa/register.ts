/**
 * Registers the service worker (./sw.ts, built to /sw.js) in production builds only — never in
 * the Vite dev server. Imported once, for its effect, by src/main.tsx. A failure to register is
 * logged as a warning and changes nothing else: the app simply works online only.
 */
import { registerServiceWorker } from './client';

if (import.meta.env.PROD) registerServiceWorker(`${import.meta.env.BASE_URL}sw.js`);
