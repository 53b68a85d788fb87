/** Where the e2e tests find Chromium (see browser.mjs). */
export function findChromium(): string | undefined;
