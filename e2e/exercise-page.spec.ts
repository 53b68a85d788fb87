/**
 * Journeys of a new learner on the exercise page: play and step a run, inject a fault from a
 * step, check the starter and step through its counterexample, fix the code in the editor and
 * pass, keep it across a reload, share a run, survive a runaway loop, damaged storage and a long
 * check that is cancelled.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { expectNoSeriousViolations, replaceCode } from './support';

// Independent journeys: spread over both workers, not run in file order on one (CI time).
test.describe.configure({ mode: 'parallel' });

const SOLUTION = readFileSync('exercises/04-lost-message/solution.ts', 'utf8');

/** The run view's "Step n of m". */
async function cursorOf(page: Page): Promise<{ at: number; of: number }> {
  const text = (await page.getByTestId('cursor').textContent()) ?? '';
  const m = /Step (\d+) of (\d+)/.exec(text);
  return { at: Number(m?.[1]), of: Number(m?.[2]) };
}

/** Puts keyboard focus on the page itself (not a control), for the page shortcuts. */
async function focusPage(page: Page) {
  await page.locator('#run-title').click();
}

async function showTimeline(page: Page) {
  await page.getByRole('tab', { name: 'Timeline table' }).click();
}

test('play, step, fault from a step, check, fix, pass and keep it', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  const card = page.getByRole('link', { name: /Lost message: save, then send/ });
  await expect(card.getByTestId('status')).toHaveText('Not started');
  await card.click();
  await expect(page.locator('.seq')).toBeVisible();
  await page.screenshot({ path: 'e2e-artifacts/exercise-diagram.png' });
  await expectNoSeriousViolations(page);
  await showTimeline(page);
  await expect(page.getByTestId('timeline')).toContainText('SubmitOrder');
  await expect(page.getByRole('separator')).toHaveCount(3);

  // Play animates the seeded run to its end.
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(async () => (await cursorOf(page)).at, { timeout: 15_000 }).toBeGreaterThan(0);
  await expect
    .poll(async () => {
      const c = await cursorOf(page);
      return c.at === c.of && c.of > 0;
    })
    .toBe(true);

  // Reset, then step by choosing events; the keyboard steps and scrubs.
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByTestId('cursor')).toHaveText('Step 0 of 0');
  await page.getByRole('button', { name: /^alice acts/ }).click();
  await expect(page.getByTestId('cursor')).toHaveText('Step 1 of 1');
  await focusPage(page);
  await page.keyboard.press(' ');
  await expect(page.getByTestId('cursor')).toHaveText('Step 2 of 2');
  await page.keyboard.press(' ');
  await expect(page.getByTestId('cursor')).toHaveText('Step 3 of 3');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('cursor')).toHaveText('Step 2 of 3');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('cursor')).toHaveText('Step 3 of 3');
  await expect(page.getByTestId('world-state')).toContainText('carts/cart-1');
  await page.screenshot({ path: 'e2e-artifacts/exercise-stepping.png' });

  // Play a full seeded run, then inject the broker failure at the step where the send happens.
  const seed = page.getByRole('textbox', { name: 'Seed', exact: true });
  await seed.fill('5');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page).toHaveURL(/seed=5$/);
  await expect(page.getByTestId('timeline-seed')).toHaveText('5');
  const faultButtons = page.getByRole('button', { name: /^Faults at step/ });
  const count = await faultButtons.count();
  let injected = false;
  for (let i = 0; i < count && !injected; i++) {
    const button = faultButtons.nth(i);
    const name = (await button.getAttribute('aria-label')) ?? '';
    await button.click();
    const menu = page.getByRole('group', { name });
    const none = page.getByText(/No fault could happen at step/);
    await expect(menu.or(none)).toBeVisible();
    // The database may fail too: look for the step whose menu offers the broker failure.
    const sendFail = menu
      .getByRole('listitem')
      .filter({ hasText: 'the broker rejects a send' })
      .getByRole('button');
    if ((await menu.isVisible()) && (await sendFail.count()) > 0) {
      await page.screenshot({ path: 'e2e-artifacts/exercise-fault-menu.png' });
      await expectNoSeriousViolations(page);
      await sendFail.first().click();
      injected = true;
    } else {
      await button.click();
    }
  }
  expect(injected).toBe(true);
  await expect(page.getByTestId('timeline').locator('tr.branch').first()).toBeVisible();
  await expect(page.getByTestId('timeline')).toContainText('sendFail');
  await expect(page.getByLabel('Run summary')).toContainText('a message it meant to send');

  // Check the starter: violated, with the shortest counterexample in the run view.
  await focusPage(page);
  await page.keyboard.press('c');
  await expect(page.getByTestId('verdict')).toContainText('Violated: noLostMessages', {
    timeout: 30_000,
  });
  const cex = page.getByTestId('counterexample');
  await expect(cex).toContainText('What is wrong (noLostMessages): r1@Frontend committed');
  await expect(cex).toContainText('lost message');
  const end = await cursorOf(page);
  expect(end.at).toBe(end.of);
  await cex.getByRole('button', { name: 'Step through it from the start' }).click();
  await expect(page.getByTestId('cursor')).toHaveText(`Step 0 of ${end.of}`);
  await focusPage(page);
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('cursor')).toHaveText(`Step 1 of ${end.of}`);
  await cex.getByRole('button', { name: 'Jump to the violation' }).click();
  await expect(page.getByTestId('cursor')).toHaveText(`Step ${end.of} of ${end.of}`);
  await page.screenshot({ path: 'e2e-artifacts/exercise-counterexample.png' });
  await expectNoSeriousViolations(page);

  // Fix the code through the editor, see the diff, check again: passed.
  await replaceCode(page, SOLUTION);
  await page.getByRole('button', { name: 'Diff with starter' }).click();
  await expect(page.getByTestId('diff')).toContainText('We cannot tell whether our earlier send');
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByTestId('verdict')).toContainText('Passed', { timeout: 30_000 });
  await expect(page.getByTestId('verdict')).toContainText('states explored');
  await page.screenshot({ path: 'e2e-artifacts/exercise-passed.png' });

  // Reload: the code is kept; the learning path shows the exercise as passed.
  await page.reload();
  await expect(page.locator('.cm-content')).toContainText(
    'We cannot tell whether our earlier send',
  );
  await page.getByRole('link', { name: '← Learning path' }).click();
  await expect(card.getByTestId('status')).toHaveText('Passed');
});

