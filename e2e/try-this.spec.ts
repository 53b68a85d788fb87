/**
 * The "Try this" steps of every messaging exercise's README (01-17, 19-23; 18 has lesson steps
 * instead), done as written, in the browser on the page as opened: each step the instructions
 * ask for must be possible, and what "What to observe" promises must be seen.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { replaceCode } from './support';

// Independent journeys: spread over both workers, not run in file order on one (CI time).
test.describe.configure({ mode: 'parallel' });

async function open(page: Page, folder: string) {
  await page.goto(`/#/exercise/${folder}`);
  await page.getByRole('tab', { name: 'Timeline table' }).click();
  await expect(page.getByTestId('timeline')).not.toBeEmpty();
}

/** Starts an empty run to step by hand. */
async function reset(page: Page) {
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByTestId('cursor')).toHaveText('Step 0 of 0');
}

/** Takes the enabled step whose label matches (the learner picking "what happens next"). */
async function choose(page: Page, label: RegExp) {
  const before = (await page.getByTestId('cursor').textContent()) ?? '';
  await page.getByRole('button', { name: label }).first().click();
  await expect(page.getByTestId('cursor')).not.toHaveText(before);
}

/** Presses Play and waits until the seeded run has played to its end. */
async function playToEnd(page: Page) {
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByTestId('cursor')).toHaveText(/^Step (\d+) of \1$/, { timeout: 30_000 });
}

/** Takes the first (normal) step until nothing can happen any more. */
async function stepToEnd(page: Page) {
  for (let i = 0; i < 200; i++) {
    const next = page.getByRole('button', { name: /\(space\)/ });
    if ((await next.count()) === 0) return;
    await choose(page, /\(space\)/);
  }
  throw new Error('the run did not end');
}

test('01 double submit, as opened: Alice clicks twice, nothing fails, and there are two orders', async ({
  page,
}) => {
  // What to observe holds on the run the page opens with (the happy path), before any click.
  await open(page, '01-double-submit');
  await expect(page.getByTestId('timeline-seed')).toHaveText('0');
  await expect(page.getByTestId('timeline').locator('tr.trouble')).toHaveCount(0);
  await expect(page.getByTestId('timeline')).toContainText(/request alice.r2 reaches Frontend/);
  await expect(page.getByLabel('Run summary')).toContainText('Cart cart-1 has 2 orders');
});

test('04 lost message: Press Play, the happy path works', async ({ page }) => {
  await open(page, '04-lost-message');
  // 1. Press Play: nothing fails, the order is placed and every invariant holds at the end.
  await playToEnd(page);
  await expect(page.getByTestId('timeline').locator('tr.trouble')).toHaveCount(0);
  await expect(page.getByTestId('timeline')).toContainText(/SubmitOrder .* delivered to Orders/);
  await expect(page.getByLabel('Run summary')).not.toContainText('violated');
});

test('03 going asynchronous: watch messages flow, then write the handler and pass', async ({
  page,
}) => {
  await open(page, '03-going-async');
  // 1. Press Play and read the timeline.
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toContainText('alice clicks submit');
  await expect(timeline).toContainText('bob clicks submit');
  await expect(timeline).toContainText(/SubmitOrder .* enqueued for Orders/);
  await expect(timeline).toContainText(/acknowledges/);
  // What to observe: the carts say submitted, and no order exists.
  await expect(page.getByLabel('Run summary')).toContainText('but has no order');
  // 2. Change the seed and play again: the order of events changes, the outcome does not.
  await page.getByRole('textbox', { name: 'Seed', exact: true }).fill('9');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page).toHaveURL(/seed=9$/);
  await expect(page.getByLabel('Run summary')).toContainText('but has no order');
  // Your task: complete onSubmitOrder, then Check.
  await replaceCode(page, readFileSync('exercises/03-going-async/solution.ts', 'utf8'));
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByTestId('verdict')).toContainText('Passed', { timeout: 30_000 });
});

