import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { createPlaybackMachine, SPEEDS } from './playbackMachine';
import type { SeekAnswer } from './playbackMachine';

/** A seek the test answers by hand: the requested cursors, and a way to answer the oldest. */
function manualSeek(length: number) {
  const asked: number[] = [];
  const waiting: ((answer: SeekAnswer) => void)[] = [];
  const seek = (cursor: number) => {
    asked.push(cursor);
    return new Promise<SeekAnswer>((resolve) => waiting.push(resolve));
  };
  const answer = async (ok = true) => {
    const cursor = asked[asked.length - waiting.length]!;
    waiting.shift()!({ ok, cursor, length });
    await Promise.resolve();
    await Promise.resolve();
  };
  return { seek, asked, answer };
}

const motion = (actor: { getSnapshot(): { value: unknown } }) =>
  (actor.getSnapshot().value as { motion: unknown }).motion;

afterEach(() => vi.useRealTimers());

describe('the playback machine', () => {
  it('accumulates quick moves on the target and seeks once more to where the learner ended', async () => {
    const s = manualSeek(10);
    const actor = createActor(createPlaybackMachine(s.seek)).start();
    const latest = { cursor: 2, length: 10 };
    actor.send({ type: 'SEEK_BY', delta: 1, latest });
    actor.send({ type: 'SEEK_BY', delta: 1, latest });
    actor.send({ type: 'SEEK_BY', delta: 1, latest });
    expect(actor.getSnapshot().context.target).toBe(5);
    expect(s.asked).toEqual([3]);
    await s.answer();
    // The answer for 3 is stale: it goes on to 5 instead of showing 3 as the cursor.
    expect(s.asked).toEqual([3, 5]);
    expect(motion(actor)).toBe('seeking');
    await s.answer();
    expect(motion(actor)).toBe('idle');
    expect(actor.getSnapshot().context.target).toBeNull();
  });

  it('clamps to the run and ignores a move that goes nowhere', () => {
    const s = manualSeek(4);
    const actor = createActor(createPlaybackMachine(s.seek)).start();
    actor.send({ type: 'SEEK_BY', delta: -1, latest: { cursor: 0, length: 4 } });
    actor.send({ type: 'SEEK_TO', cursor: 9, latest: { cursor: 4, length: 4 } });
    expect(s.asked).toEqual([]);
    expect(motion(actor)).toBe('idle');
    actor.send({ type: 'SEEK_TO', cursor: 9, latest: { cursor: 1, length: 4 } });
    expect(s.asked).toEqual([4]);
  });

  it('plays one step per tick of the chosen speed and stops at the end', async () => {
    vi.useFakeTimers();
    const asked: number[] = [];
    const seek = (cursor: number) => {
      asked.push(cursor);
      return Promise.resolve({ ok: true, cursor, length: 3 });
    };
    const actor = createActor(createPlaybackMachine(seek)).start();
    actor.send({ type: 'SPEED', speed: 'slow' });
    actor.send({ type: 'PLAY', from: { cursor: 0, length: 3 } });
    await vi.advanceTimersByTimeAsync(SPEEDS.slow - 1);
    expect(asked).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(asked).toEqual([1]);
    await vi.advanceTimersByTimeAsync(SPEEDS.slow * 5);
    expect(asked).toEqual([1, 2, 3]);
    expect(motion(actor)).toBe('idle');
  });

  it('pauses, and a STOP drops a seek in flight so its late answer changes nothing', async () => {
    vi.useFakeTimers();
    const s = manualSeek(5);
    const actor = createActor(createPlaybackMachine(s.seek)).start();
    actor.send({ type: 'PLAY', from: { cursor: 0, length: 5 } });
    actor.send({ type: 'PAUSE' });
    await vi.advanceTimersByTimeAsync(SPEEDS.fast * 3);
    expect(s.asked).toEqual([]);
    actor.send({ type: 'SEEK_TO', cursor: 3, latest: { cursor: 0, length: 5 } });
    actor.send({ type: 'STOP' });
    expect(motion(actor)).toBe('idle');
    await s.answer();
    expect(motion(actor)).toBe('idle');
    expect(actor.getSnapshot().context.target).toBeNull();
  });

  it('shows a counterexample, keeps the first explanation, and clears it for an ordinary run', () => {
    const actor = createActor(createPlaybackMachine(manualSeek(1).seek)).start();
    actor.send({
      type: 'SHOW_COUNTEREXAMPLE',
      counterexample: { invariant: 'noLostMessages', labels: ['a', 'b'], explanation: null },
    });
    expect(actor.getSnapshot().matches({ shown: 'counterexample' })).toBe(true);
    actor.send({ type: 'EXPLAIN', explanation: 'cart-1 was never sent' });
    actor.send({ type: 'EXPLAIN', explanation: 'a later guess' });
    expect(actor.getSnapshot().context.counterexample?.explanation).toBe('cart-1 was never sent');
    actor.send({ type: 'CLEAR_COUNTEREXAMPLE' });
    expect(actor.getSnapshot().matches({ shown: 'run' })).toBe(true);
    expect(actor.getSnapshot().context.counterexample).toBeNull();
  });
});