test('a share link reproduces code, settings and the run in a fresh browser', async ({
  page,
  browser,
}) => {
  await page.goto('/#/exercise/04-lost-message');
  await showTimeline(page);
  await expect(page.getByTestId('timeline')).toContainText('SubmitOrder');
  await replaceCode(page, `// shared by a colleague\n${SOLUTION}`);
  await page.getByRole('spinbutton', { name: 'Faults in total' }).fill('2');
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByTestId('cursor')).toHaveText('Step 0 of 0');
  for (let i = 1; i <= 4; i++) {
    await page.getByRole('button', { name: /\(space\)/ }).click();
    await expect(page.getByTestId('cursor')).toHaveText(`Step ${i} of ${i}`);
  }
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByTestId('cursor')).toHaveText('Step 3 of 4');
  const rows = await page.getByTestId('timeline').locator('tbody tr').allInnerTexts();
  await page.getByRole('button', { name: 'Share this run' }).click();
  const url = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(url).toContain('share=');

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(url);
  await expect(other.getByText('This page shows a shared run')).toBeVisible();
  await expect(other.getByTestId('cursor')).toHaveText('Step 3 of 4');
  await showTimeline(other);
  await expect(other.locator('.cm-content')).toContainText('shared by a colleague');
  await expect(other.getByRole('spinbutton', { name: 'Faults in total' })).toHaveValue('2');
  expect(await other.getByTestId('timeline').locator('tbody tr').allInnerTexts()).toEqual(rows);
  await other.screenshot({ path: 'e2e-artifacts/exercise-shared.png' });
  await fresh.close();
});

