/**
 * A workshop room across laptops: a real room server process (npm run room), an instructor and
 * three attendees in separate browser contexts (separate profiles: nothing is shared but the
 * server). The instructor's live view shows each attendee's exercise and verdict within 2 s of
 * their check, follow-me moves all three, revealed hints show on their pages, and a raised hand
 * appears; the instructor key opens the live view in another browser. Then the server stops: an
 * attendee works on offline, the server restarts from its files, and nothing is lost. And an
 * attendee whose link to the server drops (as conference wifi does) works on for a minute of
 * their clock; everything they did arrives once the link is back.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Browser, BrowserContext, Page, WebSocketRoute } from '@playwright/test';

let server: ChildProcess;
let serverUrl: string;
let dataDir: string;

/** Starts `npm run room`'s server as a process (port 0: any free port); resolves its port. */
async function startServer(port = 0): Promise<number> {
  server = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/room.ts',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--data',
      dataDir,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise<number>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on port (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    server.on('exit', (code) => reject(new Error(`the room server exited (${code}): ${out}`)));
  });
}

/** Stops the server; it stores what it holds as it stops. */
async function stopServer() {
  const stopped = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await stopped;
}

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'room-e2e-'));
  serverUrl = `http://127.0.0.1:${await startServer()}`;
});

test.afterAll(async () => {
  await stopServer();
  rmSync(dataDir, { recursive: true, force: true });
});

async function openRoomDialog(page: Page) {
  await page.getByRole('button', { name: /^Room/ }).click();
  await expect(page.getByRole('dialog', { name: 'Workshop room' })).toBeVisible();
}

/**
 * A context's sockets to the room server, routed through the test so that it can cut them (as
 * dropped wifi does: open sockets close, new ones are refused) and restore them.
 */
async function cuttableLink(context: BrowserContext) {
  let down = false;
  const open: { page: WebSocketRoute; server: WebSocketRoute }[] = [];
  const port = new URL(serverUrl).port;
  await context.routeWebSocket(new RegExp(`^ws://127\\.0\\.0\\.1:${port}/`), (ws) => {
    if (down) return void ws.close({ code: 1006, reason: 'offline' });
    open.push({ page: ws, server: ws.connectToServer() });
  });
  return {
    async cut() {
      down = true;
      for (const { page, server } of open.splice(0)) {
        await page.close({ code: 1006, reason: 'offline' });
        await server.close();
      }
    },
    restore() {
      down = false;
    },
  };
}

/** The instructor creates a room on the test's server; resolves the attendees' link. */
async function createRoom(instructor: Page): Promise<string> {
  await instructor.goto('/#/');
  await openRoomDialog(instructor);
  await instructor.getByLabel('Room server').fill(serverUrl);
  await instructor.getByRole('button', { name: 'Create a room on this server' }).click();
  return instructor.getByTestId('room-join-link').inputValue();
}

async function attendee(
  browser: Browser,
  link: string,
  name: string,
  team: string,
  prepare?: (context: BrowserContext, page: Page) => Promise<void>,
) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await prepare?.(context, page);
  await page.goto(link);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Team (optional)').fill(team);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByTestId('room-link')).toHaveText('Room server: connected');
  return page;
}

