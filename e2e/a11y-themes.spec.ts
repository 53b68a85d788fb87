/**
 * axe-core finds no serious or critical violation in any of the four looks a room uses — light
 * and dark, each at the desk and in projector mode — on the learning path, on a messaging
 * exercise showing a counterexample (its breaking step and its line in the code marked, then in
 * the run's full view), and on
 * the model-checking lesson (exercise 18) showing a counterexample of a lesson step.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { expectNoSeriousViolations } from './support';

const LOOKS = [
  { name: 'light', dark: false, projector: false },
  { name: 'dark', dark: true, projector: false },
  { name: 'projector light', dark: false, projector: true },
  { name: 'projector dark', dark: true, projector: true },
] as const;

async function setLook(page: Page, look: (typeof LOOKS)[number]) {
  await page.emulateMedia({ colorScheme: look.dark ? 'dark' : 'light' });
  await page.goto('/#/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', look.dark ? 'dark' : 'light');
  if (look.projector) {
    await page.getByRole('button', { name: 'Projector' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-projector', '');
  }
}

for (const look of LOOKS) {
  test(`accessible in ${look.name}: learning path, a counterexample, exercise 18`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1280, height: 720 });
    await setLook(page, look);
    await expect(page.getByRole('heading', { name: 'Learning path' })).toBeVisible();
    await expectNoSeriousViolations(page, `${look.name}: learning path`);

    await page.goto('/#/exercise/04-lost-message');
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(page.getByTestId('verdict')).toContainText('Violated', { timeout: 60_000 });
    const line = page.getByTestId('counterexample-line');
    await expect(line).toBeVisible();
    await page
      .getByTestId('counterexample')
      .getByRole('button', { name: `Show ${(await line.textContent()) ?? ''}` })
      .click();
    await expect(page.getByTestId('code-editor').locator('.cm-run-line')).toBeVisible();
    await expectNoSeriousViolations(page, `${look.name}: a counterexample and its line`);
    await page.getByRole('button', { name: 'Full view' }).click();
    await expect(page.getByTestId('full-view-banner')).toBeVisible();
    await expectNoSeriousViolations(page, `${look.name}: the counterexample in full view`);
    await page.keyboard.press('Escape');

    await page.goto('/#/exercise/18-model-checking');
    await page.getByRole('combobox', { name: 'Load a lesson step' }).selectOption('send-first');
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(page.getByTestId('verdict')).toContainText('Violated', { timeout: 60_000 });
    await expect(page.getByTestId('counterexample')).toBeVisible();
    await expectNoSeriousViolations(page, `${look.name}: exercise 18 with a counterexample`);
  });
}
