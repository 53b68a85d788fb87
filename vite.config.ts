import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app is a static site: `npm start` serves it, `npm run build` writes dist/.
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: true },
});
