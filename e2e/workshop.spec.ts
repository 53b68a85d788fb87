/**
 * Running the workshop in a room: projector mode and themes, a keyboard-only journey, the mob
 * timer, the presenter window, the instructor's agenda, export and import of a run.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { expectNoSeriousViolations, focusEditor, openExportMenu } from './support';

/** The font size as rendered (CSS zoom included), in CSS pixels. */
async function renderedFontPx(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const zoom = (el as Element & { currentCSSZoom?: number }).currentCSSZoom ?? 1;
    return parseFloat(getComputedStyle(el).fontSize) * zoom;
  });
}

/**
 * Clicks `name` in the export menu, keeps the file it downloads in e2e-artifacts, returns its
 * bytes.
 */
async function downloadFrom(page: Page, name: string, prefix: string): Promise<Buffer> {
  await openExportMenu(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name }).click(),
  ]);
  const path = `e2e-artifacts/${prefix}-${download.suggestedFilename()}`;
  await download.saveAs(path);
  return readFileSync(path);
}

async function cursorOf(page: Page): Promise<{ at: number; of: number }> {
  const text = (await page.getByTestId('cursor').first().textContent()) ?? '';
  const m = /Step (\d+) of (\d+)/.exec(text);
  return { at: Number(m?.[1]), of: Number(m?.[2]) };
}

const EXERCISE = '#/exercise/04-lost-message';

test('projector mode at 1280x720: large type, both themes, accessible', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`/${EXERCISE}`);
  await expect(page.locator('.seq-row').first()).toBeVisible();
  await page.screenshot({ path: 'e2e-artifacts/projector-off-light.png' });

  await page.getByRole('button', { name: 'Projector' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-projector', '');
  await expect(page.getByRole('button', { name: 'Projector' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  // Secondary chrome is hidden.
  await expect(page.locator('.app-tagline')).toBeHidden();
  await expect(page.getByRole('link', { name: '← Learning path' })).toBeHidden();

  expect(await renderedFontPx(page.locator('.prose p').first())).toBeGreaterThanOrEqual(20);
  expect(await renderedFontPx(page.locator('.cm-content'))).toBeGreaterThanOrEqual(20);
  expect(await renderedFontPx(page.locator('.seq-label').first())).toBeGreaterThanOrEqual(18);
  expect(await renderedFontPx(page.locator('.seq-head-label').first())).toBeGreaterThanOrEqual(18);
  const arrowWidth = await page
    .locator('.seq-arrow line')
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).strokeWidth));
  expect(arrowWidth).toBeGreaterThanOrEqual(4);
  await page.screenshot({ path: 'e2e-artifacts/projector-light.png' });
  await expectNoSeriousViolations(page, 'projector, light');

  // Remembered across a reload; the theme follows the system until toggled, then is remembered.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-projector', '');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.locator('h1').first().focus();
  await page.keyboard.press('t');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('.seq-row').first()).toBeVisible();
  await page.screenshot({ path: 'e2e-artifacts/projector-dark.png' });
  await expectNoSeriousViolations(page, 'projector, dark');

  await page.keyboard.press('p');
  await expect(page.locator('html')).not.toHaveAttribute('data-projector', '');
  await page.screenshot({ path: 'e2e-artifacts/dark.png' });
  await expectNoSeriousViolations(page, 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.goto('/#/');
  await expect(page.getByRole('heading', { name: 'Learning path' })).toBeVisible();
  await expectNoSeriousViolations(page, 'learning path, dark');
});

test('the system dark preference is the default theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
});

