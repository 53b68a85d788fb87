/**
 * UI figures measured in Chromium against the built app (`vite build`, then `vite preview`):
 *
 * - `ui.path.firstPaintJsKbGzip`: the JavaScript fetched before the learning path's first
 *   contentful paint, gzipped (target ≤ 200 kB); `ui.path.readyJsKbGzip` is everything fetched
 *   by the time the path is on screen with its exercises.
 * - `ui.editToVerdict.<exercise>.<starter|solution>.ms`: from replacing the code in the editor to
 *   the checker's verdict on screen, pressing Check in between, one fresh page per exercise (so
 *   the starter's figure includes starting the checker worker); the median and maximum over all
 *   (target: median ≤ 500 ms).
 * - `ui.check.longestTaskMs`: the longest main-thread task while the model-checking lesson checks
 *   about a million states in its worker (target ≤ 50 ms): the longest `longtask` entry, or the
 *   longest gap in a 0 ms timer chain on the page when that is longer.
 * - `ui.longRun.longestTaskMs`: the longest main-thread task (`longtask` entries) while the Timeline
 *   table opens, shows earlier rows, and the run is exported as SVG and PNG, on a run of more than
 *   50,000 events (target ≤ 200 ms; `ui.longRun.events` is its size).
 * - `ui.scrub.p95FrameMs`: the 95th percentile of frame-to-frame times (requestAnimationFrame)
 *   while the Step slider is dragged end to start over a run of more than 2,000 events
 *   (target ≤ 20 ms).
 *
 * Run it with `npm run bench -- ui` (scripts/bench.ts). Wall-clock time is fine here: this is a benchmark, never a test.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { findChromium } from '../browser.mjs';
import { loadExercisesFromDisk } from '../../src/workshop/loadNode';
import { round } from './report';
import type { BenchEntry } from './report';

const ROOT = join(import.meta.dirname, '..', '..');
const PORT = Number(process.env.BENCH_PORT ?? 4280);
const BASE = `http://127.0.0.1:${PORT}`;

/** The ex03 Orders handler passes SubmitOrder on to itself 300 times, logging three lines each. */
const LONG_RUN_HANDLER = `
  const hop = (msg as { hop?: number }).hop ?? 0;
  ctx.log(\`hop \${hop}\`);
  ctx.log('passing it on');
  ctx.log('once more');
  if (hop < 300) {
    await ctx.send('Orders', { type: 'SubmitOrder', payload: { ...msg, hop: hop + 1 } });
    return;
  }`;

export async function runUiBench(): Promise<BenchEntry[]> {
  await run('npx', ['vite', 'build', '--logLevel', 'error']);
  const server = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
    { cwd: ROOT, stdio: 'ignore', detached: true },
  );
  let browser: Browser | null = null;
  try {
    await waitForServer();
    const executablePath = findChromium();
    browser = await chromium.launch({
      ...(executablePath ? { executablePath } : {}),
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--no-first-run'],
    });
    return [
      ...(await firstPaintJs(browser)),
      ...(await editToVerdict(browser)),
      ...(await longestTaskDuringCheck(browser)),
      ...(await longRunTasks(browser)),
      ...(await scrubFrames(browser)),
    ];
  } finally {
    await browser?.close();
    stop(server);
  }
}

async function firstPaintJs(browser: Browser): Promise<BenchEntry[]> {
  const page = await freshPage(browser);
  await page.goto(`${BASE}/`);
  await page.getByRole('heading', { level: 1, name: 'Learning path' }).waitFor();
  await page.locator('.exercise-list a').first().waitFor();
  const { fcp, ready, scripts } = await page.evaluate(() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    return {
      fcp: paint?.startTime ?? Number.POSITIVE_INFINITY,
      ready: performance.now(),
      scripts: performance
        .getEntriesByType('resource')
        .filter((e) => new URL(e.name).pathname.endsWith('.js'))
        .map((e) => ({ path: new URL(e.name).pathname, startTime: e.startTime })),
    };
  });
  await page.context().close();
  const gzipKb = (paths: string[]) =>
    paths.reduce((kb, p) => kb + gzipSync(readFileSync(join(ROOT, 'dist', p))).length / 1024, 0);
  const beforePaint = scripts.filter((s) => s.startTime < fcp).map((s) => s.path);
  const beforeReady = scripts.filter((s) => s.startTime < ready).map((s) => s.path);
  return [
    { name: 'ui.path.firstPaintJsKbGzip', value: round(gzipKb(beforePaint)), unit: 'kB gzip' },
    { name: 'ui.path.firstPaintJsFiles', value: beforePaint.length, unit: 'files' },
    { name: 'ui.path.readyJsKbGzip', value: round(gzipKb(beforeReady)), unit: 'kB gzip' },
  ];
}

