/**
 * The page at the sizes a room uses: a laptop driving a projector (1280x720) and a full-HD
 * screen. For five exercises, and for a counterexample, every lane of the sequence diagram is in
 * view, its labels are readable (10 px and up) and the page never scrolls sideways. Screenshots
 * go to e2e-artifacts/layout-*.png (docs/layout/ keeps the ones reviewed). In projector mode
 * (big type for the back of the room) the same holds with labels of 18 px and up. In the run's
 * full view (key F) a whole counterexample is in view at once: every row and every lane. The
 * site header stays one row.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';

const EXERCISES = [
  '01-double-submit',
  '04-lost-message',
  '05-ghost-message',
  '12-outbox',
  '22-http-edges',
];

const CONFIGS = [
  { name: '1280x720', width: 1280, height: 720, projector: false, minLabelPx: 10 },
  { name: '1920x1080', width: 1920, height: 1080, projector: false, minLabelPx: 10 },
  { name: '1280x720-projector', width: 1280, height: 720, projector: true, minLabelPx: 18 },
] as const;

/** Lanes whose header is not wholly inside the diagram's own visible box. */
async function lanesOutOfView(page: Page): Promise<string[]> {
  return page.locator('.seq').evaluate((seq) => {
    const box = seq.querySelector('.seq-scroll')!.getBoundingClientRect();
    return [...seq.querySelectorAll('.seq-head')]
      .filter((head) => {
        const r = head.getBoundingClientRect();
        return r.left < box.left - 1 || r.right > box.right + 1;
      })
      .map((head) => head.getAttribute('data-lifeline') ?? '?');
  });
}

/** A label's size on screen (its font size times the diagram's zoom). */
async function smallestLabelPx(page: Page): Promise<number> {
  return page.locator('.seq').evaluate((seq) => {
    const sizes = [...seq.querySelectorAll('.seq-label, .seq-head-label')].map((el) => {
      const zoom = (el as Element & { currentCSSZoom?: number }).currentCSSZoom ?? 1;
      return parseFloat(getComputedStyle(el).fontSize) * zoom;
    });
    return Math.min(...sizes);
  });
}

/** Counterexamples of these exercises must fit the full view whole. */
const FULL_VIEW_EXERCISES = ['04-lost-message', '12-outbox', '22-http-edges'];

/** Diagram rows not wholly in view: below the lane headers, inside the box and the window. */
async function rowsOutOfView(page: Page): Promise<number[]> {
  return page.locator('.seq').evaluate((seq) => {
    const box = seq.querySelector('.seq-scroll')!.getBoundingClientRect();
    const top = seq.querySelector('.seq-header')!.getBoundingClientRect().bottom;
    const bottom = Math.min(box.bottom, window.innerHeight);
    return [...seq.querySelectorAll('.seq-row')]
      .filter((row) => {
        const r = row.getBoundingClientRect();
        return r.top < top - 1 || r.bottom > bottom + 1;
      })
      .map((row) => Number(row.getAttribute('data-index')));
  });
}

async function expectReadable(page: Page, minLabelPx: number) {
  await expect(page.locator('.seq-head').first()).toBeVisible();
  expect(await lanesOutOfView(page)).toEqual([]);
  expect(await smallestLabelPx(page)).toBeGreaterThanOrEqual(minLabelPx);
  const sideways = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(sideways).toBeLessThanOrEqual(0);
}

for (const config of CONFIGS) {
  test.describe(`at ${config.name}`, () => {
    test.use({ viewport: { width: config.width, height: config.height } });

    test.beforeEach(async ({ page }) => {
      await page.goto('/#/');
      if (config.projector) {
        await page.getByRole('button', { name: 'Projector' }).click();
        await expect(page.locator('html')).toHaveAttribute('data-projector', '');
      }
    });

    test('the header is one row, on the learning path as on an exercise', async ({ page }) => {
      const headerPx = () =>
        page.locator('.app-header').evaluate((h) => h.getBoundingClientRect().height);
      await expect(page.getByRole('heading', { name: 'Learning path' })).toBeVisible();
      expect(await headerPx()).toBeLessThan(64);
      await page.goto('/#/exercise/04-lost-message');
      await expect(page.locator('.seq-head').first()).toBeVisible();
      expect(await headerPx()).toBeLessThan(64);
    });

    test('every lane of five exercises is in view and readable', async ({ page }) => {
      for (const folder of EXERCISES) {
        await page.goto(`/#/exercise/${folder}`);
        await expect(page.getByTestId('cursor')).toHaveText(/^Step (\d+) of \1$/);
        await expectReadable(page, config.minLabelPx);
        await page.screenshot({ path: `e2e-artifacts/layout-${config.name}-${folder}.png` });
      }
    });

    test('a counterexample is in view and readable, its breaking step highlighted', async ({
      page,
    }) => {
      await page.goto('/#/exercise/04-lost-message');
      await page.getByRole('button', { name: 'Check', exact: true }).click();
      await expect(page.getByTestId('verdict')).toContainText('Violated: noLostMessages', {
        timeout: 30_000,
      });
      await expect(page.getByTestId('counterexample')).toContainText('r1@Frontend committed');
      await expectReadable(page, config.minLabelPx);
      await expect(page.locator('.seq-row.is-emphasised').first()).toBeInViewport();
      await page.screenshot({ path: `e2e-artifacts/layout-${config.name}-counterexample.png` });
    });

    test('in full view, a whole counterexample is in view at once', async ({ page }) => {
      for (const folder of FULL_VIEW_EXERCISES) {
        await page.goto(`/#/exercise/${folder}`);
        await page.getByRole('button', { name: 'Check', exact: true }).click();
        await expect(page.getByTestId('verdict')).toContainText('Violated', { timeout: 60_000 });
        await expect(page.getByTestId('cursor')).toHaveText(/^Step (\d+) of \1$/);
        await page.keyboard.press('f');
        await expect(page.getByTestId('full-view-banner')).toContainText('Violated');
        await expectReadable(page, config.minLabelPx);
        await page.screenshot({ path: `e2e-artifacts/layout-${config.name}-full-${folder}.png` });
        await expect.poll(() => rowsOutOfView(page)).toEqual([]);
        await page.keyboard.press('Escape');
        await expect(page.getByTestId('full-view-banner')).toHaveCount(0);
        await expect(page.getByRole('button', { name: 'Full view' })).toHaveAttribute(
          'aria-pressed',
          'false',
        );
      }
    });
  });
}
