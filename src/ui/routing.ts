/**
 * Hash routes: a URL reproduces a view (`#/exercise/04-lost-message?seed=42`). Parsing never
 * throws; a malformed URL becomes a `badUrl` route whose message the page shows.
 */
import { parseSeed } from '../core/random';
import { HAPPY_PATH_SEED } from '../sim/scheduler';
import { decodeShare, encodeShare } from './shareLink';
import type { SharedRun } from './shareLink';

/** The seed of a page whose exercise declares no opening run: the happy path. */
export const DEFAULT_SEED = HAPPY_PATH_SEED;

export type Route =
  | { name: 'path' }
  | { name: 'agenda' }
  /** The presenter window: follows the main window (src/ui/presenter). */
  | { name: 'present' }
  /** The instructor's live view of their room (src/ui/room). */
  | { name: 'room' }
  /** An attendee's join link: the room server and room, to join with a name. */
  | { name: 'join'; server: string; room: string }
  /** `seed`: the URL's (absent: the exercise's opening run). */
  | { name: 'exercise'; folder: string; seed?: number; share?: SharedRun }
  /**
   * A run someone shared (in a room), shown read-only: the viewer's own code is not touched.
   * `ask`: the page came by itself (the instructor's follow-me), so it asks before it runs the code.
   */
  | { name: 'shared'; folder: string; share: SharedRun; ask: boolean }
  | { name: 'badUrl'; message: string };

const FOLDER = /^\d{2,3}-[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  if (raw === '' || raw === '/') return { name: 'path' };
  const [pathPart = '', query = ''] = raw.split('?', 2);
  const parts = pathPart.split('/').filter((p) => p !== '');
  if (parts.length === 1 && parts[0] === 'agenda') return { name: 'agenda' };
  if (parts.length === 1 && parts[0] === 'present') return { name: 'present' };
  if (parts.length === 1 && parts[0] === 'room') return { name: 'room' };
  if (parts.length === 1 && parts[0] === 'join') {
    const params = new URLSearchParams(query);
    return { name: 'join', server: params.get('server') ?? '', room: params.get('room') ?? '' };
  }
  if ((parts[0] !== 'exercise' && parts[0] !== 'shared') || parts.length !== 2) {
    return { name: 'badUrl', message: `There is no page at "#${raw}".` };
  }
  let folder: string;
  try {
    folder = decodeURIComponent(parts[1] ?? '');
  } catch {
    return { name: 'badUrl', message: `"${parts[1]}" is not a valid exercise name.` };
  }
  if (!FOLDER.test(folder)) {
    return {
      name: 'badUrl',
      message: `"${folder}" is not an exercise name (expected a folder such as 04-lost-message).`,
    };
  }
  const params = new URLSearchParams(query);
  // Read raw: URLSearchParams would turn lz-string's '+' into a space.
  const shareText = /(?:^|&)share=([^&]*)/.exec(query)?.[1];
  const decoded = shareText === undefined ? null : decodeShare(shareText);
  if (decoded && !decoded.ok) return { name: 'badUrl', message: decoded.message };
  if (parts[0] === 'shared') {
    if (!decoded) return { name: 'badUrl', message: 'This link to a shared run has no run in it.' };
    return { name: 'shared', folder, share: decoded.run, ask: params.get('ask') === '1' };
  }
  if (decoded) {
    return {
      name: 'exercise',
      folder,
      ...(decoded.run.seed !== null ? { seed: decoded.run.seed } : {}),
      share: decoded.run,
    };
  }
  const seedText = params.get('seed');
  if (seedText === null) return { name: 'exercise', folder };
  const seed = parseSeed(seedText);
  if (seed === undefined) {
    return {
      name: 'badUrl',
      message: `The seed "${seedText}" is not valid: use a whole number from 0 to 4294967295.`,
    };
  }
  return { name: 'exercise', folder, seed };
}

export function exerciseHash(folder: string, seed?: number): string {
  const base = `#/exercise/${encodeURIComponent(folder)}`;
  return seed === undefined ? base : `${base}?seed=${seed}`;
}

/** The hash of a share link (lz-string output is URL-safe, so it needs no escaping). */
export function shareHash(folder: string, run: SharedRun): string {
  return `${exerciseHash(folder)}?share=${encodeShare(run)}`;
}

/**
 * The hash of a shared run's read-only page (`payload`: a share link's, as shared); `ask`: the
 * page asks before it runs the code (it was not opened by the viewer's own click).
 */
export function sharedRunHash(folder: string, payload: string, ask = false): string {
  return `#/shared/${encodeURIComponent(folder)}?share=${payload}${ask ? '&ask=1' : ''}`;
}

export const PATH_HASH = '#/';

/** An attendee's link to join `room` on `server` (the page asks for their name). */
export function joinHash(server: string, room: string): string {
  return `#/join?${new URLSearchParams({ server, room }).toString()}`;
}