/** Presses Tab until the focused element matches, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error('could not reach the element with Tab');
}

test('a keyboard-only journey through one exercise', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Learning path' })).toBeVisible();

  // The shortcuts list: an accessible modal dialog, focus trapped, Esc closes.
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Play / pause');
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Open the exercise from the path.
  await tabTo(page, page.getByRole('link', { name: /Lost message: save, then send/ }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /Lost message/ })).toBeFocused();
  await expect(page.getByTestId('cursor')).toHaveText(/Step ([1-9]\d*) of \1/);
  const end = await cursorOf(page);

  // Scrub back and forth, step, play/pause, reset.
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('cursor')).toHaveText(`Step ${end.at - 1} of ${end.of}`);
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('cursor')).toHaveText(`Step ${end.at - 2} of ${end.of}`);
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('cursor')).toHaveText(`Step ${end.at - 1} of ${end.of}`);
  await page.keyboard.press(' ');
  await expect(page.getByTestId('cursor')).toHaveText(`Step ${end.at} of ${end.of}`);
  await page.keyboard.press('r');
  await expect(page.getByTestId('cursor')).toHaveText('Step 0 of 0');
  await page.keyboard.press(' ');
  await expect(page.getByTestId('cursor')).toHaveText('Step 1 of 1');
  await page.keyboard.press('k');
  await expect(page.getByTestId('cursor')).toHaveText(/Step ([2-9]|\d\d+) of \1/);

  // Panes: 3 focuses the run, again collapses it, again brings it back.
  await page.keyboard.press('3');
  await expect(page.locator('#run-title')).toBeFocused();
  await page.keyboard.press('3');
  await expect
    .poll(async () => (await page.locator('#run').boundingBox())?.height ?? 0)
    .toBeLessThan(2);
  await page.keyboard.press('3');
  await expect(page.locator('#run-title')).toBeFocused();
  await page.keyboard.press('2');
  await expect(page.locator('#editor h2').first()).toBeFocused();

  // Typing in the editor is not a shortcut.
  await page.keyboard.press('Tab');
  await tabTo(page, page.locator('.cm-content'));
  await page.keyboard.press('c');
  await expect(page.getByTestId('verdict')).toHaveCount(0);
  await page.keyboard.press('Backspace');
  // Esc closes the completion list, the next Esc lets Tab leave the editor.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+Tab');
  await expect(page.locator('.cm-content')).not.toBeFocused();

  // Check: the starter is wrong, so a verdict and its counterexample.
  await page.keyboard.press('4');
  await page.keyboard.press('c');
  await expect(page.getByTestId('verdict')).toContainText('Violated', { timeout: 30_000 });

  // Next and previous exercise.
  await page.keyboard.press(']');
  await expect(page.getByRole('heading', { level: 1, name: /Ghost message/ })).toBeFocused();
  await page.keyboard.press('[');
  await expect(page.getByRole('heading', { level: 1, name: /Lost message/ })).toBeFocused();
});

test('the mob timer rotates the driver, says so until seen, survives a reload and is one for every window', async ({
  page,
}) => {
  await page.clock.install();
  await page.goto('/');
  const timer = page.getByTestId('mob-timer');
  await timer.getByRole('button', { name: 'Mob timer settings' }).click();
  await page.getByLabel('Turn (minutes)').fill('1');
  await page.getByLabel('Names (comma separated, optional)').fill('Ada, Bob, Cy');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('mob-driver')).toHaveText('Ada');
  await expect(page.getByTestId('mob-time')).toHaveText('1:00');
  await timer.getByRole('button', { name: 'Start the mob timer' }).click();
  await page.clock.fastForward(30_000);
  await expect(page.getByTestId('mob-time')).toHaveText('0:30');
  await page.clock.fastForward(31_000);
  await expect(page.getByTestId('mob-driver')).toHaveText('Bob');
  await expect(page.getByTestId('mob-announcement')).toHaveText(/Time is up\. Bob drives now/);
  await expect(timer).toHaveClass(/mob-pulse/);
  await expect(page.getByTestId('mob-time')).toHaveText('1:00');
  // The end of the turn is a banner that stays (a reload included) until it is dismissed.
  const banner = page.getByTestId('mob-banner');
  await expect(banner).toContainText('Bob drives now, Cy navigates');
  await page.clock.fastForward(60_000);
  await page.reload();
  await expect(banner).toContainText('Bob drives now');
  await banner.getByRole('button', { name: 'Dismiss' }).click();
  await expect(banner).toHaveCount(0);
  // Skip passes the turn on; M starts and pauses from the keyboard.
  await timer.getByRole('button', { name: 'Skip to the next driver' }).click();
  await expect(page.getByTestId('mob-driver')).toHaveText('Cy');
  await page.locator('h1').focus();
  await page.keyboard.press('m');
  await page.clock.fastForward(10_000);
  // A running timer's clock also moves with real time: on a busy machine, seconds more.
  await expect(page.getByTestId('mob-time')).toHaveText(/^0:(4\d|50)$/);
  await page.keyboard.press('m');
  const paused = await page.getByTestId('mob-time').textContent();
  await page.clock.fastForward(20_000);
  await expect(page.getByTestId('mob-time')).toHaveText(paused!);
  // Remembered, running or not: a running turn goes on after a reload.
  await page.reload();
  await expect(page.getByTestId('mob-driver')).toHaveText('Cy');
  await expect(page.getByTestId('mob-time')).toHaveText(paused!);
  await page.keyboard.press('m');
  await page.clock.fastForward(10_000);
  await expect(page.getByTestId('mob-time')).toHaveText(/^0:(3\d|40)$/);
  await page.reload();
  await page.clock.fastForward(10_000);
  // Ten seconds less again (and what the reload took): not restarted, not paused.
  await expect(page.getByTestId('mob-time')).toHaveText(/^0:([0-2]\d|30)$/);
  // One timer for every window of the browser (the presenter's too).
  const other = await page.context().newPage();
  await other.goto('/');
  await expect(other.getByTestId('mob-driver')).toHaveText('Cy');
  await page.keyboard.press('m');
  await expect(other.getByRole('button', { name: 'Start the mob timer' })).toBeVisible();
  await other.getByRole('button', { name: 'Skip to the next driver' }).click();
  await expect(page.getByTestId('mob-driver')).toHaveText('Ada');
});

test('the presenter window follows the main window, and both can be reloaded', async ({
  context,
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto(`/${EXERCISE}`);
  await expect(page.getByTestId('cursor')).toHaveText(/Step ([1-9]\d*) of \1/);
  const end = await cursorOf(page);

  const presenter = await context.newPage();
  await presenter.setViewportSize({ width: 1280, height: 720 });
  await presenter.goto('/#/present');
  await expect(presenter.getByRole('heading', { name: /Lost message/ })).toBeVisible();
  await expect(presenter.getByTestId('presenter-cursor')).toHaveText(`Step ${end.at} of ${end.of}`);
  await expect(presenter.locator('html')).toHaveAttribute('data-projector', '');

  // The cursor follows.
  await page.locator('#run-title').click();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('cursor')).toHaveText(`Step ${end.at - 1} of ${end.of}`);
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('cursor')).toHaveText(`Step ${end.at - 2} of ${end.of}`);
  await expect(presenter.getByTestId('presenter-cursor')).toHaveText(
    `Step ${end.at - 2} of ${end.of}`,
  );
  await expect(presenter.locator('.seq-row.is-cursor').first()).toBeVisible();

  // The code follows.
  await focusEditor(page);
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText('\n// presenter sees this');
  await expect(presenter.getByTestId('presenter-code')).toContainText('// presenter sees this');

  // Reload the presenter: it asks and gets the state again.
  await presenter.reload();
  await expect(presenter.getByTestId('presenter-cursor')).toHaveText(
    `Step ${end.at - 2} of ${end.of}`,
  );
  // Reload the main window: it broadcasts its state on load.
  await page.reload();
  await expect(page.getByTestId('cursor')).toHaveText(`Step ${end.at} of ${end.of}`);
  await expect(presenter.getByTestId('presenter-cursor')).toHaveText(`Step ${end.at} of ${end.of}`);
  await page.locator('#run-title').click();
  await page.keyboard.press('ArrowLeft');
  await expect(presenter.getByTestId('presenter-cursor')).toHaveText(
    `Step ${end.at - 1} of ${end.of}`,
  );
  await presenter.screenshot({ path: 'e2e-artifacts/presenter.png' });
  await expectNoSeriousViolations(presenter, 'presenter');
});

test('instructor mode: agenda with the room marker, reveal in the presenter, reset progress', async ({
  context,
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto('/#/agenda');
  await expect(page.getByRole('heading', { level: 1, name: /two-day workshop/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /Day 1/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /18\. / })).toBeVisible();
  // Off by default: no instructor controls.
  await expect(page.getByRole('button', { name: /We are here/ })).toHaveCount(0);

  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('checkbox', { name: 'Instructor mode' }).check();
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('button', { name: /We are here\W+Partial failures/ }).click();
  await expect(page.getByTestId('block-d1-partial-failures')).toHaveAttribute(
    'aria-current',
    'step',
  );
  await expectNoSeriousViolations(page, 'agenda');

  // A presenter window, moved to an exercise by the instructor, then shown the hints.
  const presenter = await context.newPage();
  await presenter.goto('/#/present');
  await expect(presenter.getByTestId('presenter-status')).toBeVisible();
  await page.getByRole('button', { name: /Show in presenter\W+Ghost message/ }).click();
  await expect(presenter.getByRole('heading', { name: /05\. Ghost message/ })).toBeVisible();
  await expect(presenter.getByTestId('presenter-cursor')).toHaveText(/Step ([1-9]\d*) of \1/);

  await page.goto('/#/exercise/05-ghost-message');
  await page.getByRole('button', { name: 'Reveal hints' }).click();
  await expect(presenter.getByRole('heading', { name: 'Hints' })).toBeVisible();
  await page.getByRole('button', { name: 'Reveal solution' }).click();
  await expect(presenter.getByRole('heading', { name: 'Solution' })).toBeVisible();
  await focusEditor(page);
  await page.keyboard.insertText('// mine\n');

  // The marker is remembered; the reset asks first.
  await page.goto('/#/agenda');
  await expect(page.getByTestId('block-d1-partial-failures')).toHaveAttribute(
    'aria-current',
    'step',
  );
  await expect(page.getByRole('link', { name: /05\. Ghost/ }).locator('..')).toContainText(
    'in progress',
  );
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('button', { name: 'Reset progress…' }).click();
  await page.getByRole('button', { name: 'Keep it' }).click();
  await expect(page.getByRole('link', { name: /05\. Ghost/ }).locator('..')).toContainText(
    'in progress',
  );
  await page.getByRole('button', { name: 'Reset progress…' }).click();
  await page.getByRole('button', { name: 'Reset all progress' }).click();
  await expect(page.getByRole('link', { name: /05\. Ghost/ }).locator('..')).toContainText(
    'not started',
  );
});

test('export the run as SVG, PNG and JSON; import the JSON back; a bad file changes nothing', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto(`/${EXERCISE}`);
  await expect(page.getByTestId('cursor')).toHaveText(/Step ([1-9]\d*) of \1/);
  await page.locator('#run-title').click();
  await page.keyboard.press('ArrowLeft');
  const at = await cursorOf(page);

  const grab = (name: string) => downloadFrom(page, name, 'export');
  const svg = (await grab('Export SVG')).toString('utf8');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: doc.documentElement.nodeName,
      labels: [...doc.querySelectorAll('text')].map((t) => t.textContent).join(' '),
      styled: doc.querySelector('line')?.getAttribute('style') ?? '',
    };
  }, svg);
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  expect(parsed.labels).toContain('submit r1');
  expect(parsed.styled).toContain('stroke-width');

  const png = await grab('Export PNG');
  expect(png.length).toBeGreaterThan(1000);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

  const json = await grab('Export JSON');
  const run = JSON.parse(json.toString('utf8')) as Record<string, unknown>;
  expect(run).toMatchObject({
    format: 'reliable-messaging-workshop/run',
    version: 1,
    exercise: '04-lost-message',
    cursor: at.at,
    seed: 0,
  });
  expect((run.labels as string[]).length).toBe(at.of);

  // Import into a fresh page: the same run at the same cursor.
  await page.keyboard.press('r');
  await expect(page.getByTestId('cursor')).toHaveText('Step 0 of 0');
  const chooser = page.locator('input[type="file"]');
  await chooser.setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{oops'),
  });
  await expect(page.getByRole('alert')).toContainText('not valid JSON. Nothing was changed.');
  await expect(page.getByTestId('cursor')).toHaveText('Step 0 of 0');
  await chooser.setInputFiles({ name: 'run.json', mimeType: 'application/json', buffer: json });
  await expect(page.getByTestId('cursor')).toHaveText(`Step ${at.at} of ${at.of}`);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('an exported counterexample names its exercise and invariant, highlights its step, and imports back as a counterexample', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto(`/${EXERCISE}`);
  await expect(page.getByTestId('cursor')).toHaveText(/Step ([1-9]\d*) of \1/);
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByTestId('verdict')).toContainText('Violated: noLostMessages', {
    timeout: 30_000,
  });
  const end = await cursorOf(page);
  const grab = (name: string) => downloadFrom(page, name, 'cex');
  const svg = (await grab('Export SVG')).toString('utf8');
  const picture = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      labels: [...doc.querySelectorAll('text')].map((t) => t.textContent).join(' | '),
      highlighted: [...doc.querySelectorAll('rect')].filter((r) =>
        /fill-opacity:\s*0\.16/.test(r.getAttribute('style') ?? ''),
      ).length,
    };
  }, svg);
  expect(picture.labels).toContain('Lost message: save, then send (exercise 04-lost-message)');
  expect(picture.labels).toContain(`Violated: noLostMessages, at step ${end.of}`);
  expect(picture.highlighted).toBeGreaterThan(0);

  const json = await grab('Export JSON');
  expect(JSON.parse(json.toString('utf8'))).toMatchObject({ violates: 'noLostMessages' });

  // A fresh page (no check run there) imports it back as a counterexample.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByTestId('cursor')).toHaveText(/Step ([1-9]\d*) of \1/);
  await expect(page.getByTestId('counterexample')).toHaveCount(0);
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name: 'cex.json', mimeType: 'application/json', buffer: json });
  const cex = page.getByTestId('counterexample');
  await expect(cex).toContainText('What is wrong (noLostMessages): r1@Frontend committed');
  await expect(page.getByTestId('cursor')).toHaveText(`Step ${end.of} of ${end.of}`);
});
