/**
 * The app shell journey: learning path → exercise (by keyboard) → seeded run → new seed,
 * with no console errors and no serious accessibility violations on either view.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { collectErrors, expectNoSeriousViolations, focusEditor } from './support';

test('learning path, exercise view and seeded runs', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');

  await expect(page.getByRole('link', { name: 'Reliable messaging workshop' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Learning path' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Foundations' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Partial failures' })).toBeVisible();
  const lost = page.getByRole('link', { name: /Lost message: save, then send/ });
  await expect(lost).toBeVisible();
  await expect(page.getByRole('link', { name: /Ghost message/ })).toBeVisible();
  await page.screenshot({ path: 'e2e-artifacts/learning-path.png', fullPage: true });
  await expectNoSeriousViolations(page);

  // Open the exercise with the keyboard: Tab until the link has focus, then Enter.
  for (let i = 0; i < 30 && !(await lost.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(lost).toBeFocused();
  await page.screenshot({ path: 'e2e-artifacts/learning-path-focus.png' });
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/#\/exercise\/04-lost-message$/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Lost message: save, then send' }),
  ).toBeFocused();
  await expect(page.getByRole('heading', { name: 'Instructions' })).toBeVisible();
  // The run view shows the sequence diagram first; the table is the other tab.
  await expect(page.locator('.seq')).toBeVisible();
  await page.getByRole('tab', { name: 'Timeline table' }).click();
  const timeline = page.getByTestId('timeline');
  await expect(timeline.getByRole('row').nth(1)).toBeVisible();
  await expect(timeline).toContainText('SubmitOrder');
  // The page opens on the happy path (seed 0): nothing fails, as the README's first step says.
  await expect(page.getByTestId('timeline-seed')).toHaveText('0');
  await expect(page.getByTestId('timeline').locator('tr.trouble')).toHaveCount(0);
  await expect(page.getByLabel('Run summary')).toContainText(/steps, \d+ events/);
  await expect(page.getByLabel('Run summary')).toContainText('noLostMessages');

  // Hints still unfold.
  const hint = page.locator('details').first();
  await hint.locator('summary').click();
  await expect(hint).toHaveAttribute('open', '');

  await page.screenshot({ path: 'e2e-artifacts/exercise.png', fullPage: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.setViewportSize({ width: 1440, height: 1240 });
  // The README's screenshot is refreshed on request only, so test runs leave the tree clean.
  await page.screenshot({
    path: process.env.UPDATE_README_SCREENSHOT ? 'docs/screenshot.png' : 'e2e-artifacts/readme.png',
  });
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: 'e2e-artifacts/exercise-projector.png' });
  await page.setViewportSize({ width: 1440, height: 900 });
  await expectNoSeriousViolations(page);

  // A new seed updates the URL and the run.
  const seed = page.getByRole('textbox', { name: 'Seed', exact: true });
  await seed.fill('42');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page).toHaveURL(/#\/exercise\/04-lost-message\?seed=42$/);
  await expect(page.getByTestId('timeline-seed')).toHaveText('42');
  await expect(timeline).toContainText('SubmitOrder');
  const rows42 = await timeline.locator('tbody tr').allInnerTexts();

  // The same URL reproduces the same run.
  await page.reload();
  await page.getByRole('tab', { name: 'Timeline table' }).click();
  await expect(page.getByTestId('timeline-seed')).toHaveText('42');
  await expect(timeline.locator('tbody tr').first()).toBeVisible();
  expect(await timeline.locator('tbody tr').allInnerTexts()).toEqual(rows42);

  // An invalid seed is explained, not run.
  await seed.fill('not a number');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Enter a whole number from 0 to 4294967295.')).toBeVisible();
  await expect(page).toHaveURL(/seed=42$/);

  expect(errors).toEqual([]);
});

test('malformed links and broken or unknown exercises show a clear message', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/#/exercise/04-lost-message?seed=banana');
  await expect(page.getByRole('heading', { name: 'This link does not work' })).toBeVisible();
  await expect(page.getByText('The seed "banana" is not valid')).toBeVisible();
  await page.getByRole('link', { name: 'Back to the learning path' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Learning path' })).toBeVisible();

  await page.goto('/#/exercise/99-no-such-thing');
  await expect(page.getByRole('heading', { name: 'No such exercise' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Reliable messaging workshop' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('the model-checking lesson shows its README and a checker, without a simulation', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto('/#/exercise/18-model-checking');
  await expect(page.getByRole('heading', { name: 'Instructions' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Checker' })).toBeVisible();
  await expect(page.getByRole('spinbutton', { name: 'Messages (N)' })).toHaveValue('2');
  await expect(page.getByTestId('timeline')).toHaveCount(0);
  await page.screenshot({ path: 'e2e-artifacts/model-checking.png', fullPage: true });
  expect(errors).toEqual([]);
});

test("the model-checking lesson's counterexample is a state table (changes marked, each step's code) and a TLA+ trace", async ({
  page,
}) => {
  await page.goto('/#/exercise/18-model-checking');
  await page.getByRole('combobox', { name: 'Load a lesson step' }).selectOption('send-first');
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByTestId('verdict')).toContainText('Violated', { timeout: 30_000 });
  const table = page.getByTestId('counterexample').getByRole('table');
  await expect(table.getByRole('columnheader', { name: 'queueOut' })).toBeVisible();
  const rows = table.getByRole('row');
  // The header, the initial state, then one row per step; every step changes something.
  const steps = (await rows.count()) - 2;
  expect(steps).toBeGreaterThan(3);
  for (let i = 1; i <= steps; i++)
    await expect(
      rows
        .nth(i + 1)
        .locator('td.changed')
        .first(),
    ).toContainText('(changed)');
  // Receive picks message 1: its row marks msg as changed, to 1.
  const receive = rows.filter({ hasText: 'Receive: 1' }).first();
  const msgColumn = await table
    .getByRole('columnheader')
    .allTextContents()
    .then((h) => h.indexOf('msg'));
  await expect(receive.getByRole('cell').nth(msgColumn - 1)).toHaveText('1 (changed)');
  // Each step's code, from the learner's own model.
  await receive.getByText('its code').click();
  await expect(receive.locator('pre')).toContainText('s.pick(s.queueIn)');

  // The same run as TLC prints it: one state per row above, TLA+ values, changes marked.
  await page.getByRole('tab', { name: 'TLA+ trace' }).click();
  const tla = page.getByTestId('tla-trace');
  const states = tla.locator('pre');
  await expect(states).toHaveCount(steps + 1);
  await expect(states.first()).toContainText('State 1: <Initial predicate>');
  await expect(states.first()).toContainText('/\\ queueIn = {1');
  const received = states.filter({ hasText: '<Receive (1)>' }).first();
  await expect(received.locator('.tla-changed', { hasText: 'msg' })).toHaveText(
    '\n/\\ msg = 1 (changed)',
  );
  await expect(states.last()).toContainText('queueOut = {<<1,');
});

// page.route cannot see requests a service worker answers (the offline cache): block it here.
test.use({ serviceWorkers: 'block' });

/** Replaces the simulation worker's script, to stand in for learner code that misbehaves. */
async function routeWorker(page: Page, body: string) {
  await page.route('**/assets/simulation.worker-*.js', (route) =>
    route.fulfill({ contentType: 'text/javascript', body }),
  );
}

