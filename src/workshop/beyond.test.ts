/**
 * Grown workloads of the exercises (beyond.ts): a fix that holds only at an exercise's exact
 * bounds fails one step past them, where the reference solution still holds; where the reference
 * does not, the grown workload is skipped, saying why.
 */
import { describe, expect, it } from 'vitest';
import { initialMessageIds } from '../sim';
import { applySettings, SettingError } from './settings';
import { loadBundle } from './testing';
import { checkVariant } from './verify';
import type { VariantCheck } from './verify';

describe('grown-workload settings', () => {
  it('copies the last message under new ids and the first tab under new names', async () => {
    const inbox = await loadBundle('14-inbox');
    const grown = applySettings(inbox.manifest, { 'workload.extraMessages': '2' });
    const messages = grown.workload.messages!;
    expect(messages).toHaveLength(inbox.manifest.workload.messages!.length + 2);
    expect(messages.at(-1)!.payload).toEqual(inbox.manifest.workload.messages!.at(-1)!.payload);
    const ids = initialMessageIds(messages);
    expect(new Set(ids).size).toBe(ids.length);

    const async = await loadBundle('03-going-async');
    const tabs = applySettings(async.manifest, { 'workload.extraTabs': '1' }).workload.tabs!;
    expect(tabs.map((t) => t.name)).toEqual([
      ...async.manifest.workload.tabs!.map((t) => t.name),
      'alice-2',
    ]);
    expect(tabs.at(-1)!.actions).toEqual(tabs[0]!.actions);
  });

  it('rejects what it cannot grow, by name', async () => {
    const async = await loadBundle('03-going-async');
    expect(() => applySettings(async.manifest, { 'workload.extraMessages': '1' })).toThrow(
      /workload.extraMessages: this exercise starts with no message to copy/,
    );
    expect(() => applySettings(async.manifest, { 'workload.extraTabs': '9' })).toThrow(
      SettingError,
    );
  });
});

/** What a passed check says of its grown workload `name` (walks, or why it was skipped). */
function grownOf(check: VariantCheck, name: string) {
  return check.result.verdict === 'passed'
    ? check.result.beyond?.find((b) => b.name === name)
    : undefined;
}

async function solutionCheck(folder: string) {
  const bundle = await loadBundle(folder);
  const file = bundle.manifest.files.solution;
  return checkVariant(bundle, { variant: 'solution', file, expected: null });
}

describe('past the bounds after a pass', () => {
  it('a fix without the version check passes 03 within its bounds but fails with a second tab', async () => {
    const bundle = await loadBundle('03-going-async');
    const solution = bundle.sources[bundle.manifest.files.solution]!;
    const unversioned = solution.replace(/,\s*\{ expectedVersion: cart\.version \},?/, '');
    expect(unversioned).not.toBe(solution);
    const check = checkVariant(
      bundle,
      { variant: 'unversioned', file: 'solution.ts', expected: null },
      () => 0,
      unversioned,
    );
    expect(check.verdict).toBe('violated');
    if (check.result.verdict !== 'violated') return;
    expect(check.result.beyond).toEqual({
      name: 'one more browser tab',
      settings: { 'workload.extraTabs': '1' },
    });
    // Its counterexample replays on the grown workload, and breaks the invariant there.
    const replayed = check.replayCounterexample()!;
    expect(replayed.world.tabs.map((t) => t.tab)).toEqual(['alice', 'bob', 'alice-2']);
    const grown = applySettings(bundle.manifest, check.result.beyond!.settings);
    const invariant = grown.invariants.find((i) => i.name === check.invariant);
    expect(invariant?.name).toBe('oneOrderPerSubmittedCart');
    expect(invariant!.check(replayed.world)).toMatch(/submitted but has 2 orders/);
  });

  it('the solution passes, with the walks each grown workload took', async () => {
    const check = await solutionCheck('03-going-async');
    expect(check.verdict).toBe('passed');
    expect(check.result.verdict === 'passed' && check.result.beyond).toMatchObject([
      { name: 'one more browser tab', walks: 120 },
    ]);
  });

  it('where the reference solution itself breaks an invariant, the grown workload is skipped', async () => {
    const check = await solutionCheck('04-lost-message');
    expect(check.verdict).toBe('passed');
    const fault = grownOf(check, 'one more fault');
    expect(fault?.walks).toBe(0);
    expect(fault?.skipped).toMatch(/^the reference solution itself breaks \w+ there$/);
  });

  it('a grown manifest of the same folder decides its own grown workloads (no reuse of another’s)', async () => {
    // 14 with a second message: one more message (three) breaks the reference there, which the
    // exercise's own workload (two with one more) does not. Checked after the exercise's own, so
    // a decision kept by folder would walk the solution where the reference itself fails.
    const own = await solutionCheck('14-inbox');
    const ownMessage = grownOf(own, 'one more message');
    expect(ownMessage?.walks).toBeGreaterThan(0);
    const bundle = await loadBundle('14-inbox');
    const messages = bundle.manifest.workload.messages!;
    const grown = {
      ...bundle,
      manifest: {
        ...bundle.manifest,
        workload: {
          messages: [
            ...messages,
            { ...messages[0]!, payload: { orderId: 'order-1', filling: 'Mushrooms' } },
          ],
        },
      },
    };
    const file = grown.manifest.files.solution;
    const check = checkVariant(grown, { variant: 'solution', file, expected: null });
    expect(check.verdict).toBe('passed');
    const message = grownOf(check, 'one more message');
    expect(message?.walks).toBe(0);
    expect(message?.skipped).toMatch(/^the reference solution itself breaks \w+ there$/);
  });
});