test('an instructor sees three attendees live, moves them, and sees a raised hand', async ({
  browser,
  page: instructor,
}) => {
  test.setTimeout(180_000);
  const link = await createRoom(instructor);
  const instructorKey = (await instructor.getByTestId('room-key').textContent()) ?? '';
  expect(link).toContain('#/join?');
  await instructor.getByRole('link', { name: 'Open the live view' }).click();
  const people = instructor.getByTestId('room-people');

  const who = [
    { name: 'Ada', team: 'Pierogi', folder: '04-lost-message', verdict: 'violated noLostMessages' },
    { name: 'Bo', team: 'Pierogi', folder: '05-ghost-message', verdict: 'violated' },
    { name: 'Cy', team: 'Dumplings', folder: '02-lost-update', verdict: 'violated' },
  ];
  const pages: Page[] = [];
  for (const w of who) pages.push(await attendee(browser, link, w.name, w.team));
  await expect(people.locator('tbody tr')).toHaveCount(3);

  for (const [i, w] of who.entries()) {
    const page = pages[i]!;
    await page.goto(`/#/exercise/${w.folder}`);
    const row = people.locator(`tr[data-person="${w.name}"]`);
    await expect(row).toContainText(w.folder.slice(0, 2));
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(page.getByTestId('verdict')).toContainText('Violated', { timeout: 60_000 });
    // Within 2 s of the attendee's verdict, the instructor sees it.
    await expect(row.getByTestId('person-verdict')).toContainText(w.verdict, { timeout: 2_000 });
  }

  // Follow me: everyone moves to the exercise the instructor picks.
  await instructor.getByLabel('Move the room to').selectOption('06-resend-if-in-doubt');
  await instructor.getByRole('button', { name: 'Follow me' }).click();
  for (const page of pages) await expect(page).toHaveURL(/#\/exercise\/06-resend-if-in-doubt$/);
  await expect(instructor.getByTestId('room-heatmap')).toContainText('3 here');

  // Reveal the hints of the exercise everyone is on: each attendee sees them there.
  await instructor.getByRole('button', { name: 'Reveal hints' }).click();
  for (const page of pages)
    await expect(page.getByTestId('room-reveal')).toContainText('revealed the hints');
  await instructor.getByRole('button', { name: 'Hide what is revealed' }).click();
  for (const page of pages) await expect(page.getByTestId('room-reveal')).toHaveCount(0);

  // The instructor opens the first block only, then every block.
  await instructor.getByLabel('Open to the room').selectOption('1');
  await instructor.getByRole('button', { name: 'Open', exact: true }).click();
  await pages[0]!.goto('/#/');
  await expect(pages[0]!.getByTestId('block-locked').first()).toBeVisible();
  await expect(pages[0]!.locator('.block:not(.block-locked)')).toHaveCount(1);
  await instructor.getByLabel('Open to the room').selectOption('0');
  await instructor.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(pages[0]!.getByTestId('block-locked')).toHaveCount(0);

  // A raised hand.
  await openRoomDialog(pages[1]!);
  await pages[1]!.getByRole('button', { name: 'Raise my hand' }).click();
  await expect(people.locator('tr[data-person="Bo"]')).toContainText('raised');
  await expect(people.locator('tr[data-person="Ada"]')).not.toContainText('raised');

  // Cy shares a run with the instructor: it is offered there as a link to open, with their code.
  await pages[2]!.getByRole('button', { name: 'Share with the instructor' }).click();
  await expect(pages[2]!.getByText('Shared with the instructor.')).toBeVisible();
  const shared = people
    .locator('tr[data-person="Cy"]')
    .getByRole('link', { name: /Open their run, read-only/ });
  await expect(shared).toHaveAttribute(
    'href',
    /^#\/shared\/06-resend-if-in-doubt\?share=[\w+$-]+$/,
  );
  // Opened, it is their code and run, read-only; the instructor's own code stays as it was.
  const ownCode = () =>
    instructor.evaluate(
      () =>
        (
          JSON.parse(localStorage.getItem('rmw.progress') ?? '{}') as {
            exercises?: Record<string, { code?: string }>;
          }
        ).exercises?.['06-resend-if-in-doubt']?.code ?? null,
    );
  const before = await ownCode();
  const [view] = await Promise.all([instructor.context().waitForEvent('page'), shared.click()]);
  await expect(view.getByTestId('shared-run')).toContainText('read-only');
  await expect(view.getByRole('heading', { name: /Their code/ })).toBeVisible();
  await expect(view.locator('.cm-content')).toHaveAttribute('aria-readonly', 'true');
  await expect(view.getByTestId('cursor')).toHaveText(/Step \d+ of [1-9]\d*/);
  await view.locator('.cm-content').press('End');
  await view.keyboard.type('// not theirs');
  await expect(view.locator('.cm-content')).not.toContainText('not theirs');
  expect(await ownCode()).toBe(before);
  await view.close();
  // Follow me to Cy's run: everyone sees it, read-only; their own code stays theirs.
  const adaCode = await pages[0]!.evaluate(() => localStorage.getItem('rmw.progress'));
  await people
    .locator('tr[data-person="Cy"]')
    .getByRole('button', { name: 'Show it to the room' })
    .click();
  for (const page of pages) {
    await expect(page).toHaveURL(/#\/shared\/06-resend-if-in-doubt\?share=/);
    // Their code runs only once they say so.
    await expect(page.getByTestId('shared-run')).toHaveCount(0);
    await page.getByTestId('shared-run-gate').getByRole('button', { name: 'Show the run' }).click();
    await expect(page.getByTestId('shared-run')).toContainText('read-only');
  }
  expect(await pages[0]!.evaluate(() => localStorage.getItem('rmw.progress'))).toBe(adaCode);

  // The instructor key opens the live view in another browser; a wrong one is refused, saying so.
  const second = await (await browser.newContext()).newPage();
  await second.goto('/#/room');
  const code = new URL(link.replace('#/join?', '?')).searchParams.get('room')!;
  await second.getByLabel('Room server').fill(serverUrl);
  await second.getByLabel('Room code').fill(code);
  await second.getByLabel(/instructor key/).fill('not-the-key');
  await second.getByRole('button', { name: /Open the room/ }).click();
  await expect(second.getByRole('alert')).toContainText('refused');
  await second.evaluate(() => localStorage.clear());
  await second.reload();
  await second.getByLabel('Room server').fill(serverUrl);
  await second.getByLabel('Room code').fill(code);
  await second.getByLabel(/instructor key/).fill(instructorKey);
  await second.getByRole('button', { name: /Open the room/ }).click();
  await expect(second.getByTestId('room-people').locator('tbody tr')).toHaveCount(3);
  await second.context().close();

  // The server goes down; meanwhile an attendee works on (a check, a hand): nothing is lost.
  await stopServer();
  await expect(pages[0]!.getByRole('button', { name: 'Room (offline)' })).toBeVisible();
  await pages[0]!.goto('/#/exercise/04-lost-message');
  await pages[0]!.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(pages[0]!.getByTestId('verdict')).toContainText('Violated', { timeout: 60_000 });
  await openRoomDialog(pages[0]!);
  await pages[0]!.getByRole('button', { name: 'Raise my hand' }).click();
  // Back on the same port, from its files: the offline work arrives, the rest is still there.
  await startServer(Number(new URL(serverUrl).port));
  const ada = people.locator('tr[data-person="Ada"]');
  await expect(ada).toContainText('raised', { timeout: 30_000 });
  await expect(ada).toContainText('04.');
  await expect(people.locator('tr[data-person="Bo"]')).toContainText('raised');
  await expect(people.locator('tbody tr')).toHaveCount(3);

  for (const page of pages) await page.context().close();
});

test('an attendee offline for a minute loses nothing: what they did arrives when the link is back', async ({
  browser,
  page: instructor,
}) => {
  test.setTimeout(120_000);
  const link = await createRoom(instructor);
  await instructor.getByRole('link', { name: 'Open the live view' }).click();
  const ada = instructor.getByTestId('room-people').locator('tr[data-person="Ada"]');

  let wifi: Awaited<ReturnType<typeof cuttableLink>> | undefined;
  const page = await attendee(browser, link, 'Ada', 'Pierogi', async (context, p) => {
    wifi = await cuttableLink(context);
    // Ada's clock is the test's: it can let a minute pass for her without waiting a minute.
    await p.clock.install();
  });
  await page.goto('/#/exercise/04-lost-message');
  await expect(ada).toContainText('04.');

  // The link drops. Ada works on: a check and a raised hand, none of it reaches the room yet.
  await wifi!.cut();
  await expect(page.getByRole('button', { name: 'Room (offline)' })).toBeVisible();
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByTestId('verdict')).toContainText('Violated', { timeout: 60_000 });
  await openRoomDialog(page);
  await page.getByRole('button', { name: 'Raise my hand' }).click();
  await page.keyboard.press('Escape');
  // A minute passes for her, every reconnection attempt refused; still offline, work kept.
  await page.clock.fastForward('01:00');
  await expect(page.getByRole('button', { name: 'Room (offline)' })).toBeVisible();
  await expect(ada.getByTestId('person-verdict')).not.toContainText('violated');
  await expect(ada).not.toContainText('raised');

  // The link is back: within the provider's 5 s between attempts, everything arrives.
  wifi!.restore();
  await expect(page.getByRole('button', { name: 'Room ✋' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(ada.getByTestId('person-verdict')).toContainText('violated noLostMessages');
  await expect(ada).toContainText('raised');
  await page.context().close();
});

test("a team's mob timer is one across its laptops: started on one, its turn ends on all", async ({
  browser,
  page: instructor,
}) => {
  test.setTimeout(120_000);
  const link = await createRoom(instructor);
  // Each laptop runs its own clock; the test moves Ada's.
  const clock = async (_: BrowserContext, p: Page) => p.clock.install();
  const ada = await attendee(browser, link, 'Ada', 'Pierogi', clock);
  const bo = await attendee(browser, link, 'Bo', 'pierogi', clock);
  const cy = await attendee(browser, link, 'Cy', 'Dumplings', clock);
  for (const page of [ada, bo, cy]) await page.keyboard.press('Escape');
  await expect(ada.getByTestId('mob-team')).toHaveText('Team Pierogi');
  await expect(bo.getByTestId('mob-team')).toHaveText('Team pierogi');

  const timer = ada.getByTestId('mob-timer');
  await timer.getByRole('button', { name: 'Mob timer settings' }).click();
  await ada.getByLabel('Turn (minutes)').fill('1');
  await ada.getByLabel('Names (comma separated, optional)').fill('Ada, Bo');
  await ada.getByRole('button', { name: 'Save' }).click();
  await timer.getByRole('button', { name: 'Start the mob timer' }).click();
  // Bo's laptop shows the team's turn running; Cy's team has its own timer, untouched.
  await expect(bo.getByTestId('mob-driver')).toHaveText('Ada');
  await expect(bo.getByRole('button', { name: 'Pause the mob timer' })).toBeVisible();
  await expect(cy.getByRole('button', { name: 'Start the mob timer' })).toBeVisible();
  await expect(cy.getByTestId('mob-driver')).not.toHaveText('Ada');

  // The turn ends on Ada's clock: the banner is on both laptops, and Bo drives.
  await ada.clock.fastForward('01:01');
  for (const page of [ada, bo]) {
    await expect(page.getByTestId('mob-banner')).toContainText('Time is up. Bo drives now');
    await expect(page.getByTestId('mob-driver')).toHaveText('Bo');
  }
  await expect(cy.getByTestId('mob-banner')).toHaveCount(0);
  // Seen on one laptop is seen by the team; a reload keeps the team's timer.
  await bo.getByTestId('mob-banner').getByRole('button', { name: 'Dismiss' }).click();
  await expect(ada.getByTestId('mob-banner')).toHaveCount(0);
  await bo.reload();
  await expect(bo.getByTestId('mob-team')).toHaveText('Team pierogi');
  await expect(bo.getByTestId('mob-driver')).toHaveText('Bo');
  for (const page of [ada, bo, cy]) await page.context().close();
});
