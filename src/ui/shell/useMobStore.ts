/**
 * The mob timer's state (mobTimer.ts) in a zustand store, remembered whole (a running turn goes
 * on after a reload) and shared by every window of the browser (storage events), and by a
 * team's laptops in a room (`setMobPublisher` and `receive`, useTeamTimer.ts). The clock is
 * injectable (`setMobClock`); by default it is the wall clock, which Playwright's `page.clock`
 * can fast-forward.
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

/** Where this browser's own timer changes are sent too (a team's timer in a room), or null. */
let publisher: ((t: MobTimer) => void) | null = null;
/** Shares the timer with `team` through `p` (null: shared with nobody any more). */
export function setMobPublisher(p: ((t: MobTimer) => void) | null, team: string | null = null) {
  publisher = p;
  useMobStore.setState({ sharedWith: p ? team : null });
}

interface MobState {
  timer: MobTimer;
  /** Increments when a turn ends in this window (the sound keys on it). */
  endedCount: number;
  /** A short sound when a turn ends (remembered). */
  sound: boolean;
  /** The team this timer is shared with across laptops (null: this browser's own). */
  sharedWith: string | null;
  toggle(): void;
  skip(): void;
  tick(): void;
  acknowledge(): void;
  setSound(on: boolean): void;
  configure(names: string[], turnMs: number): void;
  /** The timer as someone else changed it (a teammate): taken as it is, not sent back. */
  receive(t: MobTimer): void;
}

function read(): { timer: MobTimer; sound: boolean } {
  try {
    const d = JSON.parse(window.localStorage.getItem(MOB_KEY) ?? 'null') as unknown;
    const sound = typeof d === 'object' && d !== null && (d as { sound?: unknown }).sound === true;
    return { timer: timer.parseTimer(d), sound };
  } catch {
    return { timer: timer.createTimer(), sound: false };
  }
}

function save(t: MobTimer, sound: boolean) {
  try {
    window.localStorage.setItem(MOB_KEY, JSON.stringify({ ...t, sound }));
  } catch {
    // Not remembered in this browser.
  }
}

export const useMobStore = create<MobState>((set, get) => {
  /** The timer now; sent to the team unless it came from there (`fromTeam`). */
  const put = (t: MobTimer, ended = false, fromTeam = false) => {
    set({ timer: t, endedCount: get().endedCount + (ended ? 1 : 0) });
    save(t, get().sound);
    if (!fromTeam) publisher?.(t);
  };
  // One timer for every window of this browser (the presenter's too): another window's change
  // arrives as a storage event.
  if (typeof window !== 'undefined')
    window.addEventListener('storage', (e) => {
      if (e.key === MOB_KEY) set(read());
    });
  return {
    ...read(),
    endedCount: 0,
    sharedWith: null,
    toggle: () => {
      const t = get().timer;
      put(t.running ? timer.pause(t, clock.now()) : timer.start(t, clock.now()));
    },
    skip: () => put(timer.skip(get().timer)),
    tick: () => {
      const { timer: next, ended } = timer.tick(get().timer, clock.now());
      if (next !== get().timer) put(next, ended);
    },
    acknowledge: () => put(timer.acknowledge(get().timer)),
    setSound: (on) => {
      set({ sound: on });
      save(get().timer, on);
    },
    configure: (names, turnMs) => put(timer.configure(get().timer, names, turnMs)),
    // A turn that ended on a teammate's laptop first ends here too: banner and sound.
    receive: (t) => put(t, t.turnEnded && t.turn > get().timer.turn, true),
  };
});

export const mobNow = () => clock.now();