test('05 ghost message: fail the save after the send, follow both SubmitOrder messages', async ({
  page,
}) => {
  await open(page, '05-ghost-message');
  await reset(page);
  // 1. Step until the frontend saves the cart after sending SubmitOrder.
  await choose(page, /^alice acts/);
  await choose(page, /^request r1 arrives/);
  await choose(page, /^r1@Frontend: ok/); // reads the cart
  await choose(page, /^r1@Frontend: ok/); // sends SubmitOrder
  await expect(page.getByTestId('timeline')).toContainText('a GHOST');
  // 2. Choose "fail" for that save.
  await choose(page, /^r1@Frontend: fail/);
  await expect(page.getByTestId('timeline')).toContainText(/rejected \(StoreUnavailable\)/);
  // 3. Alice clicks again; follow both messages to the end.
  await stepToEnd(page);
  await expect(page.getByTestId('timeline')).toContainText(
    /request r1 reaches Frontend submit \(attempt 2/,
  );
  // What to observe: a second order appears.
  await expect(page.getByLabel('Run summary')).toContainText('Cart cart-1 has 2 orders');
});

test('08 visibility timeout: the lease expires mid-handler and a second consumer adds the line again', async ({
  page,
}) => {
  await open(page, '08-visibility-timeout');
  // 1. Press Play: one AddItem, one line.
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByTestId('timeline')).toContainText('AddItem m1');
  // 2. Step: deliver, let the handler load the order, then the lease expires; deliver again.
  await reset(page);
  await choose(page, /^deliver m1>Orders/);
  await choose(page, /^m1@Orders: ok/); // loads the order
  await choose(page, /^lease of m1@Orders expires/);
  await choose(page, /^deliver m1>Orders/);
  await stepToEnd(page);
  await expect(page.getByTestId('timeline')).toContainText('(delivery 2)');
  // What to observe: two Meat lines for one AddItem.
  await expect(page.getByLabel('Run summary')).toContainText('2 Meat lines for one AddItem');
});

test('19 projection checkpoint: a duplicated event, then a crash after the write, count orders twice', async ({
  page,
}) => {
  await open(page, '19-projection-checkpoint');
  // 1. Press Play (seed 1): event-3 is delivered twice, the history shows 4 orders for 150 USD.
  await playToEnd(page);
  await expect(page.getByTestId('timeline')).toContainText('the broker duplicates event-3');
  await expect(page.getByLabel('Run summary')).toContainText('4 orders for 150 USD');
  // 2. Step: deliver event-1, load the view, crash on its write; event-1 comes back.
  await reset(page);
  await choose(page, /^deliver event-1>History/);
  await choose(page, /^event-1@History: ok/); // loads the view
  await choose(page, /^event-1@History: crash/);
  await choose(page, /^deliver event-1>History/);
  await choose(page, /^event-1@History#2: ok/); // loads the view
  await choose(page, /^event-1@History#2: ok/); // writes it
  // What to observe: order-1 twice, then 4 orders for 120 USD at the end.
  await expect(page.getByLabel('Run summary')).toContainText('2 orders for 40 USD');
  await stepToEnd(page);
  await expect(page.getByTestId('timeline')).toContainText('(delivery 2)');
  await expect(page.getByLabel('Run summary')).toContainText('4 orders for 120 USD');
});

test('20 consistency token: My orders answers before the projection and leaves the order out', async ({
  page,
}) => {
  await open(page, '20-consistency-token');
  // 2. Reset, then Step, choosing alice's requests first whenever possible.
  await reset(page);
  const aliceActs = page.getByRole('button', { name: /^alice acts/ });
  await choose(page, /^alice acts/); // Submit cart-1
  await choose(page, /^request r1 arrives/);
  for (let i = 0; i < 10 && (await aliceActs.count()) === 0; i++) await choose(page, /^r1@\w+: ok/);
  await expect(page.getByRole('button', { name: /^deliver r1@\w+\.1>/ })).toBeVisible();
  await choose(page, /^alice acts/); // My orders, with the token, before History gets its message
  await choose(page, /^request r2 arrives/);
  for (let i = 0; i < 10 && (await aliceActs.count()) === 0; i++) await choose(page, /^r2@\w+: ok/);
  // What to observe: the page leaves out the order alice was just told was accepted.
  await expect(page.getByLabel('Run summary')).toContainText(
    'alice placed cart-1, then "My orders" did not list it',
  );
  // 3. Check finds the shortest such run.
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByTestId('verdict')).toContainText('readYourWrites');
});

test('23 testing a conversation: an assert right after start answers fail while PlaceOrder waits', async ({
  page,
}) => {
  await open(page, '23-testing-conversations');
  // 1. Play: the test tab's answers are in the state table.
  await playToEnd(page);
  await page.getByRole('tab', { name: 'State table' }).click();
  await expect(page.getByTestId('answers')).toContainText(/"verdict":"(pass|fail)"/);
  // 2. Reset, then Step, the test tab and its requests first.
  await reset(page);
  const testActs = page.getByRole('button', { name: /^test acts/ });
  await choose(page, /^test acts/); // start
  await choose(page, /^request r1 arrives/);
  for (let i = 0; i < 10 && (await testActs.count()) === 0; i++) await choose(page, /^r1@\w+: ok/);
  await choose(page, /^test acts/); // assert, before PlaceOrder is delivered
  await choose(page, /^request r2 arrives/);
  for (let i = 0; i < 10 && (await page.getByText('"verdict"').count()) === 0; i++)
    await choose(page, /^r2@\w+: ok/);
  await expect(page.getByTestId('answers')).toContainText('"verdict":"fail"');
  await expect(page.getByLabel('Run summary')).toContainText(
    'The test answered "fail" while the conversation was not over',
  );
  // 3. Check finds the shortest such run.
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByTestId('verdict')).toContainText('noFalseFailure');
});

