/**
 * The mob timer's rules, pure: a turn lasts `turnMs`; when it ends the driver rotates to the next
 * name and the timer waits for the new driver to start. Time is a parameter (`nowMs`), so the
 * component can use the wall clock and tests can use any clock.
 */
export interface MobTimer {
  /** Optional names, in rotation order; empty means numbered turns. */
  names: string[];
  turnMs: number;
  /** How many turns have ended (the driver is names[turn % names.length]). */
  turn: number;
  running: boolean;
  /** When the running turn ends; null while paused. */
  endsAtMs: number | null;
  /** What is left of the turn while paused. */
  leftMs: number;
  /** The last turn ran out and nobody has started the next one or said they saw it. */
  turnEnded: boolean;
}

export const TURN_MS_DEFAULT = 7 * 60_000;
export const TURN_MS_MIN = 10_000;
export const TURN_MS_MAX = 60 * 60_000;
export const NAMES_MAX = 20;

export function createTimer(names: string[] = [], turnMs = TURN_MS_DEFAULT): MobTimer {
  return {
    names,
    turnMs,
    turn: 0,
    running: false,
    endsAtMs: null,
    leftMs: turnMs,
    turnEnded: false,
  };
}

export function timeLeftMs(t: MobTimer, nowMs: number): number {
  return t.running && t.endsAtMs !== null ? Math.max(0, t.endsAtMs - nowMs) : t.leftMs;
}

export function start(t: MobTimer, nowMs: number): MobTimer {
  if (t.running) return t;
  return { ...t, running: true, endsAtMs: nowMs + t.leftMs, turnEnded: false };
}

export function pause(t: MobTimer, nowMs: number): MobTimer {
  if (!t.running) return t;
  return { ...t, running: false, endsAtMs: null, leftMs: timeLeftMs(t, nowMs) };
}

/** Ends the turn now: the next person drives, and the timer waits to be started. */
export function skip(t: MobTimer): MobTimer {
  return {
    ...t,
    turn: t.turn + 1,
    running: false,
    endsAtMs: null,
    leftMs: t.turnMs,
    turnEnded: false,
  };
}

/** The end of the turn was seen: the banner goes, the timer still waits to be started. */
export function acknowledge(t: MobTimer): MobTimer {
  return t.turnEnded ? { ...t, turnEnded: false } : t;
}

/** Advances time: a running turn that is over rotates (ended = true, once). */
export function tick(t: MobTimer, nowMs: number): { timer: MobTimer; ended: boolean } {
  if (!t.running || t.endsAtMs === null || nowMs < t.endsAtMs) return { timer: t, ended: false };
  return { timer: { ...skip(t), turnEnded: true }, ended: true };
}

/** New settings; the current turn restarts with the new length. */
export function configure(t: MobTimer, names: string[], turnMs: number): MobTimer {
  const clean = names
    .map((n) => n.trim())
    .filter((n) => n !== '')
    .slice(0, NAMES_MAX);
  const ms = Math.min(TURN_MS_MAX, Math.max(TURN_MS_MIN, Math.round(turnMs)));
  return {
    ...t,
    names: clean,
    turnMs: ms,
    running: false,
    endsAtMs: null,
    leftMs: ms,
    turnEnded: false,
  };
}

/**
 * A timer as stored (or written by another window), validated: anything malformed falls back to
 * a fresh timer, a running turn keeps its end time (it continues after a reload).
 */
export function parseTimer(d: unknown): MobTimer {
  if (typeof d !== 'object' || d === null) return createTimer();
  const r = d as Record<string, unknown>;
  const names = Array.isArray(r.names)
    ? r.names.filter((n): n is string => typeof n === 'string')
    : [];
  const t = configure(
    createTimer(),
    names,
    typeof r.turnMs === 'number' ? r.turnMs : TURN_MS_DEFAULT,
  );
  const turn = typeof r.turn === 'number' && r.turn >= 0 ? Math.floor(r.turn) : 0;
  const leftMs =
    typeof r.leftMs === 'number' && r.leftMs >= 0 && r.leftMs <= t.turnMs ? r.leftMs : t.turnMs;
  const running =
    r.running === true && typeof r.endsAtMs === 'number' && Number.isFinite(r.endsAtMs);
  return {
    ...t,
    turn,
    leftMs,
    running,
    endsAtMs: running ? (r.endsAtMs as number) : null,
    turnEnded: r.turnEnded === true,
  };
}

/** Who drives and who navigates in a turn. */
export function roles(t: MobTimer, turn = t.turn): { driver: string; navigator: string | null } {
  const n = t.names.length;
  if (n === 0) return { driver: `Turn ${turn + 1}`, navigator: null };
  return {
    driver: t.names[turn % n]!,
    navigator: n > 1 ? t.names[(turn + 1) % n]! : null,
  };
}

export function formatMs(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
