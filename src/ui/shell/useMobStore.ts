/**
 * The mob timer's state (mobTimer.ts) in a zustand store; names, turn length and the turn are
 * remembered. The clock is injectable (`setMobClock`); by default it is the wall clock, which
 * Playwright's `page.clock` can fast-forward.
 */
import { create } from 'zustand';
import * as timer from './mobTimer';
import type { MobTimer } from './mobTimer';

const MOB_KEY = 'rmw.mob';

export interface MobClock {
  now(): number;
}

let clock: MobClock = { now: () => Date.now() };
export function setMobClock(c: MobClock) {
  clock = c;
}

interface MobState {
  timer: MobTimer;
  /** Increments when a turn ends (the pulse and the announcement key on it). */
  endedCount: number;
  toggle(): void;
  skip(): void;
  tick(): void;
  configure(names: string[], turnMs: number): void;
}

function read(): MobTimer {
  try {
    const d = JSON.parse(window.localStorage.getItem(MOB_KEY) ?? 'null') as unknown;
    if (typeof d !== 'object' || d === null) return timer.createTimer();
    const { names, turnMs, turn } = d as Record<string, unknown>;
    const t = timer.configure(
      timer.createTimer(),
      Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [],
      typeof turnMs === 'number' ? turnMs : timer.TURN_MS_DEFAULT,
    );
    return { ...t, turn: typeof turn === 'number' && turn >= 0 ? Math.floor(turn) : 0 };
  } catch {
    return timer.createTimer();
  }
}

function save(t: MobTimer) {
  try {
    const { names, turnMs, turn } = t;
    window.localStorage.setItem(MOB_KEY, JSON.stringify({ names, turnMs, turn }));
  } catch {
    // Not remembered in this browser.
  }
}

export const useMobStore = create<MobState>((set, get) => {
  const put = (t: MobTimer, ended = false) => {
    set({ timer: t, endedCount: get().endedCount + (ended ? 1 : 0) });
    save(t);
  };
  return {
    timer: read(),
    endedCount: 0,
    toggle: () => {
      const t = get().timer;
      put(t.running ? timer.pause(t, clock.now()) : timer.start(t, clock.now()));
    },
    skip: () => put(timer.skip(get().timer)),
    tick: () => {
      const { timer: next, ended } = timer.tick(get().timer, clock.now());
      if (next !== get().timer) put(next, ended);
    },
    configure: (names, turnMs) => put(timer.configure(get().timer, names, turnMs)),
  };
});

export const mobNow = () => clock.now();