async function editToVerdict(browser: Browser): Promise<BenchEntry[]> {
  const out: BenchEntry[] = [];
  const all: number[] = [];
  const solutions: number[] = [];
  for (const ex of await loadExercisesFromDisk()) {
    if (!ex.ok) throw new Error(`${ex.folder} does not load: ${ex.error}`);
    const page = await freshPage(browser);
    await page.goto(`${BASE}/#/exercise/${ex.folder}`);
    await page.locator('.cm-content').waitFor();
    await page.getByRole('button', { name: 'Check', exact: true }).waitFor();
    for (const variant of ['starter', 'solution'] as const) {
      const source = ex.sources[`${variant}.ts`];
      if (source === undefined) throw new Error(`${ex.folder} has no ${variant}.ts`);
      const ms = await timeEditAndCheck(page, source);
      all.push(ms);
      if (variant === 'solution') solutions.push(ms);
      out.push({ name: `ui.editToVerdict.${ex.manifest.id}.${variant}.ms`, value: ms, unit: 'ms' });
    }
    await page.context().close();
  }
  all.sort((a, b) => a - b);
  out.push({ name: 'ui.editToVerdict.medianMs', value: round(quantile(all, 0.5)), unit: 'ms' });
  out.push({ name: 'ui.editToVerdict.maxMs', value: round(all.at(-1) ?? 0), unit: 'ms' });
  // The solutions alone, with the grown workloads and the exactly-once oracle (issue target:
  // median ≤ 1 s, none above 3 s in Chromium on a 2-core machine).
  solutions.sort((a, b) => a - b);
  out.push({
    name: 'ui.editToVerdict.solution.medianMs',
    value: round(quantile(solutions, 0.5)),
    unit: 'ms',
  });
  out.push({
    name: 'ui.editToVerdict.solution.maxMs',
    value: round(solutions.at(-1) ?? 0),
    unit: 'ms',
  });
  return out;
}

/** Replaces the editor's text with `source`, presses Check, returns ms until the verdict shows. */
async function timeEditAndCheck(page: Page, source: string): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { benchVerdictAt: number | null };
    const before = document.querySelector('[data-testid="verdict"]');
    w.benchVerdictAt = null;
    const observer = new MutationObserver(() => {
      const now = document.querySelector('[data-testid="verdict"]');
      if (now && now !== before) {
        w.benchVerdictAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
  await focusEditor(page);
  const start = await page.evaluate(() => performance.now());
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(source);
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await page.waitForFunction(
    () => (window as unknown as { benchVerdictAt: number | null }).benchVerdictAt !== null,
    undefined,
    { timeout: 30_000 },
  );
  const end = await page.evaluate(
    () => (window as unknown as { benchVerdictAt: number }).benchVerdictAt,
  );
  return round(end - start);
}

async function longestTaskDuringCheck(browser: Browser): Promise<BenchEntry[]> {
  const page = await freshPage(browser);
  await page.goto(`${BASE}/#/exercise/18-model-checking`);
  await page.getByLabel('Messages (N)').fill('4');
  await page.getByLabel('MaxFailures').fill('4');
  // The lesson's "diet" model: 1,062,474 states at (4, 4).
  await focusEditor(page);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(
    readFileSync(join(ROOT, 'exercises/18-model-checking/solution.ts'), 'utf8'),
  );
  await page.evaluate(() => {
    const w = window as unknown as { benchTasks: { longest: number; count: number; gap: number } };
    w.benchTasks = { longest: 0, count: 0, gap: 0 };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        w.benchTasks.longest = Math.max(w.benchTasks.longest, e.duration);
        w.benchTasks.count++;
      }
    }).observe({ type: 'longtask' });
    let last = performance.now();
    const tick = () => {
      const now = performance.now();
      w.benchTasks.gap = Math.max(w.benchTasks.gap, now - last);
      last = now;
      if (!document.querySelector('[data-testid="verdict"]')) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
  });
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await page.locator('[data-testid="verdict"]').waitFor({ timeout: 120_000 });
  const states = Number(
    /([\d,]+) states explored/
      .exec((await page.locator('[data-testid="verdict"]').textContent()) ?? '')?.[1]
      ?.replaceAll(',', '') ?? 0,
  );
  const tasks = await page.evaluate(
    () =>
      (window as unknown as { benchTasks: { longest: number; count: number; gap: number } })
        .benchTasks,
  );
  await page.context().close();
  return [
    {
      name: 'ui.check.longestTaskMs',
      value: round(Math.max(tasks.longest, tasks.gap)),
      unit: 'ms',
    },
    { name: 'ui.check.longTasks', value: tasks.count, unit: 'tasks ≥ 50 ms' },
    { name: 'ui.check.distinctStates', value: states, unit: 'states' },
  ];
}

