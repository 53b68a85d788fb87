/**
 * The same-browser presenter window follows the main window through every exercise of the
 * learning path, 01 to the last and back, the model-checking lesson included, and never draws
 * one exercise's run with another's lanes (it used to crash with "unknown tab" on 01→02). On the
 * model-checking lesson the page keys work (C checks) and the presenter shows its counterexample.
 */
import { expect, test } from '@playwright/test';
import { collectErrors } from './support';

test('the presenter follows the main window through every exercise and back, without an error', async ({
  context,
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/#/');
  const links = page.locator('a[href^="#/exercise/"]');
  await expect(links.first()).toBeVisible();
  const count = await links.count();
  expect(count).toBeGreaterThan(20);
  await links.first().click();

  const presenter = await context.newPage();
  const errors = collectErrors(presenter);
  await presenter.goto('/#/present');

  const title = page.locator('.exercise-header h1');
  const follows = async () => {
    const shown = (await title.textContent()) ?? '';
    await expect(presenter.locator('#presenter-title')).toContainText(shown);
    await expect(presenter.getByTestId('presenter-cursor')).toBeVisible();
    await expect(presenter.getByRole('alert')).toHaveCount(0);
  };
  const walk = async (key: ']' | '[') => {
    for (let i = 1; i < count; i++) {
      const before = page.url();
      await title.focus();
      await page.keyboard.press(key);
      await expect(page).not.toHaveURL(before);
      await follows();
    }
  };
  await follows();
  // The presenter shows the room's mob timer and what comes next.
  await expect(presenter.getByTestId('presenter-timer')).toContainText('drives');
  await expect(presenter.getByTestId('presenter-next')).toContainText(/^Next: 02\. /);
  await walk(']');
  await walk('[');

  // The model-checking lesson: the presenter shows its counterexample too.
  await page.goto('/#/exercise/18-model-checking');
  await page.getByRole('combobox', { name: 'Load a lesson step' }).selectOption('send-first');
  await title.focus();
  await page.keyboard.press('c');
  await expect(page.getByTestId('verdict')).toContainText('Violated', { timeout: 60_000 });
  await expect(presenter.getByTestId('presenter-cursor')).toHaveText(
    /^Counterexample: \d+ steps$/,
  );
  await expect(presenter.getByTestId('counterexample').getByRole('table')).toBeVisible();
  expect(errors).toEqual([]);
});
