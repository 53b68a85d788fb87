import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRIES } from '../sim';
import { retryPolicyOf } from '../sim/actors';
import { loadBundle } from './testing';
import { applySettings, retryEndpoints, SettingError } from './settings';
import { checkVariant, variantsOf } from './verify';

const eventSourcing = await loadBundle('17-event-sourcing');
const retryStorm = await loadBundle('07-retry-storm');
const errorOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof SettingError) return e.message;
    throw e;
  }
  return null;
};

describe('applySettings', () => {
  it('sets dispatch and fault budgets, and leaves the manifest itself alone', () => {
    const m = applySettings(eventSourcing.manifest, {
      dispatch: 'batched',
      'faults.total': '2',
      'faults.crash': '2',
    });
    expect(m.dispatch).toBe('batched');
    expect(m.faults).toMatchObject({ total: 2, perKind: { crash: 2, duplicate: 1 } });
    expect(eventSourcing.manifest.faults.total).toBe(1);
  });

  it("sets one field of a message endpoint's retry policy, keeping the others", () => {
    const m = applySettings(eventSourcing.manifest, { 'retries.Marketing.delayed': '2' });
    expect(retryPolicyOf(m, 'Marketing')).toEqual({
      immediate: 3,
      delayed: 2,
      backoffBaseTicks: 10,
    });
    expect(retryEndpoints(eventSourcing.manifest)).toEqual(['Marketing']);
    expect(DEFAULT_RETRIES.delayed).toBe(0);
  });

  it('changes what the checker finds: without its immediate retry, a conflict loses a payment', () => {
    const solution = variantsOf(eventSourcing).find((v) => v.variant === 'solution')!;
    expect(checkVariant(eventSourcing, solution)).toMatchObject({ ok: true });
    const noRetry = applySettings(eventSourcing.manifest, { 'retries.Marketing.immediate': '0' });
    const r = checkVariant({ ...eventSourcing, manifest: noRetry }, solution);
    expect(r.result.verdict).toBe('violated');
  });

  it('explains every bad name or value', () => {
    const m = eventSourcing.manifest;
    expect(errorOf(() => applySettings(m, { 'retries.Nope.immediate': '1' }))).toBe(
      'retries.Nope.immediate: Nope is not a message endpoint of this exercise (message endpoints: Marketing)',
    );
    expect(errorOf(() => applySettings(m, { 'retries.Marketing.immediate': '11' }))).toBe(
      'retries.Marketing.immediate must be a whole number from 0 to 10, not "11"',
    );
    expect(errorOf(() => applySettings(m, { 'retries.Marketing.backoffBaseTicks': '1001' }))).toBe(
      'retries.Marketing.backoffBaseTicks must be a whole number from 0 to 1000, not "1001"',
    );
    expect(
      errorOf(() => applySettings(retryStorm.manifest, { 'retries.Orders.delayed': '1' })),
    ).toBe(
      'retries.Orders.delayed: in this exercise the retry policy of Orders comes from your code (export `retries`)',
    );
    expect(errorOf(() => applySettings(m, { 'faults.nope': '1' }))).toMatch(
      /unknown fault kind "nope"/,
    );
    expect(errorOf(() => applySettings(m, { nope: '1' }))).toMatch(
      /^unknown setting "nope" \(known: dispatch/,
    );
    expect(errorOf(() => applySettings(m, { dispatch: 'sometimes' }))).toBe(
      'dispatch must be "immediate" or "batched", not "sometimes"',
    );
  });
});