test('02 lost update: both tabs read version 1 before either writes; the second write loses the first', async ({
  page,
}) => {
  await open(page, '02-lost-update');
  await reset(page);
  // 1. Both tabs click, and both requests read the cart (version 1) before either writes.
  await choose(page, /^alice-tab-1 acts/);
  await choose(page, /^alice-tab-2 acts/);
  await choose(page, /^request alice-tab-1\.r1 arrives/);
  await choose(page, /^request alice-tab-2\.r1 arrives/);
  await choose(page, /^alice-tab-1\.r1@Frontend: ok/);
  await choose(page, /^alice-tab-2\.r1@Frontend: ok/);
  // 2. The first request commits, then the second.
  await stepToEnd(page);
  // What to observe: two orders, and the second write replaced the first (a lost update).
  const summary = page.getByLabel('Run summary');
  await expect(summary).toContainText('Cart cart-1 has 2 orders');
  await expect(summary).toContainText('based on version 1, but it was already at version 2');
});

test('09 primary-key dedup: a broker copy, then a lost answer and a re-send, each make a second order', async ({
  page,
}) => {
  await open(page, '09-primary-key-dedup');
  // 1. Press Play: one click, one order.
  await playToEnd(page);
  await expect(page.getByLabel('Run summary')).not.toContainText('2 orders');
  // 2. Step until SubmitOrder is in the Orders queue, then duplicate it; deliver both copies.
  await reset(page);
  await choose(page, /^alice acts/);
  await choose(page, /^request r1 arrives/);
  await choose(page, /^r1@Frontend: ok/); // loads the cart
  await choose(page, /^r1@Frontend: ok/); // saves it as submitted
  await choose(page, /^r1@Frontend: ok/); // sends SubmitOrder
  await choose(page, /^duplicate r1@Frontend\.1>Orders/);
  await stepToEnd(page);
  await expect(page.getByLabel('Run summary')).toContainText('Cart cart-1 has 2 orders');
  // 3. Reset; the frontend answers, the answer is lost, Alice tries again and it re-sends.
  await reset(page);
  await choose(page, /^alice acts/);
  await choose(page, /^request r1 arrives/);
  await choose(page, /^r1@Frontend: ok/);
  await choose(page, /^r1@Frontend: ok/);
  await choose(page, /^r1@Frontend: ok/);
  await choose(page, /^r1@Frontend: fail/); // the answer is lost on its way back
  await choose(page, /^request r1 arrives/);
  await stepToEnd(page);
  await expect(page.getByTestId('timeline')).toContainText(
    /request r1 reaches Frontend submit \(attempt 2/,
  );
  await expect(page.getByLabel('Run summary')).toContainText('Cart cart-1 has 2 orders');
});

test('10 message-id dedup: a late copy of BookPayment books the cancelled payment again', async ({
  page,
}) => {
  await open(page, '10-message-id-dedup');
  // 1. Press Play: the payment ends up cancelled, as Alice wanted.
  await playToEnd(page);
  await expect(page.getByLabel('Run summary')).not.toContainText('processed 2 times');
  // 2. Before BookPayment is delivered, duplicate it: the copy goes to the back of the queue.
  await reset(page);
  await choose(page, /^duplicate book-1>Orders/);
  // 3. Deliver everything in order; the last copy arrives after the cancellation.
  await stepToEnd(page);
  const summary = page.getByLabel('Run summary');
  await expect(summary).toContainText('book-1 was processed 2 times by Orders');
  await expect(summary).toContainText(
    'so the payment should be cancelled, but the order says booked',
  );
});

test('07 retry storm: six attempts, and not one tick passes between them', async ({ page }) => {
  await open(page, '07-retry-storm');
  // 1. Press Play and watch the clock. 2. Count the attempts.
  await playToEnd(page);
  await expect(page.getByTestId('timeline')).toContainText('book-payment-1@Orders#6');
  await expect(page.getByTestId('timeline')).not.toContainText('book-payment-1@Orders#7');
  // What to observe: all six at tick 0, then the error queue.
  const summary = page.getByLabel('Run summary');
  await expect(summary).toContainText('it got 6 calls at tick 0: a retry storm');
  await expect(summary).toContainText('was moved to the error queue');
});

test('11 deterministic ids: a duplicated CancelPayment is published again under a new id', async ({
  page,
}) => {
  await open(page, '11-deterministic-ids');
  // 1. Press Play: Marketing ends at 50 USD (the earlier order; the cancelled one counts 0).
  await playToEnd(page);
  await expect(page.getByTestId('world-state')).toContainText('"total":50');
  // 2. Duplicate CancelPayment before Orders gets it; let everyone handle everything.
  await reset(page);
  await choose(page, /^duplicate cancel-1>Orders/);
  await stepToEnd(page);
  // What to observe: two PaymentCancelled under two ids, Alice's total at -50 USD.
  const summary = page.getByLabel('Run summary');
  await expect(summary).toContainText("Marketing's total for alice is -50 USD");
  await expect(summary).toContainText('alternative worlds');
});

test('13 generic outbox: a crash right after the write, and the redelivery adds a second Meat line', async ({
  page,
}) => {
  await open(page, '13-generic-outbox');
  // 1. Press Play: the line is added, ItemAdded published, then the payment booked.
  await playToEnd(page);
  await expect(page.getByTestId('timeline')).toContainText('ItemAdded');
  await expect(page.getByTestId('timeline')).toContainText('PaymentBooked');
  // 2. Orders stores the new line, and crashes on that write; AddItem is delivered again.
  await reset(page);
  await choose(page, /^deliver m1>Orders/);
  await choose(page, /^m1@Orders: ok/); // loads the order
  await choose(page, /^m1@Orders: crash/); // the write happens, then the process dies
  await choose(page, /^deliver m1>Orders/);
  await stepToEnd(page);
  // What to observe: two Meat lines for one AddItem.
  await expect(page.getByTestId('world-state')).toContainText('"lines":["Meat","Meat"]');
  await expect(page.getByLabel('Run summary')).toContainText('m1 was processed 2 times by Orders');
});

test('14 inbox: the outbox entry for m1 stays behind, marked dispatched', async ({ page }) => {
  await open(page, '14-inbox');
  // 1. Press Play: AddItem is processed and ItemAdded goes to Billing.
  await playToEnd(page);
  await expect(page.getByTestId('timeline')).toContainText('ItemAdded');
  // 2. The database at the end: outbox/order-1 still holds m1, marked dispatched.
  await expect(page.getByTestId('world-state')).toContainText('outbox/order-1');
  await expect(page.getByTestId('world-state')).toContainText('"m1":"dispatched"');
  await expect(page.getByLabel('Run summary')).toContainText(
    'outbox/order-1 still holds m1 after everything was processed',
  );
});

test('16 third-party APIs: a charge whose answer is lost is made again by the retry', async ({
  page,
}) => {
  await open(page, '16-third-party-apis');
  // 1. Press Play: one charge, one shipment, both recorded.
  await playToEnd(page);
  await expect(page.getByLabel('Run summary')).not.toContainText('charged alice 2 times');
  // 2. Deliver BookPayment, let Orders load the order, and lose the answer of the charge.
  await reset(page);
  await choose(page, /^deliver pay-order-1>Orders/);
  await choose(page, /^pay-order-1@Orders: ok/);
  await choose(page, /^pay-order-1@Orders: commitLost/);
  // 3. Follow the retry of BookPayment.
  await stepToEnd(page);
  await expect(page.getByTestId('timeline')).toContainText('pay-order-1@Orders#2');
  // What to observe: two charges for one payment.
  await expect(page.getByLabel('Run summary')).toContainText(
    'PierogiPay charged alice 2 times for order-1',
  );
});

test('17 event sourcing: both handlers read version 0, both append, two coupons', async ({
  page,
}) => {
  await open(page, '17-event-sourcing');
  // 1. Press Play: one payment first, the other sees its events, one coupon.
  await playToEnd(page);
  await expect(page.getByLabel('Run summary')).not.toContainText('2 CouponGranted');
  // 2. Deliver both, let both read the stream (version 0), then let both append.
  await reset(page);
  await choose(page, /^deliver payment-1>Marketing/);
  await choose(page, /^deliver payment-2>Marketing/);
  await choose(page, /^payment-1@Marketing: ok/);
  await choose(page, /^payment-2@Marketing: ok/);
  await stepToEnd(page);
  // What to observe: two coupons.
  await expect(page.getByLabel('Run summary')).toContainText(
    "Alice's stream holds 2 CouponGranted events",
  );
});

test('06 resend if in doubt: the send fails after the save, and the broker retry sends nothing', async ({
  page,
}) => {
  await open(page, '06-resend-if-in-doubt');
  // 1. Press Play: Alice submits, Orders creates the order.
  await playToEnd(page);
  await expect(page.getByTestId('timeline')).toContainText(/SubmitOrder .* delivered to Orders/);
  // 2. Step; when onSendSubmitOrder sends SubmitOrder, choose fail; watch the broker's retry.
  await reset(page);
  await choose(page, /^alice acts/);
  await choose(page, /^request r1 arrives/);
  await choose(page, /^r1@Frontend: ok/);
  await choose(page, /^r1@Frontend: ok/);
  await choose(page, /^deliver r1@Frontend\.1>WebFrontend/);
  await choose(page, /^r1@Frontend\.1@WebFrontend: ok/); // loads the cart
  await choose(page, /^r1@Frontend\.1@WebFrontend: ok/); // saves it as submitted
  await choose(page, /^r1@Frontend\.1@WebFrontend: fail/); // the send of SubmitOrder fails
  await stepToEnd(page);
  await expect(page.getByTestId('timeline')).toContainText('r1@Frontend.1@WebFrontend#2');
  // What to observe: the retry sees "submitted" and returns: the order is never sent.
  await expect(page.getByLabel('Run summary')).toContainText(
    'a message it meant to send was never sent (a lost message)',
  );
});

test('12 outbox: the publish of add-1 fails, add-2 goes through, and the retry publishes nothing', async ({
  page,
}) => {
  await open(page, '12-outbox');
  // 1. Press Play: one FirstItemAdded (Strawberry) reaches Marketing.
  await playToEnd(page);
  await expect(page.getByTestId('timeline')).toContainText(
    /FirstItemAdded .* delivered to Marketing/,
  );
  // 2. When Orders publishes FirstItemAdded for add-1, the broker rejects it.
  await reset(page);
  await choose(page, /^deliver add-1>Orders/);
  await choose(page, /^add-1@Orders: ok/); // loads the order
  await choose(page, /^add-1@Orders: ok/); // saves the line
  await choose(page, /^add-1@Orders: fail/); // the publish is rejected
  // 3. add-2 goes through, the timer fires, add-1 is retried.
  await stepToEnd(page);
  await expect(page.getByTestId('timeline')).toContainText('add-1@Orders#2');
  // What to observe: FirstItemAdded is lost.
  await expect(page.getByLabel('Run summary')).toContainText(
    'Order cart-1 has 2 line(s), but FirstItemAdded was published never',
  );
});

test('15 token dedup: a crash after the first BillItem, and the retry brings its token back', async ({
  page,
}) => {
  await open(page, '15-token-dedup');
  // 1. Press Play: two BillItem messages, two charges.
  await playToEnd(page);
  await expect(page.getByLabel('Run summary')).not.toContainText('processed 2 times');
  // 2. Orders dispatches the first BillItem, then crashes.
  await reset(page);
  await choose(page, /^deliver m1>Orders/);
  for (let i = 0; i < 5; i++) await choose(page, /^m1@Orders: ok/); // outbox, order, tokens
  await expect(page.getByRole('button', { name: /^m1@Orders: ok/ })).toContainText(
    "ctx.send('Billing', BillItem)",
  );
  await choose(page, /^m1@Orders: ok/); // the first BillItem goes out
  await choose(page, /^m1@Orders: crash/);
  // Billing processes that BillItem completely (and deletes its token).
  await choose(page, /^deliver m1@Orders\.1>Billing/);
  for (let i = 0; i < 6; i++) await choose(page, /^m1@Orders\.1@Billing: ok/);
  // Then the redelivered message runs.
  await stepToEnd(page);
  // What to observe: the same BillItem processed twice, a second Meat charge.
  const summary = page.getByLabel('Run summary');
  await expect(summary).toContainText('m1@Orders.1 was processed 2 times by Billing');
  await expect(summary).toContainText('the invoice has 3 charge(s)');
});

test("22 HTTP edges: the answer to r1 is lost, the browser's retry adds a second line; after a crash the first has no receipt", async ({
  page,
}) => {
  await open(page, '22-http-edges');
  // 1. Press Play: two taps, two lines, two ItemAdded messages, two receipts.
  await playToEnd(page);
  await expect(page.getByLabel('Run summary')).not.toContainText('added its portion 2 times');
  // 2. r1 reads, stamps, commits, sends and writes its receipt; its answer is lost.
  await reset(page);
  await choose(page, /^alice acts/);
  await choose(page, /^request r1 arrives/);
  for (let i = 0; i < 5; i++) await choose(page, /^r1@OrderApi: ok/);
  await expect(page.getByRole('button', { name: /^r1@OrderApi: fail/ })).toContainText(
    'responseLost',
  );
  await choose(page, /^r1@OrderApi: fail/);
  // 3. The browser retries: r1 arrives again, as a new attempt under the same request id.
  await choose(page, /^request r1 arrives/);
  await stepToEnd(page);
  await expect(page.getByTestId('timeline')).toContainText('r1@OrderApi#2');
  // What to observe: a second Meat line with a new stamp, and the message re-sent with it.
  const summary = page.getByLabel('Run summary');
  await expect(summary).toContainText('Request r1 added its portion 2 times');
  await expect(summary).toContainText('re-sent item-added-r1 with different content');
  // 4. Again, but r1@OrderApi crashes right after its commit, before the message and the receipt.
  await reset(page);
  await choose(page, /^alice acts/);
  await choose(page, /^request r1 arrives/);
  for (let i = 0; i < 2; i++) await choose(page, /^r1@OrderApi: ok/);
  // A crash at a call takes effect after it: here, right after the write commits.
  const crash = page.getByRole('button', { name: /^r1@OrderApi: crash/ });
  await expect(crash).toContainText('line 21: a write to db');
  await choose(page, /^r1@OrderApi: crash/);
  await choose(page, /^request r1 arrives/);
  await stepToEnd(page);
  await expect(page.getByTestId('timeline')).toContainText('r1@OrderApi#2');
  // What to observe: two lines again, but the first line never got its message or its receipt:
  // one ItemAdded for r1 (with the second stamp), nothing re-sent.
  await expect(summary).toContainText('Request r1 added its portion 2 times');
  await expect(summary).not.toContainText('re-sent item-added-r1');
  const sent = page.getByTestId('timeline').getByText(/^ItemAdded item-added-r1 enqueued/);
  await expect(sent).toHaveCount(1);
  await expect(sent).toContainText('by r1@OrderApi#2');
  await expect(summary).toContainText(
    'The line stamped clock-1 (request r1) is in the order, but it has no receipt.',
  );
});

test('21 out-of-document outbox: seed 1 crashes after the first write; the order carries its outbox', async ({
  page,
}) => {
  await open(page, '21-out-of-document-outbox');
  // 1. Press Play (seed 1): Orders crashes right after add-1's first write, the redelivered add-1
  // sends its stored ItemAdded, then add-2 goes through; Billing hears about both lines.
  await page.getByRole('textbox', { name: 'Seed', exact: true }).fill('1');
  await playToEnd(page);
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toContainText('add-1@Orders#2');
  await expect(timeline).toContainText('add-1/ItemAdded');
  await expect(timeline).toContainText('add-2/ItemAdded');
  // 2. Back to step 4, where add-1@Orders writes orders/order-1 (version 2) just before the crash.
  const back = page.getByRole('button', { name: '← Back' });
  for (let i = 0; i < 40; i++) {
    if (/^Step 4 of/.test((await page.getByTestId('cursor').textContent()) ?? '')) break;
    await back.click();
  }
  await expect(page.getByTestId('cursor')).toHaveText(/^Step 4 of/);
  // The order carries `outbox`, and in it add-1's whole ItemAdded message.
  const world = page.getByTestId('world-state');
  await expect(world).toContainText('orders/order-1');
  await expect(world).toContainText('"outbox":{"add-1":[{"id":"add-1/ItemAdded"');
});

test('the steps to pick say who does what, with which outcome', async ({ page }) => {
  await open(page, '04-lost-message');
  await reset(page);
  await choose(page, /^alice acts/);
  await choose(page, /^request r1 arrives/);
  await choose(page, /^r1@Frontend: ok/); // reads the cart
  await choose(page, /^r1@Frontend: ok/); // saves it as submitted
  // ...and where: the line of the starter that makes the call.
  const line =
    readFileSync('exercises/04-lost-message/starter.ts', 'utf8')
      .split('\n')
      .findIndex((l) => l.includes("ctx.send('Orders'")) + 1;
  await expect(page.getByRole('button', { name: /^r1@Frontend: ok/ })).toContainText(
    `Frontend, line ${line}: ctx.send('Orders', SubmitOrder) → ok`,
  );
  await expect(page.getByRole('button', { name: /^r1@Frontend: fail/ })).toContainText(
    `Frontend, line ${line}: ctx.send('Orders', SubmitOrder) → fails (sendFail)`,
  );
});