test('hovering ctx.load in the editor shows its generated signature and doc', async ({ page }) => {
  await page.goto('/#/exercise/04-lost-message');
  await expect(page.locator('.cm-content')).toContainText('ctx.load');
  // The middle of "load" in "ctx.load", found in the editor's text nodes.
  const box = await page.locator('.cm-content').evaluate((content) => {
    const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
    let text = '';
    const nodes: { node: Text; start: number }[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push({ node: n as Text, start: text.length });
      text += n.textContent ?? '';
    }
    const at = text.indexOf('ctx.load') + 'ctx.'.length + 2;
    const hit = [...nodes].reverse().find((x) => x.start <= at)!;
    const range = document.createRange();
    range.setStart(hit.node, at - hit.start);
    range.setEnd(hit.node, at - hit.start + 1);
    const r = range.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
  await page.mouse.move(box.x, box.y);
  const tip = page.getByTestId('ctx-hover');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('load<T = unknown>(collection: string, id: string');
  await expect(tip).toContainText('Loads a document: its value and version, or null if absent.');
});

test('scrubbing with quick key presses never loses a step', async ({ page }) => {
  await page.goto('/#/exercise/04-lost-message');
  await expect(page.locator('.seq')).toBeVisible();
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByTestId('cursor')).toHaveText('Step 0 of 0');
  for (let i = 1; i <= 5; i++) {
    await page.getByRole('button', { name: /\(space\)/ }).click();
    await expect(page.getByTestId('cursor')).toHaveText(`Step ${i} of ${i}`);
  }
  await focusPage(page);
  for (let i = 4; i >= 0; i--) {
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('cursor')).toHaveText(`Step ${i} of 5`);
  }
  await expect(page.getByLabel('Run summary')).toContainText('Showing the world after step 0.');
  // Four presses without waiting for the worker: each counts from the last, none is lost.
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('cursor')).toHaveText('Step 4 of 5');
  await expect(page.getByLabel('Run summary')).toContainText('Showing the world after step 4.');
  await page.waitForTimeout(300);
  await expect(page.getByTestId('cursor')).toHaveText('Step 4 of 5');
  // And back and forth quickly: the last answer wins, a stale one does not move the cursor.
  for (const key of ['ArrowLeft', 'ArrowLeft', 'ArrowLeft', 'ArrowRight'])
    await page.keyboard.press(key);
  await expect(page.getByTestId('cursor')).toHaveText('Step 2 of 5');
  await expect(page.getByLabel('Run summary')).toContainText('Showing the world after step 2.');
  // One numbering: the diagram's slider, its rows at the cursor and the table say step 2 too.
  await expect(page.locator('.seq-scrub-value')).toHaveText('2 / 5');
  await expect(page.locator('.seq [role="row"][aria-selected="true"]').first()).toHaveAttribute(
    'aria-label',
    /^Step 2\./,
  );
  await showTimeline(page);
  await expect(page.locator('[data-testid="timeline"] tr.current td.num').first()).toHaveText('2');
});

test('the topology shows messages travelling along their edge during Play and steps', async ({
  page,
}) => {
  await page.goto('/#/exercise/03-going-async');
  await expect(page.locator('.seq')).toBeVisible();
  await page.getByRole('tab', { name: 'Topology' }).click();
  const deliverEdge = page.getByTestId('rf__edge-queue:Orders->ep:Orders');
  const sendEdge = page.getByTestId('rf__edge-ep:Frontend->queue:Orders');
  await expect(deliverEdge).toBeVisible();

  // During Play (slow), the send and then the delivery travel along their edges.
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('slow');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(sendEdge).toHaveClass(/\banimated\b/, { timeout: 15_000 });
  await expect(page.locator('[data-testid="message-in-flight"]')).toContainText('SubmitOrder');
  await expect(deliverEdge).toHaveClass(/\banimated\b/, { timeout: 15_000 });
  await page.screenshot({ path: 'e2e-artifacts/topology-in-flight.png' });
  await page.getByRole('button', { name: 'Pause' }).click();

  // Step by step: the edge is marked at the step that delivers, and only there. No node is ever
  // hidden on the way: React Flow hides a node whose size it has forgotten until it measures it
  // again, and on a slow machine that re-measure could be lost, leaving nodes hidden and their
  // edges gone. Every hide is counted, so the race need not happen here to be caught.
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByTestId('cursor')).toHaveText('Step 0 of 0');
  await expect(page.locator('.react-flow__edge.animated')).toHaveCount(0);
  const nodes = page.locator('.react-flow__node');
  await expect(nodes.first()).toBeVisible();
  const nodeCount = await nodes.count();
  expect(nodeCount).toBeGreaterThan(4);
  await expect(nodes.filter({ visible: true })).toHaveCount(nodeCount);
  await page.evaluate(() => {
    const w = window as unknown as { hiddenNodeFlips: string[] };
    w.hiddenNodeFlips = [];
    new MutationObserver((records) => {
      for (const r of records)
        if (r.target instanceof HTMLElement && r.target.style.visibility === 'hidden')
          w.hiddenNodeFlips.push(r.target.dataset.id ?? '?');
    }).observe(document.querySelector('.react-flow__nodes')!, {
      subtree: true,
      attributeFilter: ['style'],
    });
  });
  let delivered = -1;
  for (let i = 1; i <= 15 && delivered < 0; i++) {
    await page.getByRole('button', { name: /\(space\)/ }).click();
    await expect(page.getByTestId('cursor')).toHaveText(`Step ${i} of ${i}`);
    await expect(nodes.filter({ visible: true })).toHaveCount(nodeCount);
    await expect(deliverEdge).toBeAttached();
    if (/\banimated\b/.test((await deliverEdge.getAttribute('class')) ?? '')) delivered = i;
  }
  expect(
    await page.evaluate(() => (window as unknown as { hiddenNodeFlips: string[] }).hiddenNodeFlips),
  ).toEqual([]);
  expect(delivered).toBeGreaterThan(0);
  await expect(deliverEdge).toHaveClass(/is-in-flight/);
  await expect(
    deliverEdge
      .getByTestId('message-in-flight')
      .or(page.locator('[data-edge="queue:Orders->ep:Orders"]')),
  ).toContainText('SubmitOrder');
  await focusPage(page);
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('cursor')).toHaveText(`Step ${delivered - 1} of ${delivered}`);
  await expect(deliverEdge).not.toHaveClass(/\banimated\b/);

  // With reduced motion the edge is highlighted, not animated.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('cursor')).toHaveText(`Step ${delivered} of ${delivered}`);
  await expect(deliverEdge).toHaveClass(/is-in-flight/);
  await expect(deliverEdge).not.toHaveClass(/\banimated\b/);
});