test('a runaway worker is stopped on its deadline with a clear message', async ({ page }) => {
  await routeWorker(page, 'self.onmessage = () => { for (;;) {} };');
  await page.goto('/#/exercise/04-lost-message?seed=3');
  await expect(page.getByText('Running seed 3…')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your code did not finish' })).toBeVisible({
    timeout: 8_000,
  });
  await expect(page.getByRole('alert').filter({ hasText: 'did not finish' })).toContainText(
    'stopped after 5 s',
  );
});

test('learner errors show file:line:column and a crashed worker can be retried', async ({
  page,
}) => {
  const learnerError = {
    type: 'learnerError',
    error: { kind: 'syntax', file: 'starter.ts', line: 12, column: 5, message: 'Unexpected token' },
  };
  await routeWorker(
    page,
    `self.onmessage = () => self.postMessage(${JSON.stringify(learnerError)});`,
  );
  await page.goto('/#/exercise/04-lost-message');
  await expect(page.getByRole('heading', { name: 'Your code has an error' })).toBeVisible();
  await expect(page.getByText('starter.ts:12:5: Unexpected token')).toBeVisible();

  // The session worker lives on, so a crashing worker needs a fresh page.
  await page.unroute('**/assets/simulation.worker-*.js');
  await routeWorker(page, 'throw new Error("boom");');
  await page.reload();
  await expect(page.getByText('The simulation could not run')).toBeVisible();
  await page.unroute('**/assets/simulation.worker-*.js');
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('tab', { name: 'Timeline table' }).click();
  await expect(page.getByTestId('timeline')).toContainText('SubmitOrder');
});

test('an internal error is caught by the view boundary with a copyable report', async ({
  page,
}) => {
  const bogus = {
    type: 'session',
    choices: [{ label: 'x', fault: null }],
    events: [{ type: 'notAnEvent', step: 0, tick: 0 }],
    cursor: 1,
    world: {},
    summary: {},
    enabled: [],
    invariants: [],
    quiescent: true,
    seed: 1,
    branchStep: null,
    stepError: null,
  };
  await routeWorker(page, `self.onmessage = () => self.postMessage(${JSON.stringify(bogus)});`);
  await page.goto('/#/exercise/04-lost-message');
  await expect(
    page.getByRole('heading', { name: 'Something went wrong in the seeded run' }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Instructions' })).toBeVisible();
  await expect(page.getByLabel('Error report')).toHaveValue(/Unexpected trace event/);
  await page.screenshot({ path: 'e2e-artifacts/internal-error.png' });
  await page.getByRole('link', { name: 'Reliable messaging workshop' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Learning path' })).toBeVisible();
});

test('the model-checking lesson: a lesson step never loses my edits, and the untouched starter is not a pass', async ({
  page,
}) => {
  await page.goto('/#/exercise/18-model-checking');
  // Checking the untouched starter passes, but the exercise is not marked passed.
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByTestId('verdict')).toContainText('Passed', { timeout: 30_000 });
  const status = () =>
    page.evaluate(() => {
      const raw = localStorage.getItem('rmw.progress');
      const record = raw
        ? (JSON.parse(raw) as { exercises: Record<string, { status?: string }> }).exercises[
            '18-model-checking'
          ]
        : undefined;
      return record?.status ?? 'none';
    });
  expect(await status()).not.toBe('passed');

  // My edit, then a lesson step loaded over it: my edit is a version in History.
  await focusEditor(page);
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText('\n// my own idea\n');
  await page.getByRole('combobox', { name: 'Load a lesson step' }).selectOption('send-first');
  await expect(page.locator('.cm-content')).not.toContainText('my own idea');
  await page.getByRole('button', { name: 'History', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Versions of your code' });
  await expect(dialog).toContainText('before a lesson step was loaded');
  await dialog
    .getByRole('list', { name: 'Versions, newest first' })
    .getByRole('button')
    .first()
    .click();
  await dialog.getByRole('button', { name: 'Restore this version' }).click();
  await expect(page.locator('.cm-content')).toContainText('my own idea');
});
