import { describe, expect, it } from 'vitest';
import {
  acknowledge,
  configure,
  createTimer,
  formatMs,
  parseTimer,
  pause,
  roles,
  skip,
  start,
  tick,
  timeLeftMs,
} from './mobTimer';

describe('mob timer', () => {
  const base = configure(createTimer(), ['Ada', 'Bob', 'Cy'], 60_000);

  it('counts down while running and keeps the rest while paused', () => {
    const t = start(base, 1_000);
    expect(timeLeftMs(t, 31_000)).toBe(30_000);
    const p = pause(t, 31_000);
    expect(timeLeftMs(p, 999_999)).toBe(30_000);
    expect(timeLeftMs(start(p, 100_000), 110_000)).toBe(20_000);
  });

  it('rotates the driver once when a turn ends, then waits', () => {
    const t = start(base, 0);
    expect(tick(t, 59_999).ended).toBe(false);
    const { timer, ended } = tick(t, 60_000);
    expect(ended).toBe(true);
    expect(roles(timer)).toEqual({ driver: 'Bob', navigator: 'Cy' });
    expect(timer.running).toBe(false);
    expect(tick(timer, 500_000).ended).toBe(false);
    expect(roles(skip(skip(timer)))).toEqual({ driver: 'Ada', navigator: 'Bob' });
  });

  it('numbers turns without names and clamps settings', () => {
    const t = configure(createTimer(), [' ', ''], 1);
    expect(roles(t)).toEqual({ driver: 'Turn 1', navigator: null });
    expect(t.turnMs).toBe(10_000);
    expect(formatMs(65_000)).toBe('1:05');
    expect(formatMs(400)).toBe('0:01');
  });

  it('a turn that runs out is marked until it is started or seen', () => {
    const { timer: ended } = tick(start(base, 0), 60_000);
    expect(ended.turnEnded).toBe(true);
    expect(acknowledge(ended).turnEnded).toBe(false);
    expect(start(ended, 70_000).turnEnded).toBe(false);
  });

  it('reads a stored timer back, running turn included, and anything malformed as a fresh one', () => {
    const running = start(base, 5_000);
    expect(parseTimer(JSON.parse(JSON.stringify(running)))).toEqual(running);
    expect(
      parseTimer({ ...running, leftMs: -5, endsAtMs: 'soon', names: [1, 'Ada'] }),
    ).toMatchObject({
      running: false,
      endsAtMs: null,
      leftMs: 60_000,
      names: ['Ada'],
    });
    expect(parseTimer('junk')).toEqual(createTimer());
  });
});