test('a tampered share link is explained and runs nothing', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto('/#/exercise/04-lost-message?share=N4Ig-tampered-$$');
  await expect(page.getByRole('heading', { name: 'This link does not work' })).toBeVisible();
  await expect(page.getByText('This share link is damaged or was changed')).toBeVisible();
  expect(dialogs).toEqual([]);
});

test('an infinite loop gives a clear error at its line and the page stays responsive', async ({
  page,
}) => {
  await page.goto('/#/exercise/04-lost-message');
  await showTimeline(page);
  await expect(page.getByTestId('timeline')).toContainText('SubmitOrder');
  const starter = readFileSync('exercises/04-lost-message/starter.ts', 'utf8');
  await replaceCode(
    page,
    starter.replace(
      '  const cart = await ctx.load',
      '  while (true) {}\n  const cart = await ctx.load',
    ),
  );
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const error = page.getByRole('alert').filter({ hasText: 'Your code has an error' });
  await expect(error).toBeVisible({ timeout: 10_000 });
  await expect(error).toContainText('starter.ts:5');
  await expect(page.getByRole('list', { name: 'Errors in your code' })).toContainText('Line 5');
  await expect(page.locator('.cm-lint-marker-error')).toHaveCount(1);
  await page.screenshot({ path: 'e2e-artifacts/exercise-infinite-loop.png' });
  // Still responsive: reset to the starter and run again.
  await page.getByRole('button', { name: 'Reset to starter' }).click();
  await page.getByRole('button', { name: 'Replace with starter' }).click();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByTestId('timeline')).toContainText('SubmitOrder');
  await expect(error).toHaveCount(0);
});

test('damaged saved progress is reset with a notice, never a blank page', async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('rmw.progress', '{"version": 2, "exercises": [1, 2');
      sessionStorage.setItem('seeded', '1');
    }
  });
  await page.goto('/');
  await expect(page.getByRole('alert')).toContainText('could not be read');
  await expect(page.getByRole('heading', { level: 1, name: 'Learning path' })).toBeVisible();
  await page.screenshot({ path: 'e2e-artifacts/storage-reset.png' });
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await page.getByRole('link', { name: /Lost message: save, then send/ }).click();
  await showTimeline(page);
  await expect(page.getByTestId('timeline')).toContainText('SubmitOrder');
  await page.reload();
  await expect(page.getByText('could not be read')).toHaveCount(0);
});

