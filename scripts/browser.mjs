// Where the e2e tests find Chromium: $CHROMIUM_PATH, else Debian's /usr/bin/chromium, else
// Playwright's own download (`npx playwright install chromium`, on machines with internet).
import { existsSync } from 'node:fs';

export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p) => p && existsSync(p));
}
