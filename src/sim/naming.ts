/**
 * Canonical names for what the engine creates: requests, attempts, message copies and the ids
 * handlers mint. Each is named by what it is, never by a global counter, so two runs that reach
 * the same situation in a different order reach the same world (the checker then sees one state
 * where numbering by arrival saw several):
 * - a request is its tab's k-th action: `r2` (or `alice-phone.r2` when there are several tabs);
 * - an attempt is the k-th attempt of an endpoint at one input: `m1@Orders`, then `m1@Orders#2`;
 * - a copy is the k-th copy of a message at a destination: `m1>Orders`, then `m1>Orders#2`;
 * - a handler's n-th minted id is `<attempt>.<n>` (runtime.ts), e.g. `r1@Frontend.1`: a retry
 *   is a new attempt, so it mints new ids (what exercise 11 teaches).
 * The per-name counters live in `world.minted`, which is part of the state.
 */
import type { World } from './world';
import { own } from './cloneWorld';

/** `base` the first time, then `base#2`, `base#3`... */
function next(world: World, base: string): string {
  const minted = own(world, 'minted');
  const k = (minted[base] ?? 0) + 1;
  minted[base] = k;
  return k === 1 ? base : `${base}#${k}`;
}

export function attemptName(world: World, endpoint: string, incomingId: string): string {
  return next(world, `${incomingId}@${endpoint}`);
}

export function copyName(world: World, messageId: string, destination: string): string {
  return next(world, `${messageId}>${destination}`);
}

/** Requests need no counter: a tab acts once per scripted action. */
export function requestName(tabCount: number, tab: string, actionIndex: number): string {
  return tabCount > 1 ? `${tab}.r${actionIndex + 1}` : `r${actionIndex + 1}`;
}

/** The attempt that minted `id` (`m1@Orders` for `m1@Orders.2`), or null for any other id. */
export function mintedBy(id: string): string | null {
  return /^(.*@[^@.]+)\.\d+$/.exec(id)?.[1] ?? null;
}