test('a long check shows progress and stops on Cancel', async ({ page }) => {
  await page.goto('/#/exercise/18-model-checking');
  await page.getByRole('combobox', { name: 'Load a lesson step' }).selectOption('solution');
  await page.getByRole('spinbutton', { name: 'Messages (N)' }).fill('6');
  await page.getByRole('spinbutton', { name: 'MaxFailures' }).fill('6');
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  const progress = page.getByTestId('check-progress');
  await expect(progress).toContainText(/[1-9][\d,]* states/, { timeout: 15_000 });
  await page.screenshot({ path: 'e2e-artifacts/check-progress.png' });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('verdict')).toContainText('Check cancelled', { timeout: 5_000 });
  await expect(progress).toHaveCount(0);
});

test("the retry policy is a setting: without Marketing's immediate retry, the solution loses a payment", async ({
  page,
}) => {
  await page.goto('/#/exercise/17-event-sourcing');
  await expect(page.locator('.seq')).toBeVisible();
  await replaceCode(page, readFileSync('exercises/17-event-sourcing/solution.ts', 'utf8'));
  const check = page.getByRole('button', { name: 'Check', exact: true });
  await check.click();
  await expect(page.getByTestId('verdict')).toContainText('Passed');

  const immediate = page
    .getByRole('group', { name: /Retries of Marketing/ })
    .getByLabel('Immediate retries');
  await expect(immediate).toHaveValue('3');
  await immediate.fill('0');
  await check.click();
  await expect(page.getByTestId('verdict')).toContainText('couponWhenTotalCrosses100');
  await expectNoSeriousViolations(page, 'faults and settings');

  // Back to the exercise's defaults: the proof holds again.
  await page.getByRole('button', { name: 'Exercise defaults' }).click();
  await expect(immediate).toHaveValue('3');
  await check.click();
  await expect(page.getByTestId('verdict')).toContainText('Passed');
});

test('a fix that holds only within the bounds fails beyond them, on a run with the extra tab', async ({
  page,
}) => {
  const solution = readFileSync('exercises/03-going-async/solution.ts', 'utf8');
  // Without the version check, two tabs submitting the same cart both win.
  const unversioned = solution.replace(/,\s*\{ expectedVersion: cart\.version \},?/, '');
  expect(unversioned).not.toBe(solution);
  await page.goto('/#/exercise/03-going-async');
  await expect(page.locator('.seq')).toBeVisible();
  await replaceCode(page, unversioned);
  const check = page.getByRole('button', { name: 'Check', exact: true });
  await check.click();
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toContainText('Violated', { timeout: 30_000 });
  await expect(verdict.getByTestId('sampled')).toContainText(
    "Found beyond the exercise's bounds, with one more browser tab",
  );
  // The counterexample is shown on the grown workload: the extra tab has its lane.
  await expect(page.getByTestId('counterexample')).toContainText('What is wrong');
  await expect(page.locator('.seq')).toContainText('alice-2');
  await expectNoSeriousViolations(page, 'a counterexample beyond the bounds');
  await page.screenshot({ path: 'e2e-artifacts/beyond-counterexample.png' });

  await replaceCode(page, solution);
  await check.click();
  await expect(verdict).toContainText('Passed', { timeout: 30_000 });
  await expect(verdict.getByTestId('beyond')).toContainText(
    'Sampled beyond them: 120 random runs with one more browser tab found nothing.',
  );
  await page.screenshot({ path: 'e2e-artifacts/beyond-passed.png' });
});

test('a ctx call without await is flagged in the editor at its line, before any check', async ({
  page,
}) => {
  await page.goto('/#/exercise/04-lost-message');
  await expect(page.locator('.seq')).toBeVisible();
  const starter = readFileSync('exercises/04-lost-message/starter.ts', 'utf8');
  const sendLine = starter.split('\n').findIndex((l) => l.includes('await ctx.send(')) + 1;
  expect(sendLine).toBeGreaterThan(0);
  await replaceCode(page, starter.replace('await ctx.send(', 'ctx.send('));
  const warnings = page.getByRole('list', { name: 'Warnings about your code' });
  await expect(warnings).toContainText(`Line ${sendLine}`);
  await expect(warnings).toContainText('`ctx.send(...)` is not awaited');
  // Putting the await back clears it.
  await replaceCode(page, starter);
  await expect(warnings).toHaveCount(0);
});
