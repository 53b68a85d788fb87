/**
 * A learner's work is never lost: share links and imports open as new versions (the learner's
 * own code stays restorable from History), damaged or newer-format storage survives as a
 * download, and a very large file survives a reload.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { focusEditor, openExportMenu, replaceCode } from './support';

const FOLDER = '04-lost-message';
const STARTER = readFileSync(`exercises/${FOLDER}/starter.ts`, 'utf8');
/** A run file as Export JSON writes it (src/ui/export/runFile.ts). */
const runFile = (code: string) =>
  JSON.stringify({
    format: 'reliable-messaging-workshop/run',
    version: 1,
    exercise: FOLDER,
    file: 'starter.ts',
    code,
    settings: {},
    labels: [],
    cursor: 0,
    seed: 1,
  });

/** A share link of `code`, made by the page itself (in a separate context). */
async function shareLinkOf(page: Page, code: string): Promise<string> {
  const other = await page.context().browser()!.newContext();
  const p = await other.newPage();
  await p.goto(`/#/exercise/${FOLDER}`);
  await replaceCode(p, code);
  await p.getByRole('button', { name: 'Share this run' }).click();
  const url = await p.getByRole('textbox', { name: 'Share link' }).inputValue();
  await other.close();
  return url;
}

/** In the open History dialog, chooses the newest version whose code holds `text`. */
async function chooseVersionWith(page: Page, text: string): Promise<boolean> {
  const dialog = page.getByRole('dialog', { name: 'Versions of your code' });
  const items = dialog.getByRole('list', { name: 'Versions, newest first' }).getByRole('button');
  const count = await items.count();
  for (let i = 0; i < count; i++) {
    await items.nth(i).click();
    await expect(items.nth(i)).toHaveAttribute('aria-pressed', 'true');
    if ((await dialog.getByTestId('history-detail').textContent())!.includes(text)) return true;
  }
  return false;
}

async function storedCode(page: Page): Promise<string | undefined> {
  return page.evaluate((folder) => {
    const raw = localStorage.getItem('rmw.progress');
    return raw
      ? (JSON.parse(raw) as { exercises: Record<string, { code: string }> }).exercises[folder]?.code
      : undefined;
  }, FOLDER);
}

test('two share links then two imports leave my own code restorable from History', async ({
  page,
}) => {
  await page.goto(`/#/exercise/${FOLDER}`);
  await replaceCode(page, `// my own work\n${STARTER}`);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => storedCode(page)).toContain('my own work');

  for (const name of ['first', 'second']) {
    await page.goto(await shareLinkOf(page, `// shared ${name}\n${STARTER}`));
    await expect(page.getByText('This page shows a shared run')).toBeVisible();
    await expect(page.locator('.cm-content')).toContainText(`shared ${name}`);
  }
  await page.goto(`/#/exercise/${FOLDER}`);
  const chooser = page.locator('input[type="file"]');
  for (const name of ['one', 'two']) {
    await chooser.setInputFiles({
      name: `${name}.json`,
      mimeType: 'application/json',
      buffer: Buffer.from(runFile(`// imported ${name}\n${STARTER}`)),
    });
    await expect(page.locator('.cm-content')).toContainText(`imported ${name}`);
  }

  await page.getByRole('button', { name: 'History', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Versions of your code' });
  // The version holding my own work (a Run, kept before the first link replaced it).
  expect(await chooseVersionWith(page, 'my own work')).toBe(true);
  await dialog.getByRole('button', { name: 'Restore this version' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('.cm-content')).toContainText('my own work');
  await page.reload();
  await expect(page.locator('.cm-content')).toContainText('my own work');
  // Nothing was overwritten on the way: every code that was replaced is still a version.
  const versions = await page.evaluate(
    (folder) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('rmw-versions');
        open.onerror = () => reject(new Error('no version store'));
        open.onsuccess = () => {
          const get = open.result.transaction('keyval').objectStore('keyval').get(folder);
          get.onsuccess = () => resolve((get.result as { code: string }[]).map((v) => v.code));
        };
      }),
    FOLDER,
  );
  for (const text of ['shared first', 'shared second', 'imported one', 'imported two'])
    expect(
      versions.some((code) => code.includes(text)),
      text,
    ).toBe(true);
});

