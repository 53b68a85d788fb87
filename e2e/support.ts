/** Helpers shared by the Playwright journeys: console/network error collection and axe checks. */
import AxeBuilder from '@axe-core/playwright';
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';

/** Collects console errors, page errors, failed requests and HTTP errors of a page. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('requestfailed', (req) => errors.push(`request failed: ${req.url()}`));
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`${res.status()} ${res.url()}`);
  });
  return errors;
}

/** axe-core finds no serious or critical accessibility violation on the page as it is. */
export async function expectNoSeriousViolations(page: Page, label?: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    label,
  ).toEqual([]);
}

/** Puts the caret in the code editor (on its first line: always in view, however short the pane). */
export async function focusEditor(page: Page): Promise<void> {
  await page.locator('.cm-content').click({ position: { x: 40, y: 8 } });
}

/** Replaces the whole code in the editor, as a learner pasting a file would. */
export async function replaceCode(page: Page, code: string): Promise<void> {
  await focusEditor(page);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(code);
}

/** Opens the exercise page's "Export / import" menu (a click elsewhere closes it again). */
export async function openExportMenu(page: Page): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Export / import' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(page.getByRole('group', { name: 'Export or import the run' })).toBeVisible();
}
