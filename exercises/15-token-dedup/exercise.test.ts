import { describe, expect, it } from 'vitest';
import { doc } from '../../src/sim';
import { pinExercise } from '../../src/workshop/testing';

const { check, counterexample } = await pinExercise('15-token-dedup');
type Invoice = { charges: { filling: string }[] };

describe('15 token dedup', () => {
  it("the starter's counterexample: the retry re-creates the consumed token, Billing charges twice", () => {
    const { events, world } = counterexample();
    const token = events.filter((e) => e.type === 'kv' && e.key === 'm1@Orders.1');
    // created by the first attempt, consumed by Billing, created again by the retry
    expect(token.map((e) => e.type === 'kv' && `${e.attemptId} ${e.op}`)).toEqual(
      expect.arrayContaining(['m1@Orders put', 'm1@Orders.1@Billing delete', 'm1@Orders#2 put']),
    );
    const del = token.findIndex((e) => e.type === 'kv' && e.op === 'delete');
    const again = token.findIndex(
      (e) => e.type === 'kv' && e.op === 'put' && e.attemptId === 'm1@Orders#2',
    );
    expect(again).toBeGreaterThan(del);
    expect(events.some((e) => e.type === 'crash' && e.endpoint === 'Orders')).toBe(true);
    const charges = doc<Invoice>(world, 'invoices', 'order-1')!.charges.map((c) => c.filling);
    expect(charges).toEqual(['Meat', 'Meat']);
  });

  it('fresh-tokens-no-checkpoint: the same message id arrives with a second, fresh token', () => {
    const { events } = counterexample('fresh-tokens-no-checkpoint');
    const bill = events.filter((e) => e.type === 'enqueue' && e.messageId === 'm1@Orders.1');
    expect(bill.map((e) => e.type === 'enqueue' && e.producedBy.attemptId)).toEqual([
      'm1@Orders',
      'm1@Orders#2',
    ]);
  });

  it('pins the state counts and counterexample lengths', () => {
    expect(check('starter')).toMatchObject({
      invariant: 'noDuplicateProcessing',
      depth: 25,
    });
    expect(check('solution')).toMatchObject({
      verdict: 'passed',
      distinctStates: 988,
    });
    expect(check('fresh-tokens-no-checkpoint')).toMatchObject({
      invariant: 'noDuplicateProcessing',
      depth: 25,
    });
    expect(check('keep-used-tokens')).toMatchObject({
      invariant: 'boundedDedupData',
      depth: 19,
    });
    expect(check('consume-first')).toMatchObject({
      invariant: 'everyItemBilled',
      depth: 27,
    });
  });
});