for (const [name, raw] of [
  ['truncated', '{"version":2,"exercises":{"04-lost-message":{"code":"my work","settings":{}'],
  ['newer-version', '{"version":3,"exercises":{"04-lost-message":{"code":"my work"}}}'],
] as const) {
  test(`${name} storage survives as a download, never wiped`, async ({ page }) => {
    await page.addInitScript((text) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('rmw.progress', text);
        sessionStorage.setItem('seeded', '1');
      }
    }, raw);
    await page.goto('/');
    const notice = page.getByRole('alert');
    await expect(notice).toContainText('kept: download it');
    const download = page.waitForEvent('download');
    await notice.getByRole('button', { name: 'Download the stored text' }).click();
    const file = await download;
    expect(readFileSync(await file.path(), 'utf8')).toBe(raw);
    // Kept beside the rewritten progress too, and in the IndexedDB quarantine.
    expect(await page.evaluate(() => localStorage.getItem('rmw.progress.damaged'))).toBe(raw);
    await page.reload();
    expect(await page.evaluate(() => localStorage.getItem('rmw.progress.damaged'))).toBe(raw);
  });
}

test('a 250,000-character file survives a reload', async ({ page }) => {
  await page.goto(`/#/exercise/${FOLDER}`);
  const padding = `// ${'x'.repeat(99)}\n`.repeat(2_500);
  // Pasted, as a learner would bring a big file in.
  await focusEditor(page);
  await page.keyboard.press('ControlOrMeta+a');
  await page.locator('.cm-content').evaluate((el, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    el.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, `${STARTER}\n${padding}`);
  await expect.poll(async () => (await storedCode(page))?.length ?? 0).toBeGreaterThan(250_000);
  await page.reload();
  await expect(page.locator('.cm-content')).toContainText('export async function');
  expect((await storedCode(page))?.length ?? 0).toBeGreaterThan(250_000);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a run of over 60,000 events: the Timeline shows a window of rows, the export a window of events', async ({
  page,
}) => {
  await page.goto(`/#/exercise/${FOLDER}`);
  const noisy = STARTER.replace(
    'export async function submitCart(req: HttpRequest<{ cartId: string }>, ctx: HandlerContext) {',
    'export async function submitCart(req: HttpRequest<{ cartId: string }>, ctx: HandlerContext) {\n  for (let i = 0; i < 30_000; i++) ctx.log(`tick ${i}`);',
  ).replace(
    'ctx: HandlerContext,\n) {',
    'ctx: HandlerContext,\n) {\n  for (let i = 0; i < 30_000; i++) ctx.log(`tock ${i}`);',
  );
  expect(noisy.match(/ctx\.log/g)).toHaveLength(2);
  await replaceCode(page, noisy);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByTestId('cursor')).toHaveText(/^Step (\d+) of \1$/, { timeout: 60_000 });
  await page.getByRole('tab', { name: 'Timeline table' }).click();
  await expect(page.getByTestId('timeline-window')).toContainText(/of [6-9]\d,\d{3}$/);
  expect(await page.getByTestId('timeline').locator('tbody tr').count()).toBeLessThan(1_000);
  await page.getByRole('button', { name: /Show earlier rows/ }).click();
  await expect(page.getByTestId('timeline-window')).toContainText(/of [6-9]\d,\d{3}$/);
  const download = page.waitForEvent('download');
  await openExportMenu(page);
  await page.getByRole('button', { name: 'Export SVG' }).click();
  const svg = readFileSync(await (await download).path(), 'utf8');
  expect(svg.startsWith('<svg')).toBe(true);
  expect(svg.length).toBeLessThan(20_000_000);
  // The PNG is a smaller window still: a canvas tall enough for all of it cannot be encoded.
  const png = page.waitForEvent('download');
  await openExportMenu(page);
  await page.getByRole('button', { name: 'Export PNG' }).click();
  const bytes = readFileSync(await (await png).path());
  expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  await expect(
    page.getByText(/Exported events [\d,]+–[\d,]+ of [\d,]+, around the cursor\./),
  ).toBeVisible();
});

test('two tabs editing one exercise never lose each other’s code', async ({ context, page }) => {
  await page.goto(`/#/exercise/${FOLDER}`);
  await replaceCode(page, `// from tab A\n${STARTER}`);
  const other = await context.newPage();
  await other.goto(`/#/exercise/${FOLDER}`);
  await expect(other.locator('.cm-content')).toContainText('from tab A');
  await replaceCode(other, `// from tab B\n${STARTER}`);
  // Tab A hears of it, keeps its own code, and keeps B's as a version.
  await expect(page.getByTestId('changed-elsewhere')).toBeVisible();
  await expect(page.locator('.cm-content')).toContainText('from tab A');
  await replaceCode(page, `// from tab A, again\n${STARTER}`);
  await page.getByRole('button', { name: 'History', exact: true }).click();
  expect(await chooseVersionWith(page, 'from tab B')).toBe(true);
  // And tab B kept tab A's latest code the same way.
  await expect(other.getByTestId('changed-elsewhere')).toBeVisible();
});