async function scrubFrames(browser: Browser): Promise<BenchEntry[]> {
  const page = await freshPage(browser);
  const ex = readFileSync(join(ROOT, 'exercises/03-going-async/solution.ts'), 'utf8');
  const marker = 'ctx.log(`received SubmitOrder for ${msg.cartId}`);';
  if (!ex.includes(marker)) throw new Error('ex03 solution changed: update LONG_RUN_HANDLER');
  await page.goto(`${BASE}/#/exercise/03-going-async`);
  await focusEditor(page);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(ex.replace(marker, LONG_RUN_HANDLER));
  // The code is saved as it is typed; opening the page again plays a seeded run of it to its end.
  await page.waitForTimeout(500);
  await page.reload();
  const summary = page.getByLabel('Run summary');
  await summary.getByText(/^1000 steps/).waitFor({ timeout: 60_000 });
  const events = Number(/(\d+) events/.exec((await summary.textContent()) ?? '')?.[1] ?? 0);
  const slider = page.getByRole('slider', { name: 'Step' });
  const box = await slider.boundingBox();
  if (!box) throw new Error('the Step slider is not on screen');
  await page.evaluate(() => {
    const w = window as unknown as { benchFrames: number[]; benchFramesOn: boolean };
    w.benchFrames = [];
    w.benchFramesOn = true;
    let last = 0;
    const frame = (t: number) => {
      if (last) w.benchFrames.push(t - last);
      last = t;
      if (w.benchFramesOn) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width - 2, y);
  await page.mouse.down();
  const moves = 150;
  for (let i = 1; i <= moves; i++) {
    await page.mouse.move(box.x + box.width - 2 - ((box.width - 4) * i) / moves, y);
    await page.waitForTimeout(12);
  }
  await page.mouse.up();
  await page.waitForTimeout(200);
  const frames = await page.evaluate(() => {
    const w = window as unknown as { benchFrames: number[]; benchFramesOn: boolean };
    w.benchFramesOn = false;
    return w.benchFrames;
  });
  const cursor = (await page.getByTestId('cursor').textContent()) ?? '';
  await page.context().close();
  if (!/^Step [0-9] of 1000$/.test(cursor.trim()))
    throw new Error(`the drag did not reach the start of the run: "${cursor}"`);
  frames.sort((a, b) => a - b);
  return [
    { name: 'ui.scrub.events', value: events, unit: 'events' },
    { name: 'ui.scrub.frames', value: frames.length, unit: 'frames' },
    { name: 'ui.scrub.p95FrameMs', value: round(quantile(frames, 0.95)), unit: 'ms' },
    { name: 'ui.scrub.maxFrameMs', value: round(frames.at(-1) ?? 0), unit: 'ms' },
  ];
}

/** Exercise 04's handlers each log 30,000 lines: a run of more than 60,000 events. */
async function longRunTasks(browser: Browser): Promise<BenchEntry[]> {
  const page = await freshPage(browser);
  await page.goto(`${BASE}/#/exercise/04-lost-message`);
  const starter = readFileSync(join(ROOT, 'exercises/04-lost-message/starter.ts'), 'utf8');
  const noisy = starter
    .replace(
      'ctx: HandlerContext) {',
      'ctx: HandlerContext) {\n  for (let i = 0; i < 30_000; i++) ctx.log(`tick ${i}`);',
    )
    .replace(
      'ctx: HandlerContext,\n) {',
      'ctx: HandlerContext,\n) {\n  for (let i = 0; i < 30_000; i++) ctx.log(`tock ${i}`);',
    );
  await focusEditor(page);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(noisy);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page
    .getByTestId('cursor')
    .filter({ hasText: /^Step (\d+) of \1$/ })
    .waitFor({ timeout: 120_000 });
  await page.evaluate(() => {
    const w = window as unknown as { benchTasks: { longest: number; count: number } };
    w.benchTasks = { longest: 0, count: 0 };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        w.benchTasks.longest = Math.max(w.benchTasks.longest, e.duration);
        w.benchTasks.count++;
      }
    }).observe({ type: 'longtask' });
  });
  await page.getByRole('tab', { name: 'Timeline table' }).click();
  const windowText = page.getByTestId('timeline-window');
  await windowText.waitFor();
  const events = Number(
    /of ([\d,]+)$/.exec((await windowText.textContent()) ?? '')?.[1]?.replaceAll(',', '') ?? 0,
  );
  await page.getByRole('button', { name: /Show earlier rows/ }).click();
  for (const name of ['Export SVG', 'Export PNG']) {
    // The exports are in the "Export / import" menu (it closes after each).
    const menu = page.getByRole('button', { name: 'Export / import' });
    if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
    await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByRole('button', { name }).click(),
    ]);
  }
  // Let the last tasks be reported.
  await page.evaluate(() => new Promise((done) => setTimeout(done, 200)));
  const tasks = await page.evaluate(
    () => (window as unknown as { benchTasks: { longest: number; count: number } }).benchTasks,
  );
  await page.context().close();
  return [
    { name: 'ui.longRun.events', value: events, unit: 'events' },
    { name: 'ui.longRun.longestTaskMs', value: round(tasks.longest), unit: 'ms' },
    { name: 'ui.longRun.longTasks', value: tasks.count, unit: 'tasks ≥ 50 ms' },
  ];
}

async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  // tsx keeps function names with a `__name` helper that the page does not have.
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  return context.newPage();
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(BASE)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer on ${BASE}`);
}

function stop(server: ChildProcess) {
  if (server.pid !== undefined) {
    try {
      process.kill(-server.pid);
    } catch {
      // already gone
    }
  }
}

/**
 * Puts the caret in the code editor by focusing it, not by a click: after a failing check the
 * editor scrolls to the counterexample's line, and its first line may be out of view.
 */
async function focusEditor(page: Page): Promise<void> {
  await page.locator('.cm-content').focus();
}
