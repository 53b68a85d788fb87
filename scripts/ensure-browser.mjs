// Makes sure a Chromium exists before Playwright runs, and says how to get one when it does not.
import { execSync } from 'node:child_process';
import { findChromium } from './browser.mjs';

let found = findChromium();
if (!found && process.getuid?.() === 0 && process.platform === 'linux') {
  console.log('No Chromium found: installing Debian chromium with apt-get (about a minute)...');
  try {
    execSync('apt-get update -qq && apt-get install -y -qq chromium', { stdio: 'inherit' });
    found = findChromium();
  } catch {
    /* fall through to Playwright's own browser */
  }
}
if (!found) {
  console.log(
    "No system Chromium: trying Playwright's own browser (npx playwright install chromium).",
  );
  try {
    execSync('npx playwright install chromium', { stdio: 'inherit' });
  } catch {
    console.error(
      'Could not find or install Chromium. Install it (Debian: apt-get install chromium) ' +
        'or set CHROMIUM_PATH to a Chromium executable.',
    );
    process.exit(1);
  }
} else {
  console.log(`Using Chromium at ${found}`);
}
