import { describe, expect, it } from 'vitest';
import { doc, docs } from '../../src/sim';
import { pinExercise } from '../../src/workshop/testing';
import type { Cart } from '../types';

const { check, counterexample } = await pinExercise('06-resend-if-in-doubt');

describe('06 resend if in doubt', () => {
  it("the starter's counterexample: the send fails, the retry sees 'submitted' and gives up", () => {
    const { world, events, check } = counterexample();
    expect(check.invariant).toBe('noLostMessages');
    expect(
      events.some(
        (e) =>
          e.type === 'sendFail' && e.endpoint === 'WebFrontend' && e.messageType === 'SubmitOrder',
      ),
    ).toBe(true);
    // The broker did retry: the same SendSubmitOrder was delivered a second time.
    expect(
      events.some((e) => e.type === 'deliver' && e.endpoint === 'WebFrontend' && e.delivery === 2),
    ).toBe(true);
    expect(doc<Cart>(world, 'carts', 'cart-1')?.submitted).toBe(true);
    expect(events.some((e) => e.type === 'enqueue' && e.messageType === 'SubmitOrder')).toBe(false);
    expect(docs(world, 'orders')).toHaveLength(0);
  });

  it('no-freeze: the re-send carries the Strawberry the first send did not', () => {
    const { events } = counterexample('no-freeze');
    const sent = events.filter((e) => e.type === 'enqueue' && e.messageType === 'SubmitOrder');
    expect(sent).toHaveLength(2);
    expect(events.some((e) => e.type === 'commit' && e.endpoint === 'Frontend')).toBe(true);
  });

  it('the solution passes exhaustively', () => {
    expect(check('solution')).toMatchObject({ verdict: 'passed', distinctStates: 1161 });
  });

  it('each variant fails with its invariant at its depth', () => {
    expect(check('starter')).toMatchObject({ invariant: 'noLostMessages', depth: 15 });
    expect(check('send-then-save')).toMatchObject({ invariant: 'noGhostMessages', depth: 6 });
    expect(check('throw-when-accepted')).toMatchObject({
      invariant: 'noLostMessages',
      depth: 18,
    });
    expect(check('no-freeze')).toMatchObject({
      invariant: 'sameItemsInEverySubmitOrder',
      depth: 16,
    });
  });
});
