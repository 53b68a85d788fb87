import { defineConfig } from '@playwright/test';
import { findChromium } from './scripts/browser.mjs';

const executablePath = findChromium();
// E2E_PORT lets two runs (e.g. CI and a developer) share a machine.
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  // CI machines can be several times slower than a laptop: give assertions that wait for a
  // worker (a run, a check) room, without slowing down a failing run here.
  expect: { timeout: process.env.CI ? 15_000 : 5_000 },
  fullyParallel: false,
  // Two workers on CI's two cores too: every test waits on conditions with CI's longer timeouts,
  // and one worker alone would take the suite past its 15 minutes.
  workers: 2,
  forbidOnly: true,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-dev-shm-usage',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `npm run build && npm run preview -- --host 127.0.0.1 --port ${port}`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
