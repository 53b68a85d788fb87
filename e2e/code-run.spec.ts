/**
 * Code ↔ run: stepping through a counterexample marks, at every step, the line of the learner's
 * file that step ran, and the counterexample names the line of its last step in that code. For
 * three exercises, each starter's counterexample is walked step by step; the marked line is read
 * back from the editor and compared with the file on disk: it is the line the page names, it makes
 * a ctx call, and the walk marks more than one line. Hovering a step's row marks its line too.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { expectNoSeriousViolations } from './support';

const EXERCISES = ['04-lost-message', '12-outbox', '22-http-edges'];

/** The line the editor marks (null: none), and the text of the marked line. */
async function markedLine(page: Page): Promise<{ line: number | null; text: string | null }> {
  const host = page.getByTestId('code-editor');
  const attr = await host.getAttribute('data-run-line');
  const marked = host.locator('.cm-run-line');
  const count = await marked.count();
  return {
    line: attr === null ? null : Number(attr),
    text: count === 1 ? ((await marked.textContent()) ?? '') : null,
  };
}

async function stepNumber(page: Page): Promise<{ at: number; of: number }> {
  const m = /Step (\d+) of (\d+)/.exec((await page.getByTestId('cursor').textContent()) ?? '');
  return { at: Number(m?.[1]), of: Number(m?.[2]) };
}

for (const folder of EXERCISES) {
  test(`${folder}: stepping the counterexample marks the line each step ran`, async ({ page }) => {
    test.setTimeout(120_000);
    const source = readFileSync(`exercises/${folder}/starter.ts`, 'utf8').split('\n');
    await page.goto(`/#/exercise/${folder}`);
    await expect(page.locator('.seq')).toBeVisible();
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(page.getByTestId('verdict')).toContainText('Violated', { timeout: 60_000 });
    const cex = page.getByTestId('counterexample');
    await expect(cex.getByTestId('counterexample-line')).toBeVisible({ timeout: 15_000 });
    const named = Number(
      /line (\d+)/.exec((await cex.getByTestId('counterexample-line').textContent()) ?? '')?.[1],
    );

    await cex.getByRole('button', { name: 'Step through it from the start' }).click();
    await expect(page.getByTestId('cursor')).toHaveText(/Step 0 of \d+/);
    const { of: steps } = await stepNumber(page);
    expect(await markedLine(page)).toEqual({ line: null, text: null });

    const seen = new Set<number>();
    const lineAt = new Map<number, number>();
    let last: number | null = null;
    for (let at = 1; at <= steps; at++) {
      await page.locator('#run-title').click();
      await page.keyboard.press('ArrowRight');
      await expect(page.getByTestId('cursor')).toHaveText(`Step ${at} of ${steps}`);
      const marked = await markedLine(page);
      if (marked.line === null) {
        expect(marked.text, `step ${at}: no line, no mark`).toBeNull();
        continue;
      }
      // The mark sits on the line the page names, and that line of the file makes a ctx call.
      expect(marked.text?.trim(), `step ${at}`).toBe(source[marked.line - 1]!.trim());
      expect(source[marked.line - 1], `step ${at}`).toMatch(/ctx\./);
      seen.add(marked.line);
      lineAt.set(at, marked.line);
      last = marked.line;
    }
    expect(seen.size, 'the walk marks more than one line').toBeGreaterThan(1);
    expect(named, "the counterexample names its last step's line").toBe(last);

    // Hovering a row marks the line its step ran; leaving it, the cursor's line is back.
    const [step, line] = [...lineAt].find(([, l]) => l !== last)!;
    const editor = page.getByTestId('code-editor');
    const atCursor = await editor.getAttribute('data-run-line');
    await page
      .locator(`.seq-row[data-step="${step - 1}"]`)
      .first()
      .hover();
    await expect(editor).toHaveAttribute('data-run-line', String(line));
    await page.locator('#run-title').hover();
    if (atCursor === null) await expect(editor).not.toHaveAttribute('data-run-line', /./);
    else await expect(editor).toHaveAttribute('data-run-line', atCursor);

    // "Show line N" goes to that step, and the editor marks it.
    await cex.getByRole('button', { name: `Show line ${named}` }).click();
    await expect(page.getByTestId('code-editor')).toHaveAttribute('data-run-line', String(named));
    await expectNoSeriousViolations(page, `${folder}: the marked line`);
  });
}

test('09: a hint tied to the counterexample names the line that ran twice for one message', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const source = readFileSync('exercises/09-primary-key-dedup/starter.ts', 'utf8').split('\n');
  await page.goto('/#/exercise/09-primary-key-dedup');
  await expect(page.locator('.seq')).toBeVisible();
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByTestId('verdict')).toContainText('Violated', { timeout: 60_000 });
  const hints = page.getByTestId('hints');
  await expect(hints).toContainText('Two attempts at the same message each created an order');
  const line = Number(/Line (\d+) ran in/.exec((await hints.textContent()) ?? '')?.[1]);
  expect(source[line - 1]).toContain("ctx.store('orders', ctx.newId()");
  await expectNoSeriousViolations(page, '09: a hint');
});

test('04: putting the caret on a line lists the steps that ran it, and goes to one', async ({
  page,
}) => {
  const source = readFileSync('exercises/04-lost-message/starter.ts', 'utf8').split('\n');
  const line = source.findIndex((l) => l.includes("ctx.send('Orders'")) + 1;
  await page.goto('/#/exercise/04-lost-message');
  await expect(page.getByTestId('cursor')).toHaveText(/^Step (\d+) of \1$/);
  // The opening run (the happy path) sends SubmitOrder once: one step ran that line.
  await page.locator('.cm-line', { hasText: "ctx.send('Orders'" }).click();
  const steps = page.getByTestId('caret-steps');
  await expect(steps).toContainText(`Line ${line} ran in step`);
  const buttons = steps.getByRole('button');
  await expect(buttons).toHaveCount(1);
  const step = Number(await buttons.first().textContent());
  await buttons.first().click();
  await expect(page.getByTestId('cursor')).toHaveText(new RegExp(`^Step ${step} of`));
  await expect(page.getByTestId('code-editor')).toHaveAttribute('data-run-line', String(line));
  // A line no step ran (a comment) lists nothing.
  await page.locator('.cm-line', { hasText: 'The guard that stops a double submit' }).click();
  await expect(steps).toHaveCount(0);
});
