import { describe, expect, it } from 'vitest';
import { pinExercise } from '../../src/workshop/testing';

const { check, counterexample } = await pinExercise('05-ghost-message');

describe('05 ghost message', () => {
  it("the starter's counterexample: SubmitOrder is enqueued before anything was committed", () => {
    const { events } = counterexample();
    const ghost = events.find((e) => e.type === 'enqueue');
    expect(ghost).toMatchObject({ type: 'enqueue', ghost: true, messageType: 'SubmitOrder' });
    expect(events.some((e) => e.type === 'commit')).toBe(false);
  });

  it('pins the state counts and counterexample lengths', () => {
    expect(check('starter')).toMatchObject({
      invariant: 'noGhostMessages',
      depth: 4,
    });
    expect(check('solution')).toMatchObject({
      verdict: 'passed',
      distinctStates: 41,
    });
    expect(check('save-then-send-once')).toMatchObject({
      invariant: 'noLostMessages',
      depth: 8,
    });
    expect(check('send-twice')).toMatchObject({
      invariant: 'atMostOneOrderPerCart',
      depth: 11,
    });
  });
});
